"""Reading the pipeline: the board, the funnel with conversion and median days, per-cluster
totals (contract vs funds in place), signing totals counted once, stale and overdue projects."""

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Func, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import STAGE_DATE_FIELD, STAGES, TERMINATED, FundsInPlace, Signing

BOARD_CARDS = 20


def reached_q(stage: str) -> Q:
    """Projects that reached `stage`: its date is known, or they stand at it or further on
    (a project entered at 签约 reached 线索 and 在谈 too, on dates nobody recorded)."""
    return Q(**{f"{STAGE_DATE_FIELD[stage]}__isnull": False}) | Q(stage__in=STAGES[STAGES.index(stage) :])


@dataclass
class FunnelStep:
    stage: str
    reached: int
    conversion_pct: float | None = None  # of those that reached this stage, the share that reached the next
    median_days: float | None = None  # days from this stage to the next, where both dates are known
    measured: int = 0
    current: int = 0  # projects standing at this stage now
    investment: Decimal | None = None  # of the projects that reached it: contract investment, else planned


def funnel(projects) -> list[FunnelStep]:
    investment = Coalesce("contract_investment", "planned_investment")
    counts = projects.aggregate(
        **{stage: Count("pk", filter=reached_q(stage)) for stage in STAGES},
        **{f"now{i}": Count("pk", filter=Q(stage=stage)) for i, stage in enumerate(STAGES)},
        **{f"investment{i}": Sum(investment, filter=reached_q(stage)) for i, stage in enumerate(STAGES)},
        terminated=Count("pk", filter=Q(stage=TERMINATED)),
        terminated_investment=Sum(investment, filter=Q(stage=TERMINATED)),
    )
    steps = [
        FunnelStep(stage, counts[stage], current=counts[f"now{i}"], investment=counts[f"investment{i}"])
        for i, stage in enumerate(STAGES)
    ]
    for step, nxt in itertools.pairwise(steps):
        step.conversion_pct = round(nxt.reached / step.reached * 100, 1) if step.reached else None
        histogram = _days_between(projects, STAGE_DATE_FIELD[step.stage], STAGE_DATE_FIELD[nxt.stage])
        step.measured = sum(histogram.values())
        step.median_days = _median(histogram)
    steps.append(
        FunnelStep(
            TERMINATED, counts["terminated"], current=counts["terminated"], investment=counts["terminated_investment"]
        )
    )
    return steps


class DaysBetween(Func):
    """end − start in whole days, computed by the database: the funnel then reads integers
    instead of turning a hundred thousand date pairs into Python dates."""

    output_field = IntegerField()

    def __init__(self, start: str, end: str):
        super().__init__(F(end), F(start))  # rendered as end − start

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)


def _days_between(projects, start: str, end: str) -> dict[int, int]:
    """How many projects took each number of days from `start` to `end` (a histogram: a few
    hundred rows from the database instead of one per project)."""
    rows = projects.filter(**{f"{start}__isnull": False, f"{end}__isnull": False}).order_by()
    return dict(
        rows.annotate(days=DaysBetween(start, end)).values("days").annotate(n=Count("pk")).values_list("days", "n")
    )


def _median(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    middle, seen, lower = (total - 1) // 2, 0, None
    for days in sorted(histogram):
        seen += histogram[days]
        if lower is None and seen > middle:
            lower = days
        if seen > total // 2:
            return (lower + days) / 2 if total % 2 == 0 else float(days)
    return None


def board(projects) -> list[dict]:
    """Each stage with its count and its most recently active projects."""
    counts = dict(projects.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return [
        {
            "stage": stage,
            "count": counts.get(stage, 0),
            "projects": list(
                projects.filter(stage=stage)
                .select_related("cluster")
                .order_by("-last_activity_on", "-pk")[:BOARD_CARDS]
            ),
        }
        for stage in [*STAGES, TERMINATED]
    ]


def funds_total():
    return Coalesce(
        Subquery(
            FundsInPlace.objects.filter(project=OuterRef("pk"))
            .values("project")
            .annotate(total=Sum("amount"))
            .values("total")
        ),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )


def cluster_totals(projects) -> list[dict]:
    """Contract investment against funds in place, per cluster, with the ratio."""
    rows = (
        projects.annotate(funds_in_place=funds_total())
        .values("cluster__name")
        .annotate(
            projects=Count("pk"),
            contract=Sum("contract_investment"),
            planned=Sum("planned_investment"),
            funds_sum=Sum("funds_in_place"),
        )
        .order_by("cluster__name")
    )
    result = []
    for row in rows:
        contract, funds = row["contract"] or Decimal(0), row["funds_sum"] or Decimal(0)
        result.append(
            {
                "cluster": row["cluster__name"] or "未归集群",
                "projects": row["projects"],
                "planned": row["planned"],
                "contract": contract,
                "funds": funds,
                "ratio_pct": round(funds / contract * 100, 1) if contract else None,
            }
        )
    return result


def stale(projects, days: int):
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    return projects.open().filter(last_activity_on__lt=cutoff).order_by("last_activity_on")


def overdue(projects):
    return projects.open().filter(next_action_due__lt=timezone.localdate()).order_by("next_action_due")


@dataclass
class EventTotals:
    event: object
    signings: list = field(default_factory=list)  # (signing, increment, first)
    counted_projects: int = 0
    counted_investment: Decimal = Decimal(0)

    @property
    def known_projects(self) -> int:
        return len(self.signings)

    @property
    def complete(self) -> bool | None:
        """Whether every project of the event is known (None when no total was announced)."""
        announced = self.event.announced_projects
        return None if announced is None else announced == self.known_projects

    @property
    def missing_projects(self) -> int | None:
        announced = self.event.announced_projects
        return None if announced is None else announced - self.known_projects


def signing_totals(events) -> list[EventTotals]:
    """Each event's signed totals, counting a project at its first signing only and a later
    signing only by what it adds to the contract investment."""
    events = list(events)
    totals = {e.pk: EventTotals(e) for e in events}
    projects = {s.project_id for e in events for s in e.signings.all()}
    history = defaultdict(list)
    for signing in (
        Signing.objects.filter(project_id__in=projects)
        .select_related("event", "project")
        .order_by("event__date", "event_id")
    ):
        history[signing.project_id].append(signing)
    for signings in history.values():
        previous = Decimal(0)
        for position, signing in enumerate(signings):
            increment = signing.contract_investment - previous
            previous = max(previous, signing.contract_investment)
            if signing.event_id in totals:
                t = totals[signing.event_id]
                t.signings.append((signing, increment, position == 0))
                t.counted_projects += position == 0
                t.counted_investment += increment
    return [totals[e.pk] for e in events]
