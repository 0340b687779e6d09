"""Throughput of extract() on a generated corpus.

The corpus is SYNTHETIC: sentences of the genre assembled at random from templates (every paragraph
starts with “【合成数据】”), never mixed with real data. Run:

    .venv/bin/python -m chanye.extraction.engine.bench [characters]
"""

import datetime
import random
import sys
import time

from .extract import extract
from .subjects import Subjects

SYNTHETIC_MARK = "【合成数据】"
_PERIODS = ["今年1-{m}月", "前三季度", "上半年", "今年一季度", "截至{m}月底", "去年", "{m}月份"]
_INDICATORS = [
    ("实现营收", "亿元"),
    ("完成产值", "亿元"),
    ("实现增加值", "亿元"),
    ("合同投资额", "亿元"),
    ("到位资金", "万元"),
]
_TEMPLATES = [
    "{period}，全区{cluster}产业{indicator}{value}{unit}，同比增长{pct}%。",
    "{period}，{cluster}产业{indicator}{value}{unit}，占比{pct}%，增速较上半年提升{pct}个百分点。",
    "截至{m}月底，全区集聚{cluster}企业{count}多家，市场主体达{count}万户。",
    "预计到{year}年，{cluster}产业营收将突破{value}亿元，产业企业达到{count}家。",
    "在近日举行的招商引资项目集中签约仪式上，共签约{count}个项目，计划总投资{value}亿元。",
    "{enterprise}在深圳证券交易所创业板成功上市，成为{cluster}产业又一家上市企业。",
    "大渡口区正加快建设百亿级{cluster}产业集群，推动产业链延链补链强链，营造良好营商环境。",
    "近年来，{enterprise}持续加大研发投入，入选国家级专精特新“小巨人”企业名单。",
]


def generate_corpus(paragraphs: int = 1000, seed: int = 0, subjects: Subjects | None = None) -> str:
    """A synthetic text of the given number of paragraphs (about 70 characters each)."""
    rng = random.Random(seed)
    subjects = subjects or Subjects.from_demo()
    clusters = list(subjects.clusters) or ["新材料"]
    enterprises = list(subjects.enterprises) or ["某某科技有限公司"]
    lines = []
    for _ in range(paragraphs):
        indicator, unit = rng.choice(_INDICATORS)
        fields = {
            "m": rng.randint(2, 11),
            "cluster": rng.choice(clusters),
            "enterprise": rng.choice(enterprises),
            "indicator": indicator,
            "unit": unit,
            "value": round(rng.uniform(1, 500), 1),
            "pct": round(rng.uniform(0.1, 30), 1),
            "count": rng.randint(2, 900),
            "year": rng.choice([2025, 2027, 2030, 2035]),
        }
        fields["period"] = rng.choice(_PERIODS).format(**fields)
        lines.append(SYNTHETIC_MARK + rng.choice(_TEMPLATES).format(**fields))
    return "\n\n".join(lines)


def throughput(
    text: str | None = None,
    *,
    published: datetime.date = datetime.date(2023, 12, 25),
    subjects: Subjects | None = None,
    repeat: int = 3,
) -> dict:
    """Characters per second of extract() on the text (a generated corpus by default): the best of `repeat` runs."""
    subjects = subjects or Subjects.from_demo()
    text = generate_corpus(subjects=subjects) if text is None else text
    extract(text[:2000], published, subjects)  # warm the caches (catalogue, lexicon, regexes)
    best = float("inf")
    facts = 0
    for _ in range(repeat):
        started = time.perf_counter()
        facts = len(extract(text, published, subjects))
        best = min(best, time.perf_counter() - started)
    return {
        "characters": len(text),
        "seconds": round(best, 4),
        "chars_per_second": round(len(text) / best) if best else None,
        "facts": facts,
        "corpus": "synthetic",
    }


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    print(throughput(generate_corpus(size)))
