"""`chanye extract`: the public JSON-lines contract, on the seed articles."""

import io
import json

from django.core.management import call_command

from chanye.conftest import seed

FIELDS = {
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


def extract(name: str, *args, stderr: io.StringIO | None = None) -> list[dict]:
    out = io.StringIO()
    call_command("extract", str(seed(name)), *args, stdout=out, stderr=stderr or io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_contract_fields_and_the_rmrb_date_from_its_page(db):
    facts = extract("000_bab4f8e620e8fad7.txt")
    assert facts and all(set(f) - {"note"} == FIELDS for f in facts)
    huashao = next(f for f in facts if f["kind"] == "project")
    assert (huashao["subject"], huashao["value"], huashao["unit"]) == ("重庆华韶智算中心", 38000000000, "元")
    assert huashao["cluster"] is None  # the opening sentence lists three events; none names its cluster


def test_the_undated_page_warns_gives_its_figures_and_with_a_date_finds_their_periods(db):
    warning = io.StringIO()
    undated = extract("002_3d946e0c8bd40bb3.txt", stderr=warning)
    assert "没有发布日期" in warning.getvalue() and "--date" in warning.getvalue()
    waiting = next(f for f in undated if f["cluster"] == "大数据智能化" and f["indicator"] == "revenue")
    assert waiting["value"] == 9220000000 and waiting["period"] == {"start": None, "end": None}
    assert "note" in waiting  # why the period is null
    facts = extract("002_3d946e0c8bd40bb3.txt", "--date", "2023-12-25")
    revenue = next(f for f in facts if f["cluster"] == "新材料" and f["indicator"] == "revenue")
    assert (revenue["value"], revenue["yoy_pct"], revenue["period"]) == (
        5900000000,
        6.1,
        {"start": "2023-01", "end": "2023-11"},
    )
    target = next(
        f
        for f in facts
        if f["kind"] == "target"
        and f["cluster"] == "大健康生物医药"
        and f["target_year"] == 2035
        and f["indicator"] == "revenue"
    )
    assert target["value"] == 100000000000
