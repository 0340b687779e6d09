"""The first rows of a checked statistics file as the import page shows them: subjects by name
(大数据智能化, 大渡口区全区), values and growth as reports write them (450家, 92.2亿元, +6.1%)."""

from collections import defaultdict

from chanye.chains.models import ChainLink
from chanye.core.models import Region
from chanye.registry.models import Cluster, Enterprise, Park

from .models import REGION, whole_region_name
from .templatetags.monitoring import figure_text, signed

SUBJECT_MODELS = {REGION: Region, "cluster": Cluster, "chainlink": ChainLink, "enterprise": Enterprise, "park": Park}


def subject_names(rows) -> dict[tuple[str, int], str]:
    """(kind, id) -> name of every subject of the rows, one query per kind."""
    wanted = defaultdict(set)
    for row in rows:
        wanted[row.kind].add(row.subject_id)
    names = {}
    for kind, ids in wanted.items():
        for subject in SUBJECT_MODELS[kind].objects.filter(pk__in=ids):
            names[kind, subject.pk] = whole_region_name(subject) if kind == REGION else str(subject)
    return names


def preview_rows(rows) -> list[dict]:
    names = subject_names(rows)
    return [
        {
            "number": r.number,
            "column": r.column,
            "subject": names.get((r.kind, r.subject_id), ""),
            "indicator": r.indicator.name,
            "period": r.period.label,
            "value": figure_text(r.value, r.indicator.unit, r.qualifier),
            "yoy_pct": "" if r.yoy_pct is None else f"{signed(r.yoy_pct)}%",
        }
        for r in rows
    ]
