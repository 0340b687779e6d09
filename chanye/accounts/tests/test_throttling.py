"""Lockout by address as well as by name (one machine guessing many accounts), the client's address read
from the reverse proxy's header when one is configured, API rate limits, and tokens that expire and can be
revoked (issue 16, defect 6)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from chanye.accounts.services import create_token, revoke_token

PASSWORD = "Zh-correct-horse-9"
ATTACKER = "203.0.113.9"
OFFICE_PC = "10.1.1.20"


@pytest.fixture
def officer(db, django_user_model):
    user = django_user_model.objects.create_user(username="officer", password=PASSWORD)
    user.groups.add(Group.objects.get(name="领导"))
    return user


def sign_in(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_an_address_that_fails_with_many_names_is_locked_out(officer, client):
    for i in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{i}", "wrong-password", REMOTE_ADDR=ATTACKER)
    # The sixth try from that address is refused, even with a real account's right password …
    locked = sign_in(client, "officer", PASSWORD, REMOTE_ADDR=ATTACKER)
    assert locked.status_code == 429
    assert "账户已锁定" in locked.content.decode()
    # … while the account itself still signs in from its own machine.
    assert sign_in(client, "officer", PASSWORD, REMOTE_ADDR=OFFICE_PC).status_code == 302


def test_behind_a_reverse_proxy_the_address_comes_from_its_header(officer, client, settings):
    settings.CHANYE_PROXY_HEADER = "X-Forwarded-For"  # every request reaches Django from the proxy
    through_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for i in range(settings.AXES_FAILURE_LIMIT):
        # The attacker forges a first address; the proxy appends the real one.
        sign_in(client, f"guess{i}", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, {ATTACKER}", **through_proxy)
    assert sign_in(client, "officer", PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER, **through_proxy).status_code == 429
    # The proxy's own address is not locked: other clients behind it still sign in.
    assert sign_in(client, "officer", PASSWORD, HTTP_X_FORWARDED_FOR=OFFICE_PC, **through_proxy).status_code == 302


@pytest.mark.parametrize(
    "header, count, value, expected",
    [
        ("", 1, "198.51.100.1", "127.0.0.1"),  # no proxy configured: the header is the client's word only
        ("X-Forwarded-For", 1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        ("X-Forwarded-For", 2, "198.51.100.1, 10.0.0.2", "198.51.100.1"),
        ("X-Forwarded-For", 1, "not-an-address", "127.0.0.1"),
        ("X-Real-IP", 1, "198.51.100.1", "198.51.100.1"),
    ],
)
def test_the_client_address(rf, settings, header, count, value, expected):
    from chanye.core.addresses import client_address

    settings.CHANYE_PROXY_HEADER, settings.CHANYE_PROXY_COUNT = header, count
    meta = {"HTTP_" + (header or "X-Forwarded-For").upper().replace("-", "_"): value}
    assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1", **meta)) == expected


def test_the_api_answers_429_in_chinese_beyond_the_rate(officer, client, settings):
    settings.CHANYE_API_RATES = {"anon": "3/min", "user": "5/min"}
    header = {"HTTP_AUTHORIZATION": f"Token {create_token(actor=None, user=officer).key}"}
    for _ in range(5):
        assert client.get("/api/v1/clusters/", **header).status_code == 200
    response = client.get("/api/v1/clusters/", **header)
    assert response.status_code == 429
    assert response.json()["detail"].startswith("请求过于频繁")
    assert "Retry-After" in response.headers


def test_an_expired_token_gets_401_and_a_new_one_works(officer, client):
    token = create_token(actor=None, user=officer)
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - datetime.timedelta(days=settings.CHANYE_API_TOKEN_DAYS + 1)
    )
    response = client.get("/api/v1/clusters/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 401
    assert "过期" in response.json()["detail"]

    renewed = create_token(actor=None, user=officer)
    assert renewed.key != token.key
    assert client.get("/api/v1/clusters/", HTTP_AUTHORIZATION=f"Token {renewed.key}").status_code == 200


def test_a_revoked_token_gets_401(officer, client, capsys):
    key = create_token(actor=None, user=officer).key
    assert client.get("/api/v1/clusters/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    call_command("token", "revoke", "officer")
    assert "已吊销" in capsys.readouterr().out
    assert client.get("/api/v1/clusters/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert revoke_token(actor=None, user=officer) is False  # nothing left to revoke
