"""Every write on indicators, observations and targets. Single figures go through
chanye.core.services (permission, transaction, audit entry with before/after); an imported
file is one audited batch whose rows carry the batch and their row number as provenance."""

import tomllib
from pathlib import Path

from django.db import transaction

from chanye.core import audit
from chanye.core import services as core
from chanye.core.regions import user_region
from chanye.core.services import ensure_can_add

from .models import ImportBatch, ImportTemplate, Indicator, Observation, Target

CATALOGUE = Path(__file__).with_name("catalogue.toml")


def create_observation(*, actor, data: dict, note: str = "") -> Observation:
    data = {"entered_by": audit.acting_user(actor), **data}
    if data.get("citation") is not None:
        # A figure quoted from a document is kept beside the official one, so that they can be compared.
        data["origin"] = f"cite:{data['citation'].pk}"
    return core.create(actor=actor, model=Observation, data=data, note=note)


_, update_observation, delete_observation = core.services_for(Observation)
create_target, update_target, delete_target = core.services_for(Target)


@transaction.atomic
def load_catalogue(*, actor, path: Path = CATALOGUE) -> int:
    """Create the indicators of the catalogue that are missing; existing ones are left as users edited them."""
    with path.open("rb") as file:
        entries = tomllib.load(file)["indicator"]
    created = 0
    for order, entry in enumerate(entries):
        if not Indicator.objects.filter(key=entry["key"]).exists():
            data = {**entry, "aliases": "、".join(entry["aliases"]), "order": order}
            core.create(actor=actor, model=Indicator, data=data, note="指标目录")
            created += 1
    return created


@transaction.atomic
def commit_import(*, actor, parsed, write) -> ImportBatch:
    """Record the batch (audited with its counts and the figures it replaced) and write its rows.
    `parsed` is a validated chanye.monitoring.imports.ObservationImport; `write` does the bulk upsert."""
    ensure_can_add(actor, Observation)
    batch = ImportBatch.objects.create(
        filename=parsed.filename, sha256=parsed.sha256, rows=len(parsed.rows), entered_by=audit.acting_user(actor)
    )
    counts, replaced = write(batch)
    audit.record(
        actor=actor,
        action="create",
        obj=batch,
        before={"replaced": replaced[:200]} if replaced else None,
        after={"filename": batch.filename, "sha256": batch.sha256, **counts},
        note=f"导入观测值：新增{counts['created']}条，更新{counts['updated']}条，未变{counts['unchanged']}条",
    )
    return batch


def create_importtemplate(*, actor, data: dict, note: str = "") -> ImportTemplate:
    data = {"created_by": audit.acting_user(actor), **data}
    if data.get("region") is None and actor is not None:
        data["region"] = user_region(actor)  # a template serves the region its maker works for
    return core.create(actor=actor, model=ImportTemplate, data=data, note=note)


_, update_importtemplate, delete_importtemplate = core.services_for(ImportTemplate)


def save_import_template(*, actor, name: str, signature: str, header: str, mapping: dict, region) -> ImportTemplate:
    """The import page's 保存为模板: a new template of the actor's region, or the one of that name
    updated (if the actor may change it), audited either way."""
    name = name.strip()
    data = {"name": name, "signature": signature, "header": header[:500], "mapping": mapping, "region": region}
    existing = ImportTemplate.objects.filter(region=region, name=name).first()
    if existing is None:
        return create_importtemplate(actor=actor, data=data, note="导入映射")
    return update_importtemplate(actor=actor, importtemplate=existing, data=data, note="导入映射")


def start_import(*, actor, upload):
    """A large statistics file (Django UploadedFile) onto disk under its SHA-256, and a worker's job that
    checks every row; the request returns at once."""
    import hashlib

    from chanye.jobs import services as jobs

    from .jobs import staged, upload_dir

    ensure_can_add(actor, Observation)
    digest, partial = hashlib.sha256(), upload_dir() / f"partial-{id(upload)}"
    with partial.open("wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    partial.replace(staged(digest.hexdigest()))
    return jobs.enqueue(
        actor=actor,
        kind="monitoring.check_import",
        title=f"校验“{upload.name}”",
        params={"filename": upload.name, "sha256": digest.hexdigest()},
    )


def confirm_import(*, actor, check):
    """Import a file a worker checked (the `monitoring.check_import` job `check`), by a worker. Confirming
    twice queues one import."""
    from django.core.exceptions import ValidationError

    from chanye.jobs import services as jobs

    ensure_can_add(actor, Observation)
    if check.kind != "monitoring.check_import" or check.state != "succeeded" or not (check.result or {}).get("ok"):
        raise ValidationError("这个文件尚未通过校验，不能导入")
    params = {"filename": check.params["filename"], "sha256": check.params["sha256"]}
    return jobs.enqueue(
        actor=actor,
        kind="monitoring.commit_import",
        title=f"导入“{params['filename']}”",
        params=params,
        key=f"import:{params['sha256']}:{check.pk}",
    )
