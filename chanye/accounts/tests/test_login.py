"""Signing in, lockout after repeated failures, session expiry and password rules."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

PASSWORD = "Zh-correct-horse-9"


@pytest.fixture
def officer(db, django_user_model):
    user = django_user_model.objects.create_user(username="officer", password=PASSWORD)
    user.groups.add(Group.objects.get(name="领导"))
    return user


def login(client, password, username="officer"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_correct_password_signs_in(officer, client):
    response = login(client, PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_password_shows_the_form_again(officer, client):
    response = login(client, "wrong-password")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_five_failures_lock_the_account_even_for_the_right_password(officer, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong-password")
    response = login(client, PASSWORD)
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302  # still signed out


def test_failures_at_one_address_do_not_lock_the_account_elsewhere(officer, client):
    """Whoever guesses `admin`'s password from their own machine locks only themselves out."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"}, REMOTE_ADDR="203.0.113.66")
    assert login(client, "irrelevant", username="officer").status_code != 302  # nor let in, of course
    assert (
        client.post(
            reverse("login"), {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.1.1.20"
        ).status_code
        == 302
    )


def test_the_session_ends_with_the_browser_and_after_a_working_day(officer, client):
    login(client, PASSWORD)
    assert client.session.get_expire_at_browser_close()
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


@pytest.mark.parametrize("weak", ["12345678901", "password123", "officer"])
def test_weak_new_passwords_are_refused(officer, client, weak):
    client.force_login(officer)
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
    )
    assert response.status_code == 200
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_a_strong_new_password_is_accepted(officer, client):
    client.force_login(officer)
    new = "Dadukou-5plus2-clusters"
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new)


def test_account_command_sets_role_and_office(db):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    out = io.StringIO()
    call_command("account", "xinxi", "--role", "产业办", "--office", "新材料产业发展办公室", stdout=out)
    password = out.getvalue().strip().rsplit("密码：", 1)[1]
    user = get_user_model().objects.get(username="xinxi")
    assert user.check_password(password)
    assert list(user.groups.values_list("name", flat=True)) == ["产业办"]
    assert user.offices.get().clusters.get().name == "新材料"


def test_account_command_refuses_an_unknown_office(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="部门不存在"):
        call_command("account", "xinxi", "--role", "产业办", "--office", "不存在的办公室")
