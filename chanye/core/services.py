"""The write path every domain service goes through.

Each function owns its transaction, checks the actor's permission through `restrict`, and
records an audit entry with the before/after values. `actor=None` is the system itself (the
demo loader, migrations) and skips the permission check, never the audit entry.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from chanye.core import audit
from chanye.core.querysets import CHANGE, DELETE


def _manager(model):
    return model._default_manager


def ensure_can_add(actor, model) -> None:
    if actor is not None and not _manager(model).can_add(actor):
        raise PermissionDenied(f"您没有新建{model._meta.verbose_name}的权限")


def ensure_can(actor, obj: models.Model, action: str) -> None:
    if actor is None:
        return
    if not _manager(type(obj)).restrict(actor, action).filter(pk=obj.pk).exists():
        verb = "删除" if action == DELETE else "修改"
        raise PermissionDenied(f"您没有{verb}“{obj}”的权限")


def ensure_in_scope(actor, obj: models.Model) -> None:
    """After a write, the object must still lie where the actor may change it: an office
    cannot create or move an enterprise into a cluster it does not own."""
    if actor is not None and not _manager(type(obj)).restrict(actor, CHANGE).filter(pk=obj.pk).exists():
        raise PermissionDenied(f"保存后的“{obj}”不在您的管理范围内")


def _apply(obj: models.Model, data: dict) -> dict:
    """Set plain fields on the object; return the many-to-many values to set after saving."""
    m2m_names = {f.name for f in obj._meta.many_to_many}
    m2m = {}
    for name, value in data.items():
        if name in m2m_names:
            m2m[name] = value
        else:
            setattr(obj, name, value)
    return m2m


def _save(obj: models.Model, data: dict) -> None:
    m2m = _apply(obj, data)
    obj.full_clean()
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).set(values)


@transaction.atomic
def create(*, actor, model, data: dict, note: str = "", checked: bool = False) -> models.Model:
    """checked=True: the calling service has checked a narrower permission than the model's own
    (a peer region's cluster made from the review queue); the scope is still checked after saving."""
    if not checked:
        ensure_can_add(actor, model)
    obj = model()
    _save(obj, data)
    ensure_in_scope(actor, obj)
    audit.record(actor=actor, action="create", obj=obj, before=None, after=audit.snapshot(obj), note=note)
    return obj


@transaction.atomic
def update(*, actor, obj: models.Model, data: dict, note: str = "") -> models.Model:
    ensure_can(actor, obj, CHANGE)
    obj = _manager(type(obj)).select_for_update().get(pk=obj.pk)
    before = audit.snapshot(obj)
    _save(obj, data)
    ensure_in_scope(actor, obj)
    after = audit.snapshot(obj)
    if after != before:
        audit.record(actor=actor, action="update", obj=obj, before=before, after=after, note=note)
    return obj


@transaction.atomic
def delete(*, actor, obj: models.Model, note: str = "") -> None:
    ensure_can(actor, obj, DELETE)
    obj = _manager(type(obj)).select_for_update().get(pk=obj.pk)  # record what is stored, not a stale copy
    before = audit.snapshot(obj)
    pk = obj.pk
    try:
        obj.delete()
    except models.ProtectedError as error:
        names = "、".join(str(o) for o in list(error.protected_objects)[:5])
        raise ValidationError(f"“{obj}”仍被其他记录引用（{names}），不能删除") from error
    obj.pk = pk  # so the entry names the deleted row
    audit.record(actor=actor, action="delete", obj=obj, before=before, after=None, note=note)
