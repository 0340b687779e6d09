"""The write path every domain service goes through.

Each function owns its transaction, checks the actor's permission through `restrict`, and
records an audit entry with the before/after values. `actor=None` is the system itself (the
demo loader, migrations) and skips the permission check, never the audit entry.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from chanye.core import audit, roles
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


def _pks(values) -> set:
    return {v.pk if isinstance(v, models.Model) else v for v in values or ()}


def _touched(obj: models.Model, name: str, value) -> set:
    """The ids of the rows a write of `value` into relation `name` attaches `obj` to or detaches it from."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        before = set(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else set()
        return before ^ _pks(value)
    before = getattr(obj, field.attname) if obj.pk else None
    after = value.pk if isinstance(value, models.Model) else value
    return {before, after} - {None} if before != after else set()


def ensure_relations_in_scope(actor, obj: models.Model, data: dict) -> None:
    """Before anything is written: each row the write attaches `obj` to or detaches it from, through the
    relations that put it in someone's charge (the model's `scope_relations`), must be one the actor may
    attach things to. An 产业办 cannot add another office's cluster to an enterprise, take it away from a
    shared one, or record a title or figure about another office's enterprise; and since nothing is
    written first, the answer does not tell whether such a record already exists."""
    if actor is None:
        return
    queryset = _manager(type(obj)).all()
    if roles.is_admin(actor) or not queryset.scope_relations:
        return
    for name in queryset.scope_relations:
        if name not in data:
            continue
        touched = _touched(obj, name, data[name])
        allowed = queryset.attachable(actor, name) if touched else None
        if allowed is None:
            continue
        refused = touched - set(allowed.filter(pk__in=touched).values_list("pk", flat=True))
        if refused:
            related = obj._meta.get_field(name).related_model
            names = "、".join(str(r) for r in related._default_manager.filter(pk__in=refused)[:5])
            label = obj._meta.get_field(name).verbose_name
            raise PermissionDenied(f"{label}“{names}”不在您的管理范围内：不能关联或移除")


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


class Conflict(ValidationError):
    """The write would repeat a row that exists (a second figure for the same subject and period, a second
    target for the same year): 409 on the API, a message on the form; never a database error."""


def _conflict_message(obj: models.Model, error: ValidationError) -> str:
    # Django names a composite key by its field labels ("Subject key and 指标"): say which record instead
    if error.code == "unique_together":
        return f"已有相同的{obj._meta.verbose_name}“{obj}”，不能重复录入"
    return error.messages[0]


def _validate(obj: models.Model) -> None:
    """The model's rules, every problem reported at once; when a repeat is the only one (the same figure
    for the same period), it is a Conflict. A repeat that slips in between this check and the insert
    (two requests at once) is the database's to refuse, and is told the same way (_save)."""
    try:
        obj.full_clean()
    except ValidationError as error:
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError:
            raise error from None  # more is wrong than a repeat: report it all, as a plain validation error
        raise Conflict(
            {name: [_conflict_message(obj, e) for e in errors] for name, errors in error.error_dict.items()}
        ) from error


def _save(obj: models.Model, data: dict) -> None:
    m2m = _apply(obj, data)
    _validate(obj)
    adding = obj._state.adding
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable after a refusal
            obj.save()
    except IntegrityError as error:
        raise Conflict(f"与已有的{obj._meta.verbose_name}冲突（可能刚被他人录入），请刷新后重试") from error
    for name, values in m2m.items():
        if values or not adding:  # a new object has no relations to clear: set() would only read them
            getattr(obj, name).set(values)


@transaction.atomic
def create(*, actor, model, data: dict, note: str = "", checked: bool = False) -> models.Model:
    """checked=True: the calling service has checked a narrower permission than the model's own
    (a peer region's cluster made from the review queue); the scope is still checked after saving."""
    if not checked:
        ensure_can_add(actor, model)
    obj = model()
    ensure_relations_in_scope(actor, obj, data)
    _save(obj, data)
    ensure_in_scope(actor, obj)
    audit.record(actor=actor, action="create", obj=obj, before=None, note=note)
    return obj


@transaction.atomic
def update(*, actor, obj: models.Model, data: dict, note: str = "") -> models.Model:
    ensure_can(actor, obj, CHANGE)
    obj = _manager(type(obj)).select_for_update().get(pk=obj.pk)
    before = audit.snapshot(obj)
    ensure_relations_in_scope(actor, obj, data)
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


def services_for(model):
    """`create_<name>(*, actor, data, note="")`, `update_<name>(*, actor, <name>, data, note="")` and
    `delete_<name>(*, actor, <name>)`: the write services of a model whose writes need nothing beyond the
    ones above (permission, scope, transaction, audit entry). The object is passed by the model's name
    (`enterprise=…`), as the pages and the API pass it. A domain writes its own where a model needs more."""
    name = model._meta.model_name

    def target(given: dict) -> models.Model:
        if set(given) != {name}:
            raise TypeError(f"{name}=… expected, got {', '.join(given) or 'nothing'}")
        return given[name]

    def create_service(*, actor, data: dict, note: str = ""):
        return create(actor=actor, model=model, data=data, note=note)

    def update_service(*, actor, data: dict, note: str = "", **obj):
        return update(actor=actor, obj=target(obj), data=data, note=note)

    def delete_service(*, actor, **obj) -> None:
        delete(actor=actor, obj=target(obj))

    for function, verb in ((create_service, "create"), (update_service, "update"), (delete_service, "delete")):
        function.__name__ = function.__qualname__ = f"{verb}_{name}"
        function.__doc__ = f"{verb.capitalize()} a {model._meta.verbose_name} through chanye.core.services."
    return create_service, update_service, delete_service
