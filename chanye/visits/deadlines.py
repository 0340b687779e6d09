"""The three deadlines of an appeal, in Chinese working days from the day it was received.

Policy (Django setting, optional): ``CHANYE_APPEAL_DEADLINES = {"respond": 1, "assess": 3, "feedback": 5}``

- 首次响应 (respond): the first action on the appeal — a handler assigned, or a status change;
- 研判 (assess): the appeal judged workable (办理中) or not (无法办理), or settled at once (已办结);
- 反馈办结 (feedback): the enterprise given the outcome (已办结 or 无法办理).

A milestone is met on the local date it was recorded; it is on time when that date is on or before
its deadline. A milestone still unmet after its deadline is overdue (已超期).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone

from . import workdays

DEFAULT_POLICY = {"respond": 1, "assess": 3, "feedback": 5}
# key, label, the Appeal field that records when it was met
MILESTONES = (
    ("respond", "首次响应", "responded_at"),
    ("assess", "研判", "assessed_at"),
    ("feedback", "反馈办结", "closed_at"),
)
LABELS = {key: label for key, label, _field in MILESTONES}

ON_TIME, LATE, OVERDUE, PENDING = "按时完成", "超期完成", "已超期", "未到期"
STATE_CSS = {ON_TIME: "bg-green-lt", LATE: "bg-orange-lt", OVERDUE: "bg-red text-white", PENDING: "bg-secondary-lt"}


def policy() -> dict[str, int]:
    """Working days from the received date for each milestone (settings override the defaults)."""
    configured = getattr(settings, "CHANYE_APPEAL_DEADLINES", DEFAULT_POLICY)
    merged = {**DEFAULT_POLICY, **configured}
    for key, days in merged.items():
        if key not in DEFAULT_POLICY:
            raise ImproperlyConfigured(f"CHANYE_APPEAL_DEADLINES: 未知的环节“{key}”（应为 respond、assess、feedback）")
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise ImproperlyConfigured(f"CHANYE_APPEAL_DEADLINES[{key!r}] 应为非负整数（工作日数）")
    return merged


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localdate(moment)


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    days: int
    due: datetime.date
    met_on: datetime.date | None
    today: datetime.date

    @property
    def state(self) -> str:
        if self.met_on is not None:
            return ON_TIME if self.met_on <= self.due else LATE
        return OVERDUE if self.today > self.due else PENDING

    @property
    def overdue(self) -> bool:
        """Unmet, and the deadline has passed."""
        return self.state == OVERDUE

    @property
    def missed(self) -> bool:
        """Overdue now, or met after the deadline."""
        return self.state in (OVERDUE, LATE)

    @property
    def css(self) -> str:
        return STATE_CSS[self.state]

    @property
    def remaining(self) -> int | None:
        """Working days left until the deadline (0: due today), for pending milestones."""
        return workdays.workdays_between(self.today, self.due) if self.state == PENDING else None

    @property
    def estimated(self) -> bool:
        """The holiday calendar does not cover the deadline's year: Monday-Friday counting was used."""
        return not workdays.is_covered(self.due)


def deadlines_for(appeal, today: datetime.date | None = None) -> list[Deadline]:
    today = today or timezone.localdate()
    days = policy()
    return [
        Deadline(
            key=key,
            label=label,
            days=days[key],
            due=workdays.add_workdays(appeal.received_on, days[key]),
            met_on=local_date(getattr(appeal, field)),
            today=today,
        )
        for key, label, field in MILESTONES
    ]


def overdue_cutoffs(today: datetime.date | None = None) -> dict[str, datetime.date]:
    """For each milestone, the latest received date whose deadline has passed by `today`."""
    today = today or timezone.localdate()
    return {key: workdays.latest_start_overdue(today, days) for key, days in policy().items()}


def overdue_q(today: datetime.date | None = None, milestone: str | None = None) -> Q:
    """Appeals with a milestone (or the given one) unmet past its deadline, as a database filter."""
    cutoffs = overdue_cutoffs(today)
    condition = Q(pk__in=[])
    for key, _label, field in MILESTONES:
        if milestone in (None, key):
            condition |= Q(**{f"{field}__isnull": True, "received_on__lte": cutoffs[key]})
    return condition
