"""定时任务: every schedule of the platform, in one place (settings.CHANYE_SCHEDULES names this module).

The scheduler inside `chanye worker` (or `chanye scheduler`) queues each due slot exactly once, however
many workers run (chanye.jobs.schedule). Times are Beijing time (settings.TIME_ZONE). To add one, declare
a job kind in your app's `jobs.py` (chanye.jobs.registry) and a Schedule here."""

import datetime

from chanye.briefs.content import is_brief_day
from chanye.jobs.schedule import Daily, Schedule, Weekly
from chanye.visits.workdays import is_workday

SCHEDULES = [
    # Every working morning (public holidays skipped, 调休 weekend days worked): overdue appeals to their
    # office heads, once per appeal and milestone.
    Schedule(
        name="escalate-appeals",
        title="诉求超期升级",
        kind="visits.escalate_appeals",
        when=Daily(at=datetime.time(8, 30), days=is_workday, days_label="每个工作日"),
    ),
    # Monday morning: each office's members are told which of their clusters' figures are out of date.
    Schedule(
        name="stale-figures",
        title="过期数据周报",
        kind="visits.stale_figures",
        when=Weekly(weekday=0, at=datetime.time(9, 0)),
    ),
    # The monthly brief (月度简报): on the 5th working day of each month (Chinese calendar), the previous
    # month's brief of the instance's region, kept in the archive (chanye/briefs/jobs.py).
    Schedule(
        name="monthly-brief",
        title="月度简报",
        kind="briefs.monthly",
        when=Daily(
            at=datetime.time(7, 0), days=is_brief_day, days_label="每月第5个工作日", catch_up=datetime.timedelta(days=3)
        ),
    ),
]
