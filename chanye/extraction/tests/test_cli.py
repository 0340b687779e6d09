"""`chanye extract`: the public JSON-lines contract, on the seed articles."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from chanye.conftest import SEEDS

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


def extract(name: str, *args) -> list[dict]:
    out = io.StringIO()
    call_command("extract", str(SEEDS / name), *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_contract_fields_and_the_rmrb_date_from_its_page(db):
    facts = extract("000_bab4f8e620e8fad7.txt")
    assert facts and all(set(f) - {"note"} == FIELDS for f in facts)
    huashao = next(f for f in facts if f["kind"] == "project")
    assert (huashao["subject"], huashao["value"], huashao["unit"]) == ("重庆华韶智算中心", 38000000000, "元")
    assert huashao["cluster"] is None  # the opening sentence lists three events; none names its cluster


def test_the_undated_page_needs_a_date_and_then_finds_the_new_materials_figures(db):
    with pytest.raises(CommandError, match="--date"):
        extract("002_3d946e0c8bd40bb3.txt")
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
