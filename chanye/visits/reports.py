"""堵点分析: where enterprises' appeals pile up, per cluster and per category.

For each group: how many appeals, how many still open, how many settled (已办结 / 无法办理), the
median working days from receipt to the final answer (settled appeals only), how many are
overdue now, and the overdue share — the share of the group's appeals that missed at least one
deadline (overdue now, or met late). Satisfaction is counted over 已办结 appeals.
"""

import statistics
from dataclasses import dataclass, field

from django.utils import timezone

from . import workdays
from .deadlines import local_date
from .models import Appeal

RULES = [
    "诉求数：受理日期在所选范围内、您有权查看的诉求；一家企业属于多个集群时在每个集群各计一次。",
    "办结用时：从受理日期到反馈办结（已办结或无法办理）所经过的工作日数（法定节假日不计、调休上班日计入），取中位数。",
    "超期率：至少有一个环节（首次响应、研判、反馈办结）超过期限的诉求占比，包括目前已超期和超期后才完成的。",
    "满意率：已办结诉求中企业评价为“满意”或“基本满意”的占比。",
]


@dataclass
class Group:
    name: str
    total: int = 0
    open: int = 0
    done: int = 0
    unable: int = 0
    overdue_now: int = 0
    missed: int = 0
    satisfied: int = 0
    durations: list[int] = field(default_factory=list)
    url_params: str = ""

    def add(self, appeal: Appeal, today) -> None:
        self.total += 1
        deadlines = appeal.deadlines(today)
        if appeal.is_open:
            self.open += 1
        else:
            self.durations.append(workdays.workdays_between(appeal.received_on, local_date(appeal.closed_at)))
        if appeal.status == Appeal.Status.DONE:
            self.done += 1
            self.satisfied += appeal.satisfaction in (Appeal.Satisfaction.SATISFIED, Appeal.Satisfaction.FAIRLY)
        elif appeal.status == Appeal.Status.UNABLE:
            self.unable += 1
        self.overdue_now += any(d.overdue for d in deadlines)
        self.missed += any(d.missed for d in deadlines)

    @property
    def settled(self) -> int:
        return self.done + self.unable

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.durations) if self.durations else None

    @property
    def overdue_share(self) -> float | None:
        return round(100 * self.missed / self.total, 1) if self.total else None

    @property
    def satisfaction_share(self) -> float | None:
        return round(100 * self.satisfied / self.done, 1) if self.done else None

    @property
    def unable_share(self) -> float | None:
        return round(100 * self.unable / self.settled, 1) if self.settled else None


@dataclass
class Bottlenecks:
    total: Group
    clusters: list[Group]
    categories: list[Group]
    matrix: list[tuple[str, list[int]]]  # cluster name, count per category (in CATEGORY order)
    categories_order: list[str]

    @property
    def matrix_max(self) -> int:
        return max((n for _name, row in self.matrix for n in row), default=0)


NO_CLUSTER = "未归属集群"


def bottlenecks(appeals, clusters, today=None) -> Bottlenecks:
    """`appeals`: the appeals to analyse (their enterprise's clusters prefetched); `clusters`: the
    clusters to show, in order (a cluster with no appeals is shown with zeros)."""
    today = today or timezone.localdate()
    total = Group("合计")
    by_cluster = {c.pk: Group(c.name, url_params=f"cluster={c.pk}") for c in clusters}
    no_cluster = Group(NO_CLUSTER)
    by_category = {value: Group(label, url_params=f"category={value}") for value, label in Appeal.Category.choices}
    counts = {key: dict.fromkeys(Appeal.Category.values, 0) for key in [*by_cluster, None]}
    for appeal in appeals:
        total.add(appeal, today)
        by_category[appeal.category].add(appeal, today)
        cluster_ids = [c.pk for c in appeal.enterprise.clusters.all() if c.pk in by_cluster]
        for pk in cluster_ids:
            by_cluster[pk].add(appeal, today)
            counts[pk][appeal.category] += 1
        if not cluster_ids:
            no_cluster.add(appeal, today)
            counts[None][appeal.category] += 1
    cluster_rows = list(by_cluster.values()) + ([no_cluster] if no_cluster.total else [])
    names = {**{pk: g.name for pk, g in by_cluster.items()}, None: NO_CLUSTER}
    matrix = [
        (names[key], [row[v] for v in Appeal.Category.values])
        for key, row in counts.items()
        if key is not None or no_cluster.total
    ]
    categories = sorted(by_category.values(), key=lambda g: (-g.total, -g.missed))
    return Bottlenecks(
        total=total,
        clusters=cluster_rows,
        categories=categories,
        matrix=matrix,
        categories_order=list(Appeal.Category.values),
    )
