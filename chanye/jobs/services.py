"""Every write on jobs: queueing one (for a domain service that has checked its own permission),
retrying a failed one, and the worker's side: claiming, progress, success, failure and retries.

A job runs at most once at a time and never again once it has succeeded: `run` claims it with one
conditional UPDATE (queued or retrying → running), so a task delivered twice, or two workers handed the
same job, leave exactly one run. A job that raises is retried after a delay (CHANYE_JOB_RETRY_DELAY
seconds, doubled each time) until its kind's max_attempts; then it is failed with its error. Wrong input
(ValidationError, PermissionDenied) is failed at once: running it again would change nothing."""

import datetime
import json
import logging
import os
import socket
import time
import traceback as tb

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from chanye.core import audit, roles
from chanye.core.querysets import CHANGE
from chanye.core.services import ensure_can

from . import registry
from .models import Job
from .signals import job_finished

log = logging.getLogger(__name__)

PROGRESS_EVERY = 0.5  # seconds between progress writes (the last one is always written)
PERMANENT = (ValidationError, PermissionDenied, registry.UnknownKind)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# ─── queueing ───────────────────────────────────────────────────────────────────────────────


def _send(job: Job, *, delay: float = 0) -> None:
    """Hand the job to the task backend. The database backend writes its task row in the caller's
    transaction (the job and its task commit together); django-rq enqueues when the transaction commits."""
    from django.tasks import task_backends

    from .tasks import run_job

    task = run_job
    if delay > 0 and task_backends["default"].supports_defer:
        task = run_job.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


@transaction.atomic
def enqueue(
    *, actor, kind: str, title: str, params: dict | None = None, key: str | None = None, schedule: str = ""
) -> Job:
    """Queue a job of a registered kind. The caller (a domain service) has checked that the actor may
    do what the job does. With a `key` already used, the job of that key is returned and nothing is
    queued again: submitting the same work twice runs it once."""
    spec = registry.get(kind)
    if key and (existing := Job.objects.filter(key=key).first()):
        return existing
    data = {
        "kind": kind,
        "title": title[:200],
        "params": params or {},
        "key": key or None,
        "max_attempts": spec.max_attempts,
        "schedule": schedule,
        "created_by": audit.acting_user(actor),
    }
    try:
        with transaction.atomic():
            job = Job.objects.create(**data)
    except IntegrityError:  # the same key, queued by someone else a moment ago
        return Job.objects.get(key=key)
    audit.record(
        actor=actor,
        action="create",
        obj=job,
        before=None,
        after={"kind": kind, "params": job.params, "key": job.key},
        note=f"提交后台任务：{job.title}",
    )
    _send(job)
    return job


@transaction.atomic
def retry(*, actor, job: Job) -> Job:
    """Queue a failed job again, with a fresh set of attempts (the last error stays shown until it runs)."""
    ensure_can(actor, job, CHANGE)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != Job.State.FAILED:
        raise ValidationError("只有失败的任务可以重试")
    before = audit.snapshot(job)
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED, attempts=0, finished_at=None)
    _send(job)
    job.refresh_from_db()
    audit.record(actor=actor, action="update", obj=job, before=before, note=f"重试后台任务：{job.title}")
    return job


# ─── the worker's side ──────────────────────────────────────────────────────────────────────


class Progress:
    """What a handler is given to report progress: `progress(done, total, message="")`, written at most
    twice a second and always when the work is complete, so that a page polling the job sees it move.
    `job_id` and `attempt` (1 on the first run) say which run this is."""

    def __init__(self, job: Job):
        self.job_id, self.attempt, self._last = job.pk, job.attempts, 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY and done < total:
            return
        self._last = now
        Job.objects.filter(pk=self.job_id).update(done=max(0, done), total=max(0, total), message=message[:300])


def _claim(job_id: int) -> bool:
    return bool(
        Job.objects.filter(pk=job_id, state__in=[Job.State.QUEUED, Job.State.RETRYING]).update(
            state=Job.State.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now(), worker=worker_name()
        )
    )


def _json(value) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        value = {"value": value}
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def error_text(error: BaseException) -> str:
    if isinstance(error, (KeyboardInterrupt, SystemExit)):
        return "工作进程被终止，任务中断"
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def retry_delay(attempts: int) -> float:
    return float(settings.CHANYE_JOB_RETRY_DELAY) * 2 ** max(0, attempts - 1)


def run(job_id: int) -> dict:
    """Run a job once, if it is still waiting to run; record its success, or its error and retry."""
    if not _claim(job_id):
        state = Job.objects.filter(pk=job_id).values_list("state", flat=True).first()
        log.info("job %s not run: %s", job_id, state or "gone")
        return {"job": job_id, "skipped": state or "gone"}
    job = Job.objects.get(pk=job_id)
    actor = get_user_model().objects.filter(pk=job.created_by_id, is_active=True).first()
    try:
        spec = registry.get(job.kind)
        result = _json(spec.handler(Progress(job), actor=actor, **job.params))
    except BaseException as error:
        _failed(job, error)
        raise
    _succeeded(job, result)
    return {"job": job.pk, "state": Job.State.SUCCEEDED}


def _succeeded(job: Job, result: dict | None) -> None:
    result = result or {}
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.SUCCEEDED,
            result=result,
            link=str(result.get("link", ""))[:300],
            finished_at=timezone.now(),
            done=F("total"),
            error="",
            traceback="",
        )
        job.refresh_from_db()
        audit.record(
            actor=None,
            action="update",
            obj=job,
            before={"state": Job.State.RUNNING},
            after={"state": job.state, "attempts": job.attempts, "summary": result.get("summary", "")},
            note=f"后台任务完成：{job.title}",
        )
        job_finished.send(sender=Job, job=job)


def _failed(job: Job, error: BaseException) -> None:
    job.refresh_from_db()
    again = job.attempts < job.max_attempts and not isinstance(error, PERMANENT)
    fields = {"error": error_text(error), "traceback": "".join(tb.format_exception(error))[-20000:]}
    with transaction.atomic():
        if again:
            Job.objects.filter(pk=job.pk).update(state=Job.State.RETRYING, **fields)
            job.refresh_from_db()
            log.warning("job %s failed (attempt %s of %s), retrying: %s", job.pk, job.attempts, job.max_attempts, error)
            _send(job, delay=retry_delay(job.attempts))
            return
        Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, finished_at=timezone.now(), **fields)
        job.refresh_from_db()
        log.error("job %s failed after %s attempts: %s", job.pk, job.attempts, error)
        audit.record(
            actor=None,
            action="update",
            obj=job,
            before={"state": Job.State.RUNNING},
            after={"state": job.state, "attempts": job.attempts, "error": job.error[:300]},
            note=f"后台任务失败：{job.title}",
        )
        job_finished.send(sender=Job, job=job)


# ─── administrators ─────────────────────────────────────────────────────────────────────────


def _ensure_admin(actor) -> None:
    if not roles.is_admin(actor):
        raise PermissionDenied("只有管理员可以手动运行定时任务")


def run_schedule_now(*, actor, name: str) -> Job:
    """An administrator runs a schedule's job now, outside its slots (its next slot still runs)."""
    from . import schedule

    _ensure_admin(actor)
    found = schedule.get(name)
    if found is None or not found.available:
        raise ValidationError("没有这个定时任务，或它尚未启用")
    params = {**found.params, "slot": timezone.now().isoformat()}
    return enqueue(actor=actor, kind=found.kind, title=f"{found.title}（手动运行）", params=params, schedule=found.name)


def check_workers(*, actor) -> Job:
    """An administrator's probe: a job that only says which worker ran it."""
    _ensure_admin(actor)
    return enqueue(actor=actor, kind="jobs.probe", title="检查工作进程")
