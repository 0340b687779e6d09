"""过期数据周报 (reads): the figures of each office's clusters that are out of date — the latest figure
(official or quoted from a document) of a cluster and indicator older than the indicator's reporting cycle plus a month for
publication (Observation.is_stale), as the cockpit marks them 过期."""

import datetime

from chanye.accounts.models import Office
from chanye.monitoring.models import Observation


def stale_figures_by_office(today: datetime.date) -> dict[Office, list[Observation]]:
    latest: dict[tuple[int, int], Observation] = {}
    figures = (
        Observation.objects.filter(subject_kind="cluster", cluster__office__isnull=False)
        .select_related("indicator", "cluster__office")
        .order_by("cluster_id", "indicator_id", "-period_end")
    )
    for figure in figures.iterator(chunk_size=2000):
        latest.setdefault((figure.cluster_id, figure.indicator_id), figure)
    found: dict[Office, list[Observation]] = {}
    for figure in latest.values():
        if figure.is_stale(today):
            found.setdefault(figure.cluster.office, []).append(figure)
    for figures in found.values():
        figures.sort(key=lambda f: (f.cluster.name, f.indicator.order, f.indicator.name))
    return dict(sorted(found.items(), key=lambda item: item[0].name))
