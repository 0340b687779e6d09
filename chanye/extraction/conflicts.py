"""Conflicts a person must decide, read from the pending facts and the records they would join.

Two kinds:
- 数字不一致: a pending fact gives another value than a recorded figure — or than another pending
  fact — for the same subject, indicator and period (a target: the same target year).
- 名称不一致: a pending fact names its subject in a way one character away from a name already
  recorded for the same thing: the same title held by 生物医学工程 and 生物医药工程, or a figure of a
  subject that is not registered but differs by one character from a cluster, enterprise or park.
Nothing is stored: a conflict disappears once its facts are decided.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from chanye.monitoring.models import Observation, Target, subject_key
from chanye.registry.models import Cluster, Designation, Enterprise, Park

from . import services
from .engine.evaluate import titles_agree
from .models import ExtractedFact


@dataclass
class Conflict:
    kind: str  # "value" | "name"
    title: str
    facts: list[ExtractedFact]  # the pending facts involved
    records: list = field(default_factory=list)  # recorded figures, targets or designations they disagree with
    names: list = field(default_factory=list)  # for a name conflict: the registered things the subject may be

    @property
    def key(self) -> str:
        return f"{self.kind}-{min(f.pk for f in self.facts)}"

    @property
    def kind_label(self) -> str:
        return {"value": "数字不一致", "name": "名称不一致"}[self.kind]


def one_character_apart(a: str, b: str) -> bool:
    """The same name with one character written differently (生物医学工程 / 生物医药工程)."""
    return a != b and len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _value_key(fact: ExtractedFact):
    try:
        kind, obj = services.fact_subject(fact)
        when = services.fact_period(fact) if fact.kind == "metric" else fact.target_year
    except ValidationError:
        return None
    return fact.kind, subject_key(kind, obj), fact.indicator_id, when


def _recorded(keys) -> dict:
    """The recorded observations and targets for every group key, in two queries however many groups."""
    recorded = defaultdict(list)
    for kind, model in (("metric", Observation), ("target", Target)):
        wanted = [k for k in keys if k[0] == kind]
        if not wanted:
            continue
        rows = model.objects.filter(subject_key__in={k[1] for k in wanted}, indicator_id__in={k[2] for k in wanted})
        for row in rows.select_related("citation__source", "indicator"):
            when = (row.period_kind, row.period_start, row.period_end) if kind == "metric" else row.year
            recorded[(kind, row.subject_key, row.indicator_id, when)].append(row)
    return recorded


def _lookup(key) -> tuple:
    kind, subject, indicator, when = key
    return (kind, subject, indicator, (when.kind, when.start_date, when.end_date)) if kind == "metric" else key


def recorded_facts(facts) -> set[int]:
    """The facts whose figure is already recorded: an observation (a target) of the same subject,
    indicator and period (target year) with the same value — another article repeating 92.2亿, which
    the queue marks 已登记 and can leave out. Two queries however many facts."""
    keyed = {}
    for fact in facts:
        wanted = fact.kind in ("metric", "target") and fact.indicator_id and fact.value is not None
        if wanted and (key := _value_key(fact)) is not None:
            keyed[fact.pk] = (key, fact.value)
    recorded = _recorded([key for key, _ in keyed.values()])
    return {
        pk for pk, (key, value) in keyed.items() if any(row.value == value for row in recorded.get(_lookup(key), []))
    }


def value_conflicts(facts) -> list[Conflict]:
    groups = defaultdict(list)
    for fact in facts.filter(kind__in=("metric", "target"), indicator__isnull=False):
        if (key := _value_key(fact)) is not None:
            groups[key].append(fact)
    recorded = _recorded(list(groups))
    conflicts = []
    for key, group in groups.items():
        records = recorded.get(_lookup(key), [])
        values = {v for v in [*(f.value for f in group), *(r.value for r in records)] if v is not None}
        growths = {
            g for g in [*(f.yoy_pct for f in group), *(getattr(r, "yoy_pct", None) for r in records)] if g is not None
        }
        if len(values) > 1 or len(growths) > 1:
            first = group[0]
            title = f"{first.subject}·{first.indicator}·{first.period_label or f'{first.target_year}年目标'}"
            conflicts.append(Conflict("value", title, group, records))
    return conflicts


def _registered_names() -> dict[str, object]:
    names = {}
    for model in (Cluster, Park):
        names.update({obj.name: obj for obj in model.objects.all()})
    for enterprise in Enterprise.objects.all():
        for name in [enterprise.name, enterprise.short_name, *enterprise.alias_list]:
            if name:
                names[name] = enterprise
    return names


def name_conflicts(facts) -> list[Conflict]:
    conflicts = []
    registered = None
    designations = list(Designation.objects.all())
    for fact in facts.filter(kind__in=("designation", "listing")):
        title = services.designation_title(fact)
        near = [d for d in designations if one_character_apart(d.holder, fact.subject) and titles_agree(d.title, title)]
        if near:
            conflicts.append(Conflict("name", f"“{fact.subject}”与“{near[0].holder}”：{title}", [fact], near))
    for fact in facts.filter(
        kind__in=("metric", "target"), cluster=None, enterprise=None, park=None, is_district=False
    ):
        registered = registered if registered is not None else _registered_names()
        near = [obj for name, obj in registered.items() if one_character_apart(name, fact.subject)]
        if near:
            conflicts.append(Conflict("name", f"“{fact.subject}”与“{near[0]}”", [fact], names=near))
    return conflicts


def conflicts_for(user) -> list[Conflict]:
    """Every open conflict among the pending facts the user may read."""
    pending = (
        ExtractedFact.objects.restrict(user)
        .pending()
        .select_related("document", "indicator", "cluster", "enterprise", "park")
        # the document's sketch, joins and removed lines are large JSON nobody here reads
        .defer("document__sketch", "document__joins", "document__removed_lines", "document__metadata")
    )
    return value_conflicts(pending) + name_conflicts(pending)


def conflict_of(user, key: str) -> Conflict | None:
    return next((c for c in conflicts_for(user) if c.key == key), None)
