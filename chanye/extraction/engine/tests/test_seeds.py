"""The two seed articles against the labelled set built from the demo data."""

import json
from decimal import Decimal

import pytest

from chanye.conftest import seed
from chanye.extraction.engine import Subjects, evaluate, extract, facts_to_jsonl, labelled
from chanye.extraction.engine.evaluate import merge
from chanye.extraction.engine.labelled import DOCUMENTS, labels


def seed_text(doc: str) -> str:
    """The cleaned text of a seed article, or the test is skipped when ../shared/seeds is absent."""
    seed(DOCUMENTS[doc]["file"].name)
    return labelled.seed_text(doc)


@pytest.fixture(scope="module")
def extracted():
    subjects = Subjects.from_demo()
    return {doc: extract(seed_text(doc), spec["published"], subjects) for doc, spec in DOCUMENTS.items()}


@pytest.fixture(scope="module")
def report(extracted):
    return merge([evaluate(extracted[doc], labels(doc)) for doc in DOCUMENTS])


def test_the_labelled_set_covers_every_figure_of_the_demo_data():
    every = labels()
    assert sum(label["kind"] == "metric" for label in every) == 18 + 1  # 18 observations + 450多家 in 000
    assert sum(label["kind"] == "target" for label in every) == 6 + 2  # 6 targets + 300/1000家 in 002
    assert {label["kind"] for label in every} == {"metric", "target", "signing", "project", "listing", "designation"}


def test_no_metric_or_target_with_a_wrong_number_or_period(report):
    for kind in ("metric", "target"):
        assert report["by_kind"][kind]["precision"] == 1.0, report["wrong"]
    assert report["keyed"]["precision"] == 1.0, report["wrong"]


def test_the_monitoring_figures_are_found(report):
    assert report["by_kind"]["metric"]["recall"] == 1.0, report["missed"]
    assert report["by_kind"]["target"]["recall"] == 1.0, report["missed"]


def test_events_are_found_and_right(report):
    for kind in ("signing", "project", "listing", "designation"):
        row = report["by_kind"][kind]
        assert (row["precision"], row["recall"]) == (1.0, 1.0), (kind, report["wrong"], report["missed"])


def test_new_materials_after_clean_has_its_january_to_november_period(extracted):
    found = {
        (f.indicator, f.value, f.yoy_pct, f.period_start, f.period_end)
        for f in extracted["002"]
        if f.kind == "metric" and f.cluster == "新材料"
    }
    assert found == {
        ("revenue", Decimal("5900000000"), Decimal("6.1"), "2023-01", "2023-11"),
        ("output", Decimal("5300000000"), Decimal("9.8"), "2023-01", "2023-11"),
    }


def test_the_percentage_point_change_and_the_progress_are_not_read(extracted):
    served = [f for f in extracted["002"] if f.indicator == "value_added"]
    assert [(f.yoy_pct, f.period_end) for f in served] == [(Decimal("7.3"), "2023-09")]
    assert not any(f.value == 70 or f.yoy_pct == Decimal("7.2") for f in extracted["002"])


def test_the_forecast_of_a_new_factory_is_not_a_figure(extracted):
    assert not any(f.value == Decimal("200000000") for f in extracted["002"])  # 建成投用后…年产值近2亿元


def test_evidence_and_spans(extracted):
    for doc, found in extracted.items():
        text = seed_text(doc)
        for fact in found:
            assert text[fact.span[0] : fact.span[1]] == fact.evidence
            assert 0 < len(fact.evidence) <= 400
            assert 0 < fact.confidence <= 1


def test_jsonl_follows_the_cli_contract(extracted):
    lines = facts_to_jsonl(extracted["002"]).splitlines()
    assert len(lines) == len(extracted["002"])
    for line in lines:
        row = json.loads(line)
        assert set(row) - {"note"} == {
            "kind",
            "subject",
            "cluster",
            "indicator",
            "value",
            "unit",
            "approx",
            "period",
            "yoy_pct",
            "target_year",
            "projects",
            "evidence",
            "span",
            "confidence",
            "region",
            "industry",
            "entity",
            "resolved",
        }
        assert set(row["period"]) == {"start", "end"} and isinstance(row["span"], list)
    revenue = next(json.loads(line) for line in lines if "92.2亿元" in line and '"revenue"' in line)
    assert (revenue["value"], revenue["yoy_pct"], revenue["period"], revenue["cluster"]) == (
        9220000000,
        1.89,
        {"start": "2023-01", "end": "2023-10"},
        "大数据智能化",
    )
    full = json.loads(facts_to_jsonl(extracted["002"][:1], full=True))
    assert {"enterprise", "qualifier", "extra"} <= set(full)


def test_without_clean_the_broken_columns_cost_figures_not_precision():
    """002 as extracted from the PDF: “实现营收59亿元…” stands without its “今年1-11月”. The engine
    must leave those figures out rather than give them a wrong period or subject."""
    spec = DOCUMENTS["002"]
    facts = extract(seed(spec["file"].name).read_text(encoding="utf-8"), spec["published"], Subjects.from_demo())
    report = evaluate(facts, labels("002"))
    assert report["precision"] == 1.0, report["wrong"]
    assert not any(f.value == Decimal("5900000000") for f in facts)
