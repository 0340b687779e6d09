"""The accounts page: administrators create accounts, set their role, offices and region, disable them and
reset their passwords, each through the audited services; a generated password must be changed at first
sign-in; every other role is refused and sees no menu entry."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from chanye.accounts.models import Office
from chanye.core.models import AuditEntry, Profile

PAGES = [
    ("get", "accounts:account-list", False),
    ("get", "accounts:account-create", False),
    ("get", "accounts:account-update", True),
    ("post", "accounts:account-active", True),
    ("post", "accounts:account-password", True),
]


def generated(response) -> str:
    return re.search(r'id="generated-password">([^<]+)<', response.content.decode()).group(1)


def signed_in(username: str, password: str) -> Client | None:
    """A fresh browser session signed in through the login page (as a person would), or None if refused."""
    person = Client()
    response = person.post(reverse("login"), {"username": username, "password": password})
    return person if response.status_code == 302 and "_auth_user_id" in person.session else None


def create(client, **data):
    office = Office.objects.get(name="大数据智能化产业发展办公室")
    form = {"username": "zhangsan", "full_name": "张三", "role": "产业办", "offices": [office.pk], "region": ""}
    return client.post(reverse("accounts:account-create"), {**form, **data})


def test_an_administrator_creates_an_account_whose_password_must_be_changed_first(personas, client_for):
    response = create(client_for(personas["admin"]))
    assert response.status_code == 200
    password = generated(response)
    user = get_user_model().objects.get(username="zhangsan")
    assert user.first_name == "张三" and user.groups.get().name == "产业办"
    assert list(user.offices.values_list("name", flat=True)) == ["大数据智能化产业发展办公室"]
    assert Profile.objects.get(user=user).must_change_password
    assert AuditEntry.objects.for_object(user).filter(actor=personas["admin"]).exists()
    validate_password(password, user)  # the generated password passes the site's own policy

    person = signed_in("zhangsan", password)
    assert person is not None
    assert person.get(reverse("home")).url == reverse("password_change")
    assert person.get(reverse("registry:cluster-list")).url == reverse("password_change")
    changed = person.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Zhangsan-own-pass-42", "new_password2": "Zhangsan-own-pass-42"},
    )
    assert changed.status_code == 302
    assert not Profile.objects.get(user=user).must_change_password
    assert person.get(reverse("home")).status_code == 200


def test_the_password_policy_refuses_short_common_and_numeric_passwords(personas, client_for):
    for weak in ("Ab1-short", "password123", "1234567890123"):
        with pytest.raises(ValidationError):
            validate_password(weak, personas["office"])
    client = client_for(personas["office"])
    refused = client.post(
        reverse("password_change"),
        {"old_password": "Zh-test-password-1", "new_password1": "12345678901", "new_password2": "12345678901"},
    )
    assert refused.status_code == 200 and "密码" in refused.content.decode()


def test_a_taken_username_is_refused_and_the_form_keeps_its_input(personas, client_for):
    response = create(client_for(personas["admin"]), username="office", full_name="重名")
    page = response.content.decode()
    assert response.status_code == 200 and "已被使用" in page and 'value="重名"' in page


def test_role_offices_and_region_are_changed_and_audited(personas, client_for):
    client = client_for(personas["admin"])
    user = personas["office"]
    other = (
        Office.objects.get(name="新材料产业发展办公室")
        if Office.objects.filter(name="新材料产业发展办公室").exists()
        else Office.objects.exclude(members=user).first()
    )
    response = client.post(
        reverse("accounts:account-update", args=[user.pk]),
        {"full_name": "李四", "role": "招商局", "offices": [other.pk], "region": ""},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.groups.get().name == "招商局" and list(user.offices.all()) == [other] and user.first_name == "李四"
    entry = AuditEntry.objects.for_object(user).latest("pk")
    assert entry.before["roles"] == ["产业办"] and entry.after["roles"] == ["招商局"]


def test_a_disabled_account_cannot_sign_in_and_can_be_enabled_again(personas, client_for):
    client = client_for(personas["admin"])
    client.post(reverse("accounts:account-active", args=[personas["statistics"].pk]), {"active": "0"})
    assert signed_in("statistics", "Zh-test-password-1") is None
    client.post(reverse("accounts:account-active", args=[personas["statistics"].pk]), {"active": "1"})
    assert signed_in("statistics", "Zh-test-password-1") is not None
    notes = AuditEntry.objects.for_object(personas["statistics"]).values_list("note", flat=True)
    assert {"停用账户", "启用账户"} <= set(notes)


def test_an_administrator_cannot_disable_their_own_account(personas, client_for):
    client = client_for(personas["admin"])
    client.post(reverse("accounts:account-active", args=[personas["admin"].pk]), {"active": "0"})
    personas["admin"].refresh_from_db()
    assert personas["admin"].is_active


def test_a_reset_password_works_once_and_must_be_changed(personas, client_for):
    response = client_for(personas["admin"]).post(reverse("accounts:account-password", args=[personas["leader"].pk]))
    password = generated(response)
    assert signed_in("leader", "Zh-test-password-1") is None
    person = signed_in("leader", password)
    assert person.get(reverse("home")).url == reverse("password_change")


@pytest.mark.parametrize("role", ["leader", "office", "investment", "statistics", "norole"])
def test_other_roles_are_refused_and_see_no_menu_entry(personas, client_for, role):
    client = client_for(personas[role])
    target = personas["admin"].pk
    for method, name, with_pk in PAGES:
        url = reverse(name, args=[target] if with_pk else [])
        assert getattr(client, method)(url).status_code == 403, url
    if role != "norole":
        assert reverse("accounts:account-list") not in client.get(reverse("home")).content.decode()
    personas["admin"].refresh_from_db()
    assert personas["admin"].is_active


def test_administrators_see_the_list_and_the_menu_entry(personas, client_for):
    client = client_for(personas["admin"])
    assert reverse("accounts:account-list") in client.get(reverse("home")).content.decode()
    page = client.get(reverse("accounts:account-list")).content.decode()
    assert all(f'data-account="{name}"' in page for name in ("admin", "office", "statistics"))


def test_the_account_command_s_password_must_be_changed_too(db, demo):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("account", "wangwu", "--role", "统计", stdout=out)
    assert Profile.objects.get(user__username="wangwu").must_change_password
