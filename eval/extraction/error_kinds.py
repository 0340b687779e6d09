"""Counts of the kinds of error left, over the figures a dashboard shows: for each wrong fact, whether a label has
its value (and then which of subject, indicator, period, 同比 or year differ); for each missed label, whether a fact
has its value. Counts only: it prints no article text and no fact.

    .venv/bin/python eval/extraction/error_kinds.py eval/extraction/dev/labels_*.jsonl
"""

import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanye.settings")

import django

django.setup()

from chanye.extraction.engine import extract  # noqa: E402
from chanye.extraction.engine.evaluate_open import (  # noqa: E402
    _period,
    industries_agree,
    is_dashboard,
    matches,
    regions_agree,
    subject_agrees,
)
from chanye.extraction.management.commands.evaluate_extraction import (  # noqa: E402
    configured_subjects,
    document_origin,
    read_document,
    read_labels,
)

DISTRICT = configured_subjects().district


def differences(fact, label) -> str:
    parts = []
    if not subject_agrees(fact, label):
        parts.append(f"subject ({which_part(fact, label)})")
    if fact.indicator != label.get("indicator"):
        parts.append("indicator")
    if fact.kind == "metric":
        parts += ["period"] if fact.month_span() != _period(label) else []
        parts += ["yoy"] if fact.yoy_pct != label.get("yoy_pct") else []
    elif fact.target_year != label.get("target_year"):
        parts.append("year")
    return " + ".join(parts) or "?"


def which_part(fact, label) -> str:
    """Which part of the subject differs: the entity, the region or the industry (the region: whether the fact's
    is the platform's own district, the fallback of a text that names none)."""
    if label.get("entity") or (fact.entity and fact.kind in ("metric", "target")):
        return "entity"
    parts = []
    if not regions_agree(fact.region_json(), label.get("region")):
        home = fact.region is not None and fact.region.name == DISTRICT
        parts.append("region: the platform's district" if home else "region")
    if not industries_agree(fact.industry, label.get("industry")):
        parts.append("industry")
    return ", ".join(parts)


def main(paths: list[str]) -> None:
    subjects = configured_subjects()
    wrong, missed = Counter(), Counter()
    for path in paths:
        for doc in read_labels(Path(path)):
            # as the evaluation reads it: the archive's cleaned text, its publisher and address as the source
            text, publication = read_document(doc["file"])
            facts = extract(text, doc["date"], subjects, source=document_origin(doc, publication))
            labels = doc["labels"]
            for fact in facts:
                if is_dashboard(fact) and not any(matches(fact, label) for label in labels):
                    same = [lb for lb in labels if lb["kind"] == fact.kind and lb.get("value") == fact.value]
                    wrong[differences(fact, same[0]) if same else "no label with that value"] += 1
            for label in labels:
                if is_dashboard(label) and not any(matches(fact, label) for fact in facts):
                    same = [f for f in facts if f.kind == label["kind"] and f.value == label.get("value")]
                    missed[differences(same[0], label) if same else "no fact with that value"] += 1
    print("wrong dashboard facts:", dict(wrong.most_common()))
    print("missed dashboard labels:", dict(missed.most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
