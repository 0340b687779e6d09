"""Schedules: when a kind of job is due, and the scheduler that queues each due slot exactly once.

The schedules themselves are declared in one place, chanye/schedules.py (a module at the top of the
layers, so it may name every domain's jobs); settings.CHANYE_SCHEDULES names it. A scheduler — the
`chanye worker` process, or `chanye scheduler` — calls `tick()` every half minute: for each schedule,
the latest slot that is due (and not older than the schedule's catch-up window, so a worker started
after a short outage still runs the morning's escalation, but one started a month late does not
replay a month) is claimed by inserting (schedule, slot) into a table with a unique constraint, and
its job queued in the same transaction. A second scheduler's insert fails, so it queues nothing."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management import get_commands
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Job, ScheduleRun

WEEKDAYS = "一二三四五六日"


def _local(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


@dataclass(frozen=True)
class Daily:
    """Every day at `at` on which `days(date)` holds (e.g. chinese working days)."""

    at: datetime.time
    days: Callable[[datetime.date], bool] | None = None
    days_label: str = "每天"
    catch_up: datetime.timedelta = datetime.timedelta(hours=12)

    def matches(self, day: datetime.date) -> bool:
        return self.days is None or self.days(day)

    def describe(self) -> str:
        return f"{self.days_label} {self.at:%H:%M}"


@dataclass(frozen=True)
class Weekly:
    weekday: int  # Monday is 0
    at: datetime.time
    catch_up: datetime.timedelta = datetime.timedelta(days=2)

    def matches(self, day: datetime.date) -> bool:
        return day.weekday() == self.weekday

    def describe(self) -> str:
        return f"每周{WEEKDAYS[self.weekday]} {self.at:%H:%M}"


@dataclass(frozen=True)
class Monthly:
    day: int
    at: datetime.time
    catch_up: datetime.timedelta = datetime.timedelta(days=3)

    def matches(self, day: datetime.date) -> bool:
        return day.day == self.day

    def describe(self) -> str:
        return f"每月{self.day}日 {self.at:%H:%M}"


@dataclass(frozen=True)
class Schedule:
    """`kind` is a job kind (chanye.jobs.registry); `requires` names a module or a `chanye` command
    that must exist for the schedule to be active (the monthly brief, until report generation lands)."""

    name: str
    title: str
    kind: str
    when: Daily | Weekly | Monthly
    params: dict = field(default_factory=dict)
    requires: str = ""

    @property
    def available(self) -> bool:
        from . import registry

        if self.kind not in registry.KINDS:
            return False
        if not self.requires:
            return True
        if self.requires.startswith("chanye "):
            return self.requires.split()[1] in get_commands()
        return find_spec(self.requires) is not None

    def latest_slot(self, now: datetime.datetime) -> datetime.datetime | None:
        """The most recent time this schedule was due, at or before `now` (looking back 40 days)."""
        today = timezone.localtime(now).date()
        for back in range(40):
            day = today - datetime.timedelta(days=back)
            if self.when.matches(day):
                slot = _local(day, self.when.at)
                if slot <= now:
                    return slot
        return None

    def next_slot(self, now: datetime.datetime) -> datetime.datetime | None:
        today = timezone.localtime(now).date()
        for ahead in range(400):
            day = today + datetime.timedelta(days=ahead)
            if self.when.matches(day):
                slot = _local(day, self.when.at)
                if slot > now:
                    return slot
        return None

    def due_slot(self, now: datetime.datetime) -> datetime.datetime | None:
        slot = self.latest_slot(now)
        if slot is None or now - slot > self.when.catch_up:
            return None
        return slot


@cache
def _declared(module: str) -> tuple[Schedule, ...]:
    return tuple(import_module(module).SCHEDULES)


def schedules() -> list[Schedule]:
    return list(_declared(settings.CHANYE_SCHEDULES))


def get(name: str) -> Schedule | None:
    return next((s for s in schedules() if s.name == name), None)


def claim(schedule: Schedule, slot: datetime.datetime) -> Job | None:
    """Queue the schedule's job for this slot, unless another scheduler already did."""
    from . import services

    try:
        with transaction.atomic():
            run = ScheduleRun.objects.create(schedule=schedule.name, slot=slot)
            job = services.enqueue(
                actor=None,
                kind=schedule.kind,
                title=f"{schedule.title}（{timezone.localtime(slot):%Y-%m-%d %H:%M}）",
                params={**schedule.params, "slot": slot.isoformat()},
                key=f"schedule:{schedule.name}:{slot.isoformat()}",
                schedule=schedule.name,
            )
            run.job = job
            run.save(update_fields=["job"])
    except IntegrityError:
        return None
    return job


def tick(now: datetime.datetime | None = None) -> list[Job]:
    """Queue every due slot not queued yet; returns the jobs this call queued."""
    now = now or timezone.now()
    queued = []
    for schedule in schedules():
        if not schedule.available:
            continue
        slot = schedule.due_slot(now)
        taken = slot is None or ScheduleRun.objects.filter(schedule=schedule.name, slot=slot).exists()
        if not taken and (job := claim(schedule, slot)):
            queued.append(job)
    return queued


def overview(now: datetime.datetime | None = None) -> list[dict]:
    """Each schedule with its rule, whether it is active, its next slot and its last run (for the page)."""
    now = now or timezone.now()
    rows = []
    for schedule in schedules():
        last = Job.objects.filter(schedule=schedule.name).order_by("-created_at", "-pk").first()
        rows.append(
            {
                "schedule": schedule,
                "rule": schedule.when.describe(),
                "available": schedule.available,
                "next": schedule.next_slot(now) if schedule.available else None,
                "last": last,
                "runs": Job.objects.filter(schedule=schedule.name).count(),
            }
        )
    return rows
