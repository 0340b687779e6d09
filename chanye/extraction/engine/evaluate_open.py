"""Precision and recall against labels of real articles about any region (eval/extraction/GUIDE.md).

A label names its subject openly: a region (name and 区划代码), an industry as the article writes it, an
entity (enterprise, park, project). A fact agrees with a label when:
    the kind is the same, and the subject agrees:
        a label with an entity: the fact's entity (or subject) is the same name, one containing the other
            once company endings (股份有限公司, 有限公司, 集团) are set aside;
        otherwise the regions agree (the same code; without codes, one name containing the other's short
            form) and the industries agree (both none, or one containing the other once endings such as
            产业集群, 产业, 行业 and 规模以上 → 规上 are normalised);
    metric  indicator, value, period and 同比 agree (an undated article's date-dependent period: both none);
    target  indicator, value and target year agree;
    signing number of projects and investment agree;
    project investment agrees and the names agree.
"Dashboard" figures are those a cockpit would show: metrics with a value and a period (both its ends: a
span with no end waits in review), and targets with a value and a year. Their precision and recall are
the headline; every kind is also reported.
Facts of kinds the labels do not cover (`kinds` of the labels line) are not scored.
"""

import re
from decimal import Decimal

from chanye.archive.engine.normalize import normalize
from chanye.lib.gazetteer import ZONE_SHORT, Gazetteer

from .evaluate import add_up, ratio
from .facts import Fact

_COMPANY_END = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团|公司)$")
_INDUSTRY_END = re.compile(r"(?:产业集群|产业链|产业|行业|集群|领域|板块|业)$")
_SPACES = re.compile(r"[\s“”\"‘’《》（）()·、]")


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _name(text: str | None) -> str:
    """A name as compared: simplified characters (labels of a traditional text are written as it is),
    without spaces, quotes and brackets."""
    return _SPACES.sub("", normalize(text or ""))


def names_agree(a: str | None, b: str | None) -> bool:
    a, b = _name(a), _name(b)
    if not a or not b:
        return False
    a, b = _zone_short(a), _zone_short(b)  # 成都经济技术开发区 and 成都经开区: one zone, named long or short
    a, b = _COMPANY_END.sub("", a) or a, _COMPANY_END.sub("", b) or b
    return a in b or b in a


def _zone_short(name: str) -> str:
    for long, short in ZONE_SHORT.items():
        name = name.replace(long, short)
    return name


def industry_key(text: str | None) -> str:
    text = _name(text).replace("规模以上", "规上").replace("规模上", "规上")
    return _INDUSTRY_END.sub("", text) or text


def industries_agree(a: str | None, b: str | None) -> bool:
    a, b = industry_key(a), industry_key(b)
    if not a and not b:
        return True
    return bool(a and b) and (a in b or b in a)


def _short(name: str) -> str:
    name = _name(name)
    return re.sub(r"(?:特别行政区|自治区|自治州|自治县|省|市|区|县)$", "", name) or name


def regions_agree(fact_region: dict | None, label_region: dict | None) -> bool:
    if not label_region:
        return True  # the label does not say where; the region is not scored
    if not fact_region:
        return False
    if fact_region.get("code") and label_region.get("code"):
        return str(fact_region["code"]) == str(label_region["code"])
    if _same_place(fact_region.get("name"), label_region.get("name")):
        return True  # 北京经济技术开发区 and 北京经开区, 郑州航空港经济综合实验区 and 郑州航空港实验区: one zone
    # 雅安经济开发区 and 雅安经开区: one zone, its kind written long or short
    a, b = (_short(_zone_short(_name(region.get("name", "")))) for region in (fact_region, label_region))
    return bool(a and b) and (a in b or b in a)


def _same_place(a: str | None, b: str | None) -> bool:
    """Whether the gazetteer knows both names as one place (by full name, short name or alias)."""
    if not a or not b:
        return False
    gazetteer = Gazetteer.load()
    one, other = gazetteer.by_name.get(_name(a), []), gazetteer.by_name.get(_name(b), [])
    return bool(set(one) & set(other))


def subject_agrees(fact: Fact, label: dict) -> bool:
    if label.get("entity"):
        return names_agree(fact.entity or fact.subject, label["entity"])
    if fact.entity and fact.kind in ("metric", "target"):
        return False  # the fact is about a firm or park, the label about a region's industry
    return regions_agree(fact.region_json(), label.get("region")) and industries_agree(
        fact.industry, label.get("industry")
    )


def _period(label: dict) -> tuple:
    period = label.get("period")
    return tuple(period) if period else (None, None)


def matches(fact: Fact, label: dict) -> bool:
    if fact.kind != label["kind"]:
        return False
    value = _decimal(label.get("value"))
    match fact.kind:
        case "metric":
            return (
                subject_agrees(fact, label)
                and fact.indicator == label.get("indicator")
                and fact.value == value
                and fact.month_span() == _period(label)
                and fact.yoy_pct == _decimal(label.get("yoy_pct"))
            )
        case "target":
            return (
                subject_agrees(fact, label)
                and fact.indicator == label.get("indicator")
                and fact.value == value
                and fact.target_year == label.get("target_year")
            )
        case "signing":
            return fact.projects == label.get("projects") and fact.value == value
        case "project":
            return fact.value == value and names_agree(fact.subject, label.get("subject"))
    return False


def is_dashboard(item) -> bool:
    """A figure a cockpit would show: a metric with a value and a period, a target with a value and a year."""
    if isinstance(item, Fact):
        kind, value = item.kind, item.value
        # an open span (今年以来: a start, no end) waits for its end in review: not yet a dashboard figure
        when = None not in item.month_span() if kind == "metric" else item.target_year is not None
        # nor one whose region is only assumed (the text names none): it waits for an officer to confirm it
        when = when and not item.region_assumed
    else:
        kind, value = item["kind"], item.get("value")
        when = bool(item.get("period")) if kind == "metric" else item.get("target_year") is not None
    return kind in ("metric", "target") and value is not None and when


def _blank() -> dict:
    return {"facts": 0, "correct": 0, "labels": 0, "found": 0}


def evaluate_open(facts: list[Fact], labels: list[dict], kinds=("metric", "target", "signing", "project")) -> dict:
    facts = [f for f in facts if f.kind in kinds]
    rows = {kind: _blank() for kind in kinds}
    dashboard = _blank()
    wrong, missed = [], []
    for fact in facts:
        right = any(matches(fact, label) for label in labels)
        rows[fact.kind]["facts"] += 1
        rows[fact.kind]["correct"] += right
        if is_dashboard(fact):
            dashboard["facts"] += 1
            dashboard["correct"] += right
        if not right:
            wrong.append(fact.to_json(full=True))
    for label in labels:
        found = any(matches(fact, label) for fact in facts)
        row = rows.setdefault(label["kind"], _blank())
        row["labels"] += 1
        row["found"] += found
        if is_dashboard(label):
            dashboard["labels"] += 1
            dashboard["found"] += found
        if not found:
            missed.append(label)
    return rates({"by_kind": rows, "dashboard": dashboard, "wrong": wrong, "missed": missed})


def merge_open(reports: list[dict]) -> dict:
    merged = add_up(reports, "dashboard")
    merged["dashboard"] = {**_blank(), **merged["dashboard"]}
    return rates(merged)


def rates(report: dict) -> dict:
    for row in [*report["by_kind"].values(), report["dashboard"]]:
        row["precision"] = ratio(row["correct"], row["facts"])
        row["recall"] = ratio(row["found"], row["labels"])
    rows = report["by_kind"].values()
    report["precision"] = ratio(sum(r["correct"] for r in rows), sum(r["facts"] for r in rows))
    report["recall"] = ratio(sum(r["found"] for r in rows), sum(r["labels"] for r in rows))
    return report
