"""The monthly brief as a scheduled job (chanye.jobs): chanye/schedules.py queues it on the 5th working day
of each month; it makes the previous month's brief of the instance's region and keeps it in the archive.
Idempotent: a second run the same day finds the same text and changes nothing (services.monthly_brief)."""

import datetime

from chanye.jobs.registry import job

from . import services


@job("briefs.monthly", "月度简报", max_attempts=3)
def monthly(progress, *, actor=None, day: str | None = None, **_) -> dict:
    progress(0, 1, "生成上月月报")
    record = services.monthly_brief(today=datetime.date.fromisoformat(day) if day else None)
    progress(1, 1, "已存入资料库")
    return {
        "summary": f"{record.year}年{record.month}月月报已存入资料库：《{record.document}》",
        "link": record.document.get_absolute_url(),
    }
