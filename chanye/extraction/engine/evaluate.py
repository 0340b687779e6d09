"""Precision and recall of extracted facts against a labelled set.

A label is a dict in the shape of a fact (see tests/labelled.py):
    kind, subject, subject_kind (cluster | enterprise | park | district | other), indicator,
    value (Decimal or None), period ((start, end) or None), yoy_pct, target_year, projects,
    and for events: event, title, exchange, board.
A fact matches a label when the kind and the subject agree (a cluster label by the fact's cluster, an
enterprise label by its enterprise, anything else by the subject's name) and:
    metric      indicator, value, period and 同比 agree;
    target      indicator, value and target year agree;
    signing     number of projects and investment agree;
    project     investment agrees;
    listing     exchange and board agree;
    designation the titles are the same list or title (one contains the other, or ≥ 60 % alike).
Precision counts facts (a fact is right when it matches some label); recall counts labels (found
when some fact matches it). "keyed" is the precision over the metrics and targets whose subject and
indicator are in the labelled set: the figures that a wrong number or period would have put on the
dashboard in place of a right one.
"""

import difflib
import re
from decimal import Decimal

from .facts import KINDS, Fact


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def subject_agrees(fact: Fact, label: dict) -> bool:
    kind = label.get("subject_kind", "other")
    if kind == "cluster":
        return fact.cluster == label["subject"]
    if kind == "enterprise":
        return label["subject"] in (fact.enterprise, fact.subject)
    if kind == "district" and fact.industry and fact.cluster is None:
        # 全区规上工业总产值: these labels give the district's industry figures as the district's own
        return fact.subject.startswith(label["subject"])
    return fact.subject == label["subject"]


def _title(text: str) -> str:
    return re.sub(r"[“”\"‘’「」《》\s]", "", text or "")


def titles_agree(found: str, labelled: str) -> bool:
    a, b = _title(found), _title(labelled)
    if not a or not b:
        return False
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def _period(label: dict):
    period = label.get("period")
    return tuple(period) if period else (None, None)


def matches(fact: Fact, label: dict) -> bool:
    if fact.kind != label["kind"] or not subject_agrees(fact, label):
        return False
    match fact.kind:
        case "metric":
            return (
                fact.indicator == label.get("indicator")
                and fact.value == _decimal(label.get("value"))
                and fact.month_span() == _period(label)
                and fact.yoy_pct == _decimal(label.get("yoy_pct"))
            )
        case "target":
            return (
                fact.indicator == label.get("indicator")
                and fact.value == _decimal(label.get("value"))
                and fact.target_year == label.get("target_year")
            )
        case "signing":
            return fact.projects == label.get("projects") and fact.value == _decimal(label.get("value"))
        case "project":
            return fact.value == _decimal(label.get("value"))
        case "listing":
            return fact.extra.get("exchange") == label.get("exchange") and fact.extra.get("board") == label.get("board")
        case "designation":
            return titles_agree(fact.extra.get("title", ""), label.get("title", ""))
    return False


def _keyed(fact: Fact, labelled: list[dict]) -> bool:
    return fact.kind in ("metric", "target") and any(
        label["kind"] == fact.kind and subject_agrees(fact, label) and label.get("indicator") == fact.indicator
        for label in labelled
    )


def evaluate(facts: list[Fact], labelled: list[dict]) -> dict:
    """Precision and recall, overall and by kind, with the wrong facts and the missed labels."""
    by_kind = {kind: {"facts": 0, "correct": 0, "labels": 0, "found": 0} for kind in KINDS}
    wrong, missed = [], []
    keyed = {"facts": 0, "correct": 0}
    for fact in facts:
        right = any(matches(fact, label) for label in labelled)
        row = by_kind.setdefault(fact.kind, {"facts": 0, "correct": 0, "labels": 0, "found": 0})
        row["facts"] += 1
        row["correct"] += right
        if _keyed(fact, labelled):
            keyed["facts"] += 1
            keyed["correct"] += right
        if not right:
            wrong.append(fact.to_json(full=True))
    for label in labelled:
        row = by_kind.setdefault(label["kind"], {"facts": 0, "correct": 0, "labels": 0, "found": 0})
        row["labels"] += 1
        if any(matches(fact, label) for fact in facts):
            row["found"] += 1
        else:
            missed.append(label)
    return _rates({"by_kind": by_kind, "keyed": keyed, "wrong": wrong, "missed": missed})


def merge(reports: list[dict]) -> dict:
    """Several documents' reports as one."""
    return _rates(add_up(reports, "keyed"))


def add_up(reports: list[dict], totals: str) -> dict:
    """Several documents' reports as one: their rows by kind, their `totals` row (keyed, dashboard) and their
    wrong and missed facts added up; the rates are the caller's to work out."""
    merged: dict = {"by_kind": {}, totals: {}, "wrong": [], "missed": []}
    for report in reports:
        for kind, row in report["by_kind"].items():
            total = merged["by_kind"].setdefault(kind, dict.fromkeys(row, 0))
            for name in ("facts", "correct", "labels", "found"):
                total[name] = total.get(name, 0) + row.get(name, 0)
        for name, value in report[totals].items():
            if name in ("facts", "correct", "labels", "found"):
                merged[totals][name] = merged[totals].get(name, 0) + value
        merged["wrong"] += report["wrong"]
        merged["missed"] += report["missed"]
    return merged


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _rates(report: dict) -> dict:
    for row in report["by_kind"].values():
        row["precision"] = ratio(row["correct"], row["facts"])
        row["recall"] = ratio(row["found"], row["labels"])
    rows = report["by_kind"].values()
    facts, correct = sum(r["facts"] for r in rows), sum(r["correct"] for r in rows)
    labels, found = sum(r["labels"] for r in rows), sum(r["found"] for r in rows)
    report["precision"] = ratio(correct, facts)
    report["recall"] = ratio(found, labels)
    report["keyed"]["precision"] = ratio(report["keyed"]["correct"], report["keyed"]["facts"])
    return report
