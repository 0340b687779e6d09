"""The brief as background work (Django Tasks): a requested brief is rendered by a worker, not in the
request, and the monthly brief is made by the scheduler. With the embedded ImmediateBackend a task runs
when it is enqueued; with a worker backend (issue 18) it runs elsewhere and the page polls its record.

Scheduling (wired by the scheduler, not here): on every working day, or only on the 5th working day of a
month, enqueue `monthly_brief` — it checks the day itself (`content.is_brief_day`) unless told to run.
"""

import datetime

from django.tasks import task
from django.utils import timezone

from . import content, services
from .models import GeneratedBrief


@task
def generate_brief(record_id: int) -> str:
    """Render a requested brief (services.request_brief made the record): returns its status."""
    record = GeneratedBrief.objects.select_related("region", "generated_by").get(pk=record_id)
    return services.generate(record).status


@task
def monthly_brief(day: str | None = None, force: bool = False) -> int | None:
    """On the 5th working day of a month (Chinese calendar), the previous month's brief of the instance's
    region, kept in the archive. `day` (YYYY-MM-DD) stands for today; `force` runs on any day. Returns the
    archived document's id, or None when `day` is not the brief's day."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    if not force and not content.is_brief_day(today):
        return None
    return services.monthly_brief(today=today).document_id
