"""Writes on accounts: users, role membership, offices and API tokens, each audited."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from rest_framework.authtoken.models import Token

from chanye.accounts.authentication import token_expired
from chanye.core import audit, roles
from chanye.core import services as core
from chanye.core.models import Profile

from .models import Office


def _user_snapshot(user) -> dict:
    profile = Profile.objects.filter(user=user).select_related("region").first()
    return {
        "username": user.username,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "offices": sorted(user.offices.values_list("name", flat=True)),
        "region": str(profile.region) if profile and profile.region else "",
    }


def _ensure_admin(actor) -> None:
    if actor is not None and not roles.is_admin(actor):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只有管理员可以管理账户")


@transaction.atomic
def set_up_account(
    *, actor, username: str, role: str, offices: list[Office] = (), password: str | None = None, region=None
):
    """Create the account if missing, give it exactly this role, these offices and the region it works
    for (None: the instance's own), and set its password (a generated one unless given). Returns
    (user, password)."""
    _ensure_admin(actor)
    if role not in roles.ALL:
        raise ValueError(f"未知角色：{role}")
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    before = None if created else _user_snapshot(user)
    password = password or secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_superuser = user.is_staff = role == roles.ADMIN
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    user.offices.set(offices)
    Profile.objects.update_or_create(user=user, defaults={"region": region})
    audit.record(
        actor=actor,
        action="create" if created else "update",
        obj=user,
        before=before,
        after=_user_snapshot(user),
        note="设置账户（密码已更新）",
    )
    return user, password


def create_office(*, actor, name: str, kind: str = Office.Kind.INDUSTRY, note: str = "") -> Office:
    return core.create(actor=actor, model=Office, data={"name": name, "kind": kind}, note=note)


@transaction.atomic
def create_token(*, actor, user) -> Token:
    """The user's API token, created if missing or expired (one per user, as DRF's Token model keeps)."""
    if actor is not None and actor != user:
        _ensure_admin(actor)
    token, created = Token.objects.get_or_create(user=user)
    if not created and token_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
        audit.record(
            actor=actor,
            action="update",
            obj=user,
            before=None,
            after={"api_token": "已更换"},
            note="更换过期的 API 令牌",
        )
    elif created:
        audit.record(
            actor=actor, action="create", obj=user, before=None, after={"api_token": "已创建"}, note="创建 API 令牌"
        )
    return token


@transaction.atomic
def revoke_token(*, actor, user) -> bool:
    """Delete the user's API token at once (a lost laptop, a leaver); False when there was none."""
    if actor is not None and actor != user:
        _ensure_admin(actor)
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        # The user stays: an update of the account, not a deletion.
        audit.record(
            actor=actor,
            action="update",
            obj=user,
            before={"api_token": "有效"},
            after={"api_token": "已吊销"},
            note="吊销 API 令牌",
        )
    return bool(deleted)


def record_password_change(*, actor) -> None:
    """Django's PasswordChangeForm has saved the new password; this records that it happened."""
    audit.record(actor=actor, action="update", obj=actor, before=None, after={"password": "已修改"}, note="修改密码")
