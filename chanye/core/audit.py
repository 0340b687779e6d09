"""Recording audit entries. Called by every domain service inside its transaction, so the
entry is written exactly when the change is, and vanishes with it on rollback."""

import datetime
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

SYSTEM = "系统"


def snapshot(obj: models.Model) -> dict:
    """A JSON-ready picture of an object's fields, many-to-many included (as sorted ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        data[field.name] = _plain(field.value_from_object(obj))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(related.pk for related in field.value_from_object(obj))
    return data


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, dict, str, int, float, bool)) or value is None:
        return value
    return str(value)


def acting_user(actor):
    """The signed-in user who acts, or None when the system itself does (demo loader, commands)."""
    return actor if actor is not None and actor.is_authenticated else None


def actor_name(actor) -> str:
    user = acting_user(actor)
    return user.get_username() if user is not None else SYSTEM


AS_IT_IS = object()  # record's default `after`: the object's snapshot at the time of recording


def record(
    *, actor, action: str, obj: models.Model, before: dict | None, after: dict | None = AS_IT_IS, note: str = ""
) -> AuditEntry:
    """One entry: `obj` was `before` and is `after` the change (by default, as it is now)."""
    if after is AS_IT_IS:
        after = snapshot(obj)
    return AuditEntry.objects.create(
        actor=acting_user(actor),
        actor_name=actor_name(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        note=note[:300],
    )
