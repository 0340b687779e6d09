"""Benchmark of the archive on 1,000,000 SYNTHETIC paragraphs (documents titled 合成文档…).

    chanye bench archive --db /tmp/archive.sqlite3
    CHANYE_DATABASE_URL=postgresql://…/chanye_archive chanye bench archive

Text: words of 2-4 common Chinese characters drawn with a Zipf distribution from a generated
vocabulary, so that some bigrams are very frequent (as 产业 is in real reports) and most are rare.
Measures: full-pipeline ingest throughput on a sample of documents; bulk index throughput for the
rest; index size; top-10 search time (count + first 10 hits) for random 2-, 4- and 8-character
phrases taken from the corpus; and, for a sample of them, that the hit count equals the true number
of paragraphs containing the phrase (brute force over all paragraphs).
"""

import random
import statistics
import time

from django.db import connection, transaction

from chanye.archive import search, services
from chanye.archive.engine.normalize import search_form
from chanye.archive.models import Document, Paragraph

PARAGRAPHS, PER_DOCUMENT, PIPELINE_SAMPLE = 1_000_000, 50, 200
COMMON = [chr(c) for c in range(0x4E00, 0x4E00 + 3500)]  # a block of CJK characters as the alphabet


def vocabulary(rng: random.Random, size: int = 8000) -> list[str]:
    return ["".join(rng.choice(COMMON) for _ in range(rng.choice([2, 2, 2, 3, 4]))) for _ in range(size)]


def paragraph(rng: random.Random, words: list[str], weights: list[float]) -> str:
    text = "".join(rng.choices(words, weights=weights, k=rng.randrange(12, 40)))
    return text + "。"


def _say(out, message):
    out.write(message)
    out.flush()


def generate(out, seed: int = 7) -> dict:
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf
    documents = PARAGRAPHS // PER_DOCUMENT
    started = time.perf_counter()
    # The full pipeline (read, clean, normalise, repair, store, index, near-duplicate check) on a sample.
    for i in range(PIPELINE_SAMPLE):
        text = "\n\n".join(paragraph(rng, words, weights) for _ in range(PER_DOCUMENT))
        services.ingest_file(actor=None, filename=f"合成文档{i:06d}.txt", content=f"合成文档{i:06d}\n\n{text}".encode())
    pipeline_s = time.perf_counter() - started
    _say(out, f"完整流程入库 {PIPELINE_SAMPLE} 篇：{pipeline_s:.1f} 秒")
    # The rest straight into the tables and the index (what the pipeline's last steps do), in batches.
    started = time.perf_counter()
    for start in range(PIPELINE_SAMPLE, documents, 500):
        with transaction.atomic():
            docs = Document.objects.bulk_create(
                Document(
                    title=f"合成文档{i:06d}",
                    source="合成数据",
                    format="text",
                    filename=f"{i}.txt",
                    sha256=f"synthetic-{i}",
                    content_hash=f"synthetic-{i}",
                )
                for i in range(start, min(start + 500, documents))
            )
            made = Paragraph.objects.bulk_create(
                Paragraph(document=d, position=p, text=paragraph(rng, words, weights))
                for d in docs
                for p in range(PER_DOCUMENT)
            )
            search.index([(p.pk, p.text) for p in made])
        if (start - PIPELINE_SAMPLE) % 5000 == 0:  # every 10 batches: 250,000 paragraphs
            _say(out, f"段落 {Paragraph.objects.count():,}/{PARAGRAPHS:,}，{time.perf_counter() - started:.0f} 秒")
    bulk_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) archive_paragraph_search")
            cursor.execute("ANALYZE")
    total = Paragraph.objects.count()
    return {
        "paragraphs": total,
        "pipeline_docs_per_s": round(PIPELINE_SAMPLE / pipeline_s, 1),
        "pipeline_paragraphs_per_s": round(PIPELINE_SAMPLE * PER_DOCUMENT / pipeline_s),
        "bulk_paragraphs_per_s": round((total - PIPELINE_SAMPLE * PER_DOCUMENT) / bulk_s),
    }


def index_size_mb() -> dict:
    """SQLite: the FTS5 tables. PostgreSQL: the GIN index and the kept counts; and apart, the
    table of search forms the index is built on (with its primary key)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_relation_size('archive_paragraph_grams') + pg_total_relation_size('archive_gram_count'), "
                "pg_total_relation_size('archive_paragraph_search') - pg_relation_size('archive_paragraph_grams'), "
                "(SELECT count(*) FROM archive_gram_count)"
            )
            index, table, counts = cursor.fetchone()
            return {
                "index_mb": round(index / 1024 / 1024, 1),
                "search_table_mb": round(table / 1024 / 1024, 1),
                "kept_counts": counts,
            }
        cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'archive_paragraph_fts%'")
        return {"index_mb": round((cursor.fetchone()[0] or 0) / 1024 / 1024, 1)}


def sample_phrases(rng: random.Random, length: int, count: int) -> list[str]:
    ids = list(Paragraph.objects.order_by("?").values_list("text", flat=True)[: count * 3])
    phrases = []
    for text in ids:
        form = search_form(text).rstrip("。")
        if len(form) >= length:
            start = rng.randrange(len(form) - length + 1)
            phrases.append(form[start : start + length])
        if len(phrases) == count:
            break
    return phrases


def _summary(timings: list[float]) -> dict:
    timings = sorted(timings)
    return {
        "p50_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)] * 1000, 1),
    }


def measure(out, runs: int) -> dict:
    """Each phrase is searched twice, in the order of ingest (the index alone) and by relevance (the
    search page's default: also reads and scores up to search.RANKED paragraphs); the phrases of a
    length are all drawn before any is timed."""
    rng = random.Random(11)
    results = {}
    for length in (2, 4, 8):
        recent, relevance, totals = [], [], []
        for phrase in sample_phrases(rng, length, runs):
            for sort, timings in (("recent", recent), ("relevance", relevance)):
                started = time.perf_counter()
                found = search.find(phrase, sort=sort)
                timings.append(time.perf_counter() - started)
            totals.append(found.total)
        results[f"{length}字"] = {
            "queries": len(totals),
            **_summary(recent),
            "relevance": _summary(relevance),
            "median_hits": statistics.median(totals),
            "max_hits": max(totals),
        }
        _say(out, f"{length}字：{results[f'{length}字']}")
    return results


def exactness(out, per_length: int = 5) -> dict:
    """Hit counts against brute force over every paragraph, for a few phrases of each length."""
    rng = random.Random(13)
    forms = [search_form(t) for t in Paragraph.objects.values_list("text", flat=True).iterator(chunk_size=20000)]
    checked = mismatches = 0
    for length in (2, 4, 8):
        for phrase in sample_phrases(rng, length, per_length):
            checked += 1
            mismatches += search.find(phrase).total != sum(phrase in f for f in forms)
    return {"checked": checked, "mismatches": mismatches}


def run(out, runs: int = 50) -> dict:
    result = {"database": connection.vendor}
    if Paragraph.objects.count() < PARAGRAPHS:
        result.update(generate(out))
    result.update(index_size_mb())
    result["search"] = measure(out, runs)
    result["exact"] = exactness(out)
    _say(out, str(result))
    return result
