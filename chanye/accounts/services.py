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
        "full_name": user.first_name,
    }


def _ensure_admin(actor) -> None:
    if actor is not None and not roles.is_admin(actor):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("只有管理员可以管理账户")


@transaction.atomic
def set_up_account(
    *,
    actor,
    username: str,
    role: str,
    offices: list[Office] = (),
    password: str | None = None,
    region=None,
    must_change_password: bool = False,
):
    """Create the account if missing, give it exactly this role, these offices and the region it works
    for (None: the instance's own), and set its password (a generated one unless given; with
    `must_change_password`, its owner must replace it at the next sign-in). Returns (user, password)."""
    _ensure_admin(actor)
    if role not in roles.ALL:
        raise ValueError(f"未知角色：{role}")
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    before = None if created else _user_snapshot(user)
    password = password or generated_password()
    user.set_password(password)
    user.is_superuser = user.is_staff = role == roles.ADMIN
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    user.offices.set(offices)
    Profile.objects.update_or_create(
        user=user, defaults={"region": region, "must_change_password": must_change_password}
    )
    audit.record(
        actor=actor,
        action="create" if created else "update",
        obj=user,
        before=before,
        after=_user_snapshot(user),
        note="设置账户（密码已更新）",
    )
    return user, password


def generated_password() -> str:
    """16 random URL-safe characters: passes every validator of settings.AUTH_PASSWORD_VALIDATORS."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def create_account(*, actor, username: str, full_name: str, role: str, offices=(), region=None):
    """A new account with a generated password its owner must change at the first sign-in. Returns
    (user, password): the password is shown once, to the administrator, and never stored in the clear."""
    _ensure_admin(actor)
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        from django.core.exceptions import ValidationError

        raise ValidationError({"username": f"账户名“{username}”已被使用"})
    user, password = set_up_account(
        actor=actor, username=username, role=role, offices=list(offices), region=region, must_change_password=True
    )
    if full_name:
        before = _user_snapshot(user)
        user.first_name = full_name
        user.save(update_fields=["first_name"])
        _record_update(actor, user, before, note="填写姓名")
    return user, password


def _record_update(actor, user, before: dict, note: str) -> None:
    audit.record(actor=actor, action="update", obj=user, before=before, after=_user_snapshot(user), note=note)


@transaction.atomic
def update_account(*, actor, user, full_name: str, role: str, offices=(), region=None):
    """Change an account's name, role, offices and region; its password stays as it is."""
    _ensure_admin(actor)
    if role not in roles.ALL:
        raise ValueError(f"未知角色：{role}")
    before = _user_snapshot(user)
    user.first_name = full_name
    user.is_superuser = user.is_staff = role == roles.ADMIN
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    user.offices.set(offices)
    Profile.objects.update_or_create(user=user, defaults={"region": region})
    _record_update(actor, user, before, note="修改账户")
    return user


@transaction.atomic
def set_account_active(*, actor, user, active: bool):
    """Disable an account (it can no longer sign in or use its API token) or enable it again. An
    administrator cannot disable their own account, so that the site never loses its last way in."""
    _ensure_admin(actor)
    if not active and actor is not None and actor.pk == user.pk:
        from django.core.exceptions import ValidationError

        raise ValidationError("不能停用自己的账户")
    before = _user_snapshot(user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    _record_update(actor, user, before, note="启用账户" if active else "停用账户")
    return user


@transaction.atomic
def reset_password(*, actor, user) -> str:
    """A new generated password, to be changed by its owner at the next sign-in. Returns it (shown once)."""
    _ensure_admin(actor)
    password = generated_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    Profile.objects.update_or_create(user=user, defaults={"must_change_password": True})
    _record_secret(actor, user, {"password": "已重置"}, "重置密码（须首次登录修改）")
    return password


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
        _record_secret(actor, user, {"api_token": "已更换"}, "更换过期的 API 令牌")
    elif created:
        _record_secret(actor, user, {"api_token": "已创建"}, "创建 API 令牌", action="create")
    return token


@transaction.atomic
def revoke_token(*, actor, user) -> bool:
    """Delete the user's API token at once (a lost laptop, a leaver); False when there was none."""
    if actor is not None and actor != user:
        _ensure_admin(actor)
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        # The user stays: an update of the account, not a deletion.
        _record_secret(actor, user, {"api_token": "已吊销"}, "吊销 API 令牌", before={"api_token": "有效"})
    return bool(deleted)


def record_password_change(*, actor) -> None:
    """Django's PasswordChangeForm has saved the new password; this records that it happened and lifts
    the obligation to change a generated one."""
    Profile.objects.filter(user=actor).update(must_change_password=False)
    _record_secret(actor, actor, {"password": "已修改"}, "修改密码")


def _record_secret(actor, user, after: dict, note: str, *, action: str = "update", before: dict | None = None) -> None:
    """A password or API token of `user` changed: the audit entry says what happened to it, never the secret
    itself (not the password, its hash or the token's key)."""
    audit.record(actor=actor, action=action, obj=user, before=before, after=after, note=note)
