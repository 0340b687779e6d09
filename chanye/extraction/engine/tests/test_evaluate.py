"""evaluate(): what counts as a match."""

from decimal import Decimal

from chanye.extraction.engine import evaluate
from chanye.extraction.engine.evaluate import merge, titles_agree
from chanye.extraction.engine.facts import Fact
from chanye.lib.periods import Period


def metric(**changes) -> Fact:
    fields = {
        "kind": "metric",
        "subject": "新材料",
        "cluster": "新材料",
        "enterprise": None,
        "indicator": "revenue",
        "value": Decimal("5900000000"),
        "unit": "元",
        "approx": False,
        "qualifier": "",
        "period": Period.ytd(2023, 11),
        "yoy_pct": Decimal("6.1"),
        "target_year": None,
        "projects": None,
        "evidence": "…",
        "span": (0, 1),
        "confidence": 0.9,
        "extra": {},
    }
    fields.update(changes)
    return Fact(**fields)


LABEL = {
    "kind": "metric",
    "subject": "新材料",
    "subject_kind": "cluster",
    "indicator": "revenue",
    "value": Decimal("5900000000"),
    "period": ("2023-01", "2023-11"),
    "yoy_pct": Decimal("6.1"),
}


def test_a_fact_matches_when_subject_indicator_value_period_and_growth_agree():
    assert evaluate([metric()], [LABEL])["precision"] == 1.0
    for wrong in (
        {"value": Decimal("590000000")},
        {"period": Period.ytd(2023, 10)},
        {"yoy_pct": None},
        {"cluster": None},
        {"indicator": "output"},
    ):
        report = evaluate([metric(**wrong)], [LABEL])
        assert (report["precision"], report["recall"]) == (0.0, 0.0), wrong


def test_keyed_precision_counts_only_figures_of_labelled_subject_and_indicator():
    report = evaluate([metric(), metric(indicator="profit"), metric(value=Decimal(1))], [LABEL])
    assert report["keyed"] == {"facts": 2, "correct": 1, "precision": 0.5}
    assert report["by_kind"]["metric"]["precision"] == round(1 / 3, 4)


def test_titles():
    assert titles_agree("工信部“重点地方特色食品产业集群”建设名单", "重点地方特色食品产业集群建设名单")
    assert titles_agree("全市33条重点产业链体外诊断产业链链主", "重庆市“33条重点产业链”体外诊断产业链链主")
    assert not titles_agree("国家AAAA级旅游景区", "国家工业旅游示范基地")


def test_merge_adds_documents_up():
    one = evaluate([metric()], [LABEL])
    two = evaluate([], [LABEL])
    merged = merge([one, two])
    assert merged["by_kind"]["metric"]["labels"] == 2 and merged["recall"] == 0.5 and merged["precision"] == 1.0
