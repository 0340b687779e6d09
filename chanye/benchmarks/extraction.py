"""Throughput of fact extraction, per core (the engine is single-threaded plain Python, so characters per
second of one process is the figure per core), best of `runs` passes (at most 5) after a warm-up.

    chanye bench extraction [--runs N]

- on a SYNTHETIC corpus (every paragraph starts with 【合成数据】) of 1,000 and 10,000 generated paragraphs;
- on the REAL articles of the evaluation corpus (eval/extraction/dev and test, as the archive cleans
  them, each read against its own date), when the repository's eval/ folder is there.
Needs no database."""

import json
import time
from pathlib import Path

from chanye.extraction.engine import Subjects, extract
from chanye.extraction.engine.bench import generate_corpus, throughput

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "extraction"


def real_articles(root: Path = CORPUS) -> list[tuple[str, object, str]]:
    """(text, date, address) of every labelled real article under eval/extraction."""
    import datetime

    from chanye.archive.engine import pipeline, readers

    articles = []
    for labels in sorted(root.glob("*/label*.jsonl")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            path = labels.parent / entry["file"]
            text = pipeline.clean(readers.read_any(path.name, path.read_bytes()).text).text
            date = datetime.date.fromisoformat(entry["date"]) if entry.get("date") else None
            articles.append((text, date, entry.get("url") or ""))
    return articles


def real_throughput(articles, repeat: int = 3) -> dict:
    subjects = Subjects.from_demo()
    characters = sum(len(text) for text, _, _ in articles)
    for text, date, url in articles:  # warm-up: gazetteer, catalogue and lexicon caches
        extract(text, date, subjects, source=url)
    best = float("inf")
    facts = 0
    for _ in range(repeat):
        started = time.perf_counter()
        facts = sum(len(extract(text, date, subjects, source=url)) for text, date, url in articles)
        best = min(best, time.perf_counter() - started)
    return {
        "articles": len(articles),
        "characters": characters,
        "facts": facts,
        "seconds": round(best, 3),
        "chars_per_second": round(characters / best),
    }


def run(out, runs: int = 3) -> list[dict]:
    results = []
    repeat = max(1, min(runs, 5))
    for paragraphs in (1_000, 10_000):
        result = {"paragraphs": paragraphs, **throughput(generate_corpus(paragraphs), repeat=repeat)}
        out.write(
            f"{paragraphs} 段（{result['characters']} 字，合成）：{result['chars_per_second']:,} 字/秒/核，"
            f"{result['facts']} 条事实，用时 {result['seconds']} 秒"
        )
        results.append(result)
    if CORPUS.is_dir():
        result = real_throughput(real_articles(), repeat=repeat)
        out.write(
            f"真实文章 {result['articles']} 篇（{result['characters']} 字，eval/extraction）："
            f"{result['chars_per_second']:,} 字/秒/核，{result['facts']} 条事实，用时 {result['seconds']} 秒"
        )
        results.append(result)
    return results
