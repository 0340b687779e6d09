"""The labelled set: what a person read in the two seed articles, as the engine should return it.

Built from the demo data, not typed again: every observation and target of
chanye/demo/dadukou_figures.toml becomes a label of the article its cite is from, and the signing,
project, listing and designations come from dadukou.toml and the figures file's notes. Where the
demo data deliberately kept one record for a figure both articles give ("同一数字，未另立记录"), the
second article's statement is added here, read by the demo data's own conventions (目前/当前 = the
month of publication). Subjects are those of the demo data; a designation's holder is the name as the
article writes it (002 writes 生物医药工程 where 000 writes 生物医学工程, as dadukou.toml notes).
"""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from chanye.lib.periods import Period
from chanye.lib.shared import SEEDS
from chanye.lib.units import to_base

DEMO = Path(__file__).resolve().parents[2] / "demo"

DOCUMENTS = {
    "000": {
        "file": SEEDS / "000_bab4f8e620e8fad7.txt",
        "published": datetime.date(2024, 1, 23),
        "source": "rmrb-20240123",
    },
    # Undated page; dadukou.toml dates it to late December 2023 (冬至, 12月13日, 本月初).
    "002": {
        "file": SEEDS / "002_3d946e0c8bd40bb3.txt",
        "published": datetime.date(2023, 12, 25),
        "source": "wcy-5plus2-202312",
    },
}
_DOC_OF_SOURCE = {spec["source"]: name for name, spec in DOCUMENTS.items()}


def _toml(name: str) -> dict:
    with (DEMO / name).open("rb") as file:
        return tomllib.load(file)


def _period(text: str) -> tuple[str, str]:
    period = Period.parse(text)
    return f"{period.year}-{period.start:02d}", f"{period.year}-{period.end:02d}"


def _value(value: str, unit: str) -> tuple[Decimal | None, str]:
    if not value:
        return None, ""
    return to_base(value, unit)


def _figure_label(row: dict, kind: str, **when) -> dict:
    """A figure of the demo's data file (observation or target) as a label of the document it cites."""
    value, unit = _value(row["value"], row["unit"])
    return {
        "doc": _DOC_OF_SOURCE[row["cite"]["source"]],
        "kind": kind,
        "subject": row["subject"],
        "subject_kind": row["subject_kind"],
        "indicator": row["indicator"],
        "value": value,
        "unit": unit,
        "qualifier": row["qualifier"],
        **when,
        "quote": row["cite"]["quote"],
    }


def _figures() -> list[dict]:
    data = _toml("dadukou_figures.toml")
    labels = []
    for row in data["observation"]:
        yoy = Decimal(row["yoy_pct"]) if row["yoy_pct"] else None
        labels.append(_figure_label(row, "metric", period=_period(row["period"]), yoy_pct=yoy))
    for row in data["target"]:
        labels.append(_figure_label(row, "target", target_year=row["year"]))
    return labels


def _same_figure_again() -> list[dict]:
    """Figures that both articles give, which the demo data recorded once (see the notes there)."""
    figures = {
        (label["kind"], label["subject"], label["indicator"], label.get("target_year")): label for label in _figures()
    }
    again = []
    # 000 “当前，大渡口区已集聚大数据智能化企业450多家” (note of the 450多家 observation): 当前 = 2024-01.
    first = figures[("metric", "大数据智能化", "enterprises", None)]
    again.append(
        {
            **first,
            "doc": "000",
            "period": ("2024-01", "2024-01"),
            "quote": "当前，大渡口区已集聚大数据智能化企业450多家",
        }
    )
    # 002 “产业企业达到300家” and “集聚产业企业1000家” (notes of the two enterprise targets).
    for year, quote in ((2025, "产业企业达到300家"), (2035, "集聚产业企业1000家")):
        label = figures[("target", "大健康生物医药", "enterprises", year)]
        again.append({**label, "doc": "002", "quote": quote})
    return again


def _events() -> list[dict]:
    demo = _toml("dadukou.toml")
    labels = [
        # dadukou_figures.toml, header “未收录…投资项目台账”: the signing of 002 and the project of 000.
        {
            "doc": "002",
            "kind": "signing",
            "subject": "2023年重点项目暨第三次招商引资项目集中签约仪式",
            "subject_kind": "other",
            "projects": 23,
            "value": Decimal("10700000000"),
            "event": "2023年重点项目暨第三次招商引资项目集中签约仪式",
        },
        {
            "doc": "000",
            "kind": "project",
            "subject": "重庆华韶智算中心",
            "subject_kind": "other",
            "value": Decimal("38000000000"),
        },
    ]
    for enterprise in demo["enterprise"]:
        listing = enterprise.get("listing", {})
        if listing.get("exchange"):
            for doc in sorted({_DOC_OF_SOURCE[c["source"]] for c in enterprise["cite"]}):
                labels.append(
                    {
                        "doc": doc,
                        "kind": "listing",
                        "subject": enterprise["name"],
                        "subject_kind": "enterprise",
                        "exchange": listing["exchange"],
                        "board": listing["board"],
                    }
                )
    designations = {(d["holder"], d["title"]): d for d in demo["designation"]}
    # (article, holder in dadukou.toml, title in dadukou.toml, holder as the article writes it)
    stated = [
        ("000", "大渡口区", "国家产业转型升级示范区建设评估优秀等级", None),
        ("000", "生物医学工程", "重庆市首批8个市级战略性新兴产业集群", None),
        ("002", "生物医学工程", "重庆市首批8个市级战略性新兴产业集群", "生物医药工程"),
        ("000", "重庆小面制品", "重点地方特色食品产业集群建设名单", None),
        ("002", "重庆小面制品", "重点地方特色食品产业集群建设名单", None),
        ("002", "重庆小面制品", "农业产业融合发展优势特色产业建设名单", None),
        ("000", "渝面侠", "首批参加“千企百城”商标品牌价值提升行动的区域商标品牌名单", None),
        ("000", "中元汇吉", "重庆市“33条重点产业链”体外诊断产业链链主", None),
        ("002", "中元汇吉", "重庆市“33条重点产业链”体外诊断产业链链主", None),
        ("002", "井谷元", "全国第一张“重庆小面食品生产许可证”", None),
        ("002", "重庆工业文化博览园", "国家AAAA级旅游景区", None),
        ("002", "重庆工业文化博览园", "国家工业旅游示范基地", None),
        ("002", "大渡口区", "重庆市环保护科技园", None),
        ("002", "大渡口区", "国家环保产业发展重庆基地", None),
    ]
    for doc, holder, title, written in stated:
        entry = designations[(holder, title)]  # KeyError: the demo data changed, and so must this list
        kind = {
            "enterprise": "enterprise",
            "cluster": "other",
            "district": "district",
            "park": "park",
            "product": "other",
        }[entry["holder_kind"]]
        labels.append(
            {
                "doc": doc,
                "kind": "designation",
                "subject": written or holder,
                "subject_kind": kind,
                "cluster": entry.get("cluster") or None,
                "title": title,
            }
        )
    return labels


def labels(doc: str | None = None) -> list[dict]:
    everything = _figures() + _same_figure_again() + _events()
    return [label for label in everything if doc is None or label["doc"] == doc]


def seed_text(doc: str) -> str:
    from chanye.archive.engine.pipeline import clean

    return clean(DOCUMENTS[doc]["file"].read_text(encoding="utf-8")).text
