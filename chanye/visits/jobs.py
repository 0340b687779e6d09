"""Jobs of visits and appeals (chanye.jobs.registry), run by the schedules of chanye/schedules.py, and the
bell's notice when anyone's job ends (the kernel sends job_finished; notifications live here)."""

import datetime

from django.dispatch import receiver
from django.utils import timezone

from chanye.jobs.models import Job
from chanye.jobs.registry import job
from chanye.jobs.signals import job_finished

from . import services


def _day(slot: str | None) -> datetime.date:
    """The local date of a schedule's slot (an ISO datetime), or today."""
    if slot:
        return timezone.localtime(datetime.datetime.fromisoformat(slot)).date()
    return timezone.localdate()


@job("visits.escalate_appeals", "诉求超期升级")
def escalate_appeals(progress, *, actor=None, slot: str | None = None) -> dict:
    escalations = services.escalate_overdue(today=_day(slot))
    return {"summary": f"新升级 {len(escalations)} 个超期环节", "escalations": [str(e) for e in escalations[:200]]}


@job("visits.stale_figures", "过期数据周报")
def stale_figures(progress, *, actor=None, slot: str | None = None) -> dict:
    sent = services.notify_stale_figures(today=_day(slot))
    return {"summary": f"发出 {sent} 条过期数据提醒"}


@receiver(job_finished, sender=Job, dispatch_uid="chanye.visits.job_finished")
def tell_who_started_it(sender, *, job: Job, **kwargs) -> None:
    """The person who started a job hears when it ends (scheduled jobs have nobody to tell)."""
    if job.created_by_id is None or not job.created_by.is_active:
        return
    if job.state == Job.State.SUCCEEDED:
        summary = (job.result or {}).get("summary", "")
        text = f"后台任务已完成：{job.title}" + (f"（{summary}）" if summary else "")
    else:
        text = f"后台任务失败：{job.title}（{job.error.splitlines()[0][:120] if job.error else '原因见任务页'}）"
    services.notify(recipient=job.created_by, text=text, link=job.link or job.get_absolute_url())
