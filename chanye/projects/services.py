"""Every write on projects, their stages, funds, service log and signings. Each goes through
chanye.core.services (permission, transaction, audit entry); a stage change also leaves a
StageChange row with who, when and why, the history the funnel is computed from."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from chanye.core import audit
from chanye.core import services as core

from .models import (
    OPERATING,
    SIGNED,
    STAGE_DATE_FIELD,
    STAGES,
    STARTED,
    TERMINATED,
    FundsInPlace,
    Project,
    ServiceEntry,
    Signing,
    SigningEvent,
    StageChange,
)

FINAL = {OPERATING, TERMINATED}
REQUIRES = {STARTED: SIGNED, OPERATING: STARTED}  # 开工 needs 签约 first, 投产 needs 开工


@transaction.atomic
def create_project(
    *, actor, data: dict, stage: str = STAGES[0], stage_on: datetime.date | None = None, note: str = ""
) -> Project:
    """A new project enters at `stage` (线索 unless it is known to be further on, as in an import)."""
    if stage not in STAGES:
        raise ValidationError(f"新项目的阶段应为{'、'.join(STAGES)}之一")
    on = stage_on or timezone.localdate()
    data = {**data, "stage": stage, STAGE_DATE_FIELD[stage]: stage_on, "last_activity_on": on}
    project = core.create(actor=actor, model=Project, data=data, note=note)
    StageChange.objects.create(
        project=project, from_stage="", to_stage=stage, on=on, actor_name=audit.actor_name(actor), reason=note
    )
    return project


_, update_project, delete_project = core.services_for(Project)


def check_stage_change(project: Project, to: str, on: datetime.date, reason: str) -> None:
    """The rules of the pipeline, with a message that says which one was broken."""
    if project.stage in FINAL:
        raise ValidationError(f"项目已{project.stage}，不能再变更阶段")
    if to == TERMINATED:
        if not reason.strip():
            raise ValidationError("终止项目须写明原因")
    elif to not in STAGES:
        raise ValidationError(f"未知的阶段“{to}”")
    elif STAGES.index(to) <= STAGES.index(project.stage):
        raise ValidationError(f"阶段只能向前推进：项目当前为“{project.stage}”，不能改为“{to}”")
    elif (
        (needed := REQUIRES.get(to))
        and getattr(project, STAGE_DATE_FIELD[needed]) is None
        and STAGES.index(project.stage) < STAGES.index(needed)
    ):
        raise ValidationError(f"项目尚未{needed}，不能{to}")
    if on > timezone.localdate():
        raise ValidationError("阶段日期不能晚于今天")
    if (latest := project.last_stage_reached()) and latest[1] > on:
        raise ValidationError(f"阶段日期{on}早于上一阶段（{latest[0]}于{latest[1]}）")


@transaction.atomic
def change_stage(*, actor, project: Project, to: str, on: datetime.date | None = None, reason: str = "") -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    on = on or timezone.localdate()
    check_stage_change(project, to, on, reason)
    data = {"stage": to, STAGE_DATE_FIELD[to]: on, "last_activity_on": max(on, project.last_activity_on)}
    if to == TERMINATED:
        data["termination_reason"] = reason
    before = project.stage
    project = core.update(
        actor=actor, obj=project, data=data, note=f"阶段 {before} → {to}" + (f"：{reason}" if reason else "")
    )
    StageChange.objects.create(
        project=project, from_stage=before, to_stage=to, on=on, reason=reason, actor_name=audit.actor_name(actor)
    )
    return project


def _touch(project: Project, on: datetime.date) -> None:
    """Record activity, so that stale projects are the ones nobody has worked on."""
    if on > project.last_activity_on:
        Project.objects.filter(pk=project.pk).update(last_activity_on=on)


@transaction.atomic
def create_fundsinplace(*, actor, data: dict, note: str = "") -> FundsInPlace:
    funds = core.create(actor=actor, model=FundsInPlace, data=data, note=note)
    _touch(funds.project, funds.on)
    return funds


_, update_fundsinplace, delete_fundsinplace = core.services_for(FundsInPlace)


@transaction.atomic
def create_serviceentry(*, actor, data: dict, note: str = "") -> ServiceEntry:
    data = {"entered_by": audit.acting_user(actor), **data}
    entry = core.create(actor=actor, model=ServiceEntry, data=data, note=note)
    _touch(entry.project, entry.on)
    return entry


_, update_serviceentry, delete_serviceentry = core.services_for(ServiceEntry)
create_signingevent, update_signingevent, delete_signingevent = core.services_for(SigningEvent)


@transaction.atomic
def create_signing(*, actor, data: dict, note: str = "") -> Signing:
    """Sign a project at an event; a project not yet signed moves to 签约 on the event's date."""
    signing = core.create(actor=actor, model=Signing, data=data, note=note)
    project, event = signing.project, signing.event
    if project.stage not in FINAL and STAGES.index(project.stage) < STAGES.index(SIGNED):
        change_stage(
            actor=actor, project=project, to=SIGNED, on=event.date or timezone.localdate(), reason=f"在“{event}”签约"
        )
    project.refresh_from_db()
    if project.contract_investment is None or signing.contract_investment > project.contract_investment:
        core.update(
            actor=actor, obj=project, data={"contract_investment": signing.contract_investment}, note=f"在“{event}”签约"
        )
    return signing


_, update_signing, delete_signing = core.services_for(Signing)
