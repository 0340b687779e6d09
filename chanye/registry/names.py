"""The version of the registry's names (NamesVersion): read by whoever compiles them, changed by
signals on every save or delete that may change a name (and by bulk loaders that bypass signals)."""

import uuid

from django.db import connection
from django.db.models.signals import post_delete, post_save, pre_save

from chanye.accounts.models import Office

from .models import Cluster, Enterprise, NamesVersion, Park

# The fields whose change changes what a document's names refer to.
NAMED_BY = {
    Enterprise: ("name", "short_name", "aliases"),
    Cluster: ("name", "office_id", "region_id"),
    Park: ("name", "region_id"),
    Office: ("name",),
}


def names_version() -> str:
    """The current token ("" before any change). Plain SQL: extraction asks twice for every document
    ingested, and building the query cost more than running it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {NamesVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return (row and row[0]) or ""


def names_changed() -> None:
    """A new token, in the caller's transaction."""
    token = uuid.uuid4().hex
    if not NamesVersion.objects.filter(pk=1).update(token=token):
        NamesVersion.objects.update_or_create(pk=1, defaults={"token": token})


def _before_save(sender, instance, raw=False, **kwargs) -> None:
    fields = NAMED_BY[sender]
    if instance.pk is None or raw:
        instance._names_changed = True
        return
    before = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    instance._names_changed = before != tuple(getattr(instance, f) for f in fields)


def _after_save(sender, instance, created=False, **kwargs) -> None:
    if created or getattr(instance, "_names_changed", True):
        names_changed()


def _after_delete(sender, instance, **kwargs) -> None:
    names_changed()


def connect() -> None:
    for model in NAMED_BY:
        uid = f"chanye.registry.names.{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}.post_save")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}.post_delete")
