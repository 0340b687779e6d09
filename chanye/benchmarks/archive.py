"""Benchmark of the archive on SYNTHETIC paragraphs (documents titled 合成文档…), 1,000,000 by default.

    chanye bench archive --db /tmp/archive.sqlite3 [--paragraphs 1000000]
    CHANYE_DATABASE_URL=postgresql://…/chanye_archive chanye bench archive

Text: words of 2-4 common simplified Chinese characters drawn with a Zipf distribution from a generated
vocabulary, so that some bigrams are very frequent (as 产业 is in real reports) and most are rare.
Every document goes through the full pipeline (read, clean, normalise, repair, refuse duplicates,
store, index, near-duplicate check, fact extraction); every NEAR_COPY-th document is a near copy of
an earlier one (a few characters changed), which the near-duplicate check must link. Measures:
documents/s over the first and the last 1,000 documents (so that growth shows) and overall; index
size; top-10 search time (count + first 10 hits) for random 2-, 4- and 8-character phrases taken
from the corpus, by the database's index and by a tantivy index of the same paragraphs (bigram
phrase queries) built beside it; hit counts of both engines compared on every query, and with the
true number of paragraphs containing the phrase (brute force) for a sample.
"""

import itertools
import random
import shutil
import statistics
import time
from collections import deque
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import connection

from chanye.archive import parallel, search
from chanye.archive.engine.normalize import _traditional_characters, search_form
from chanye.archive.models import Document, NearDuplicate, Paragraph
from chanye.benchmarks.timing import percentiles

PARAGRAPHS, PER_DOCUMENT, WINDOW_DOCUMENTS, NEAR_COPY = 1_000_000, 50, 1_000, 100
# A block of CJK characters as the alphabet, less those OpenCC reads as traditional: reports from the
# mainland are in simplified characters (a traditional one in every few sent every paragraph through
# OpenCC, which a real archive rarely needs).
COMMON = [chr(c) for c in range(0x4E00, 0x4E00 + 3500) if chr(c) not in _traditional_characters()]


def vocabulary(rng: random.Random, size: int = 8000) -> list[str]:
    return ["".join(rng.choice(COMMON) for _ in range(rng.choice([2, 2, 2, 3, 4]))) for _ in range(size)]


def paragraph(rng: random.Random, words: list[str], cumulative: list[float]) -> str:
    """Words drawn with the cumulative Zipf weights (the same draws as with the weights themselves,
    without summing 8,000 weights again for every paragraph)."""
    text = "".join(rng.choices(words, cum_weights=cumulative, k=rng.randrange(12, 40)))
    return text + "。"


def _say(out, message):
    out.write(message)
    out.flush()


def near_copy(rng: random.Random, text: str, share: float = 0.03) -> str:
    """The same story with a few characters changed (a figure, a name, a typo)."""
    return "".join(rng.choice(COMMON) if c not in "。\n" and rng.random() < share else c for c in text)


def _rate(window: list[float]) -> float:
    """Documents/s over a window of consecutive documents' seconds."""
    return round(len(window) / sum(window), 1) if window else 0.0


def _documents(rng: random.Random, start: int, end: int, copies: list[tuple[str, str]]):
    """(file name, content) of the synthetic documents start..end-1, made as they are asked for; every
    NEAR_COPY-th is a near copy of one of the 50 before it, recorded in `copies` (original, copy)."""
    words = vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))  # Zipf
    recent: deque[tuple[str, str]] = deque(maxlen=50)
    for i in range(start, end):
        title = f"合成文档{i:06d}"
        if i % NEAR_COPY == NEAR_COPY - 1 and recent:
            original_title, original = recent[rng.randrange(len(recent))]
            text = near_copy(rng, original)
            copies.append((original_title, title))
        else:
            text = "\n\n".join(paragraph(rng, words, cumulative) for _ in range(PER_DOCUMENT))
        recent.append((title, text))
        yield f"{title}.txt", f"{title}\n\n{text}".encode()


def generate(out, paragraphs: int = PARAGRAPHS, seed: int = 7, workers: int = 1) -> dict:
    """Every document through the full pipeline (parallel.ingest_all: services.ingest_group in `workers`
    processes), each timed from the previous one's end to its own, so that with several workers the
    rate is the archive's, not one process's."""
    rng = random.Random(seed)
    documents = paragraphs // PER_DOCUMENT
    window = min(WINDOW_DOCUMENTS, max(1, documents // 10))
    seconds: list[float] = []
    copies: list[tuple[str, str]] = []  # (title of the original, title of the near copy)
    failed: list[str] = []
    analyzing = 0.0
    started = last = time.perf_counter()
    analyzed = (0, started)  # (documents, when) at the last ANALYZE
    stored = Document.objects.count()  # a run stopped half-way goes on
    files = _documents(rng, stored, documents, copies)
    for i, result in enumerate(parallel.ingest_all(actor=None, files=files, workers=workers), start=1):
        if result["status"] != "入库":
            failed.append(f"{result['file']}：{result['message']}")
        now = time.perf_counter()
        seconds.append(now - last)
        last = now
        if i >= analyzed[0] * 1.1 and now - analyzed[1] >= 60:
            took = _analyze()
            analyzed = (i, time.perf_counter())
            if workers == 1:  # left out; several workers go on ingesting meanwhile, as beside autovacuum
                analyzing += took
                last = analyzed[1]
        if i % window == 0:
            _say(
                out,
                f"文档 {stored + i:,}/{documents:,}：最近 {window} 篇 {_rate(seconds[-window:])} 篇/秒，"
                f"累计 {i / (time.perf_counter() - started - analyzing):.1f} 篇/秒",
            )
    if failed:
        raise RuntimeError(f"{len(failed)} 篇合成文档入库失败，如：{failed[0]}")
    total_s = time.perf_counter() - started - analyzing
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) archive_paragraph_search")
            cursor.execute("ANALYZE")
    linked = sum(
        NearDuplicate.objects.filter(first__title=original, second__title=copy).exists() for original, copy in copies
    )
    first, last_rate = _rate(seconds[:window]), _rate(seconds[-window:])
    return {
        "paragraphs": Paragraph.objects.count(),
        "documents_ingested": len(seconds),
        "workers": workers,
        "window_documents": window,
        "first_docs_per_s": first,
        "last_docs_per_s": last_rate,
        "first_paragraphs_per_s": round(first * PER_DOCUMENT),
        "last_paragraphs_per_s": round(last_rate * PER_DOCUMENT),
        "overall_docs_per_s": round(len(seconds) / total_s, 1) if seconds else 0.0,
        "near_copies_linked": f"{linked}/{len(copies)}",
        **(
            {"analyze_s": round(analyzing, 1), "autovacuum": _autovacuum()} if connection.vendor == "postgresql" else {}
        ),
    }


def _analyze() -> float:
    """PostgreSQL: the planner's statistics gathered as autovacuum would (at most once a minute, once a
    tenth of the archive is new); the seconds it took, left out of the documents/s. Without them (a
    server running with autovacuum off, as this machine's does), the planner takes the archive for the
    empty one it first saw and reads the whole fingerprint table for every document's candidates, a
    cost that grows with the archive."""
    if connection.vendor != "postgresql":
        return 0.0
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - began


def _autovacuum() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('autovacuum')")
        return cursor.fetchone()[0]


# ---- tantivy beside the database's index: the same paragraphs, the same queries


def tantivy_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    # Tokens are the search form's bigrams (and characters, for one-character queries), separated by
    # spaces: the whitespace tokenizer keeps them as they are (no lower-casing) at consecutive positions.
    builder.add_text_field("bigrams", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("unigrams", tokenizer_name="whitespace", index_option="position")
    return builder.build()


def tantivy_dir() -> Path:
    name = "".join(c if c.isalnum() else "_" for c in str(connection.settings_dict["NAME"]))[-60:]
    return Path(settings.DATA_DIR) / "bench-tantivy" / name


def _size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024 / 1024, 1)


def tantivy_build(out) -> dict:
    """The whole archive indexed from the paragraphs' text (search forms computed here, as the
    database's index computes them), in one writer, as a rebuild after a restore would."""
    path = tantivy_dir()
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    schema = tantivy_schema()
    started = time.perf_counter()
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    count = 0
    for pk, text in Paragraph.objects.order_by("pk").values_list("pk", "text").iterator(chunk_size=20_000):
        form = search_form(text)
        document = tantivy.Document()
        document.add_unsigned("id", pk)
        document.add_text("bigrams", " ".join(form[i : i + 2] for i in range(len(form) - 1)))
        document.add_text("unigrams", " ".join(form))
        writer.add_document(document)
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    build_s = time.perf_counter() - started
    began = time.perf_counter()
    reopened = tantivy.Index.open(str(path))  # what a second process does before its first search
    reopened.searcher()
    result = {
        "tantivy_paragraphs": count,
        "tantivy_build_s": round(build_s, 1),
        "tantivy_paragraphs_per_s": round(count / build_s) if build_s else 0,
        "tantivy_index_mb": _size_mb(path),
        "tantivy_open_ms": round((time.perf_counter() - began) * 1000, 1),
    }
    _say(out, f"tantivy：{result}")
    return result


def tantivy_query(schema: tantivy.Schema, query: str) -> tantivy.Query:
    form = search_form(query)
    if len(form) == 1:
        return tantivy.Query.term_query(schema, "unigrams", form)
    grams = [form[i : i + 2] for i in range(len(form) - 1)]
    if len(grams) == 1:
        return tantivy.Query.term_query(schema, "bigrams", grams[0])
    return tantivy.Query.phrase_query(schema, "bigrams", grams)


def tantivy_find(searcher, schema, query: str, limit: int = search.HITS_PER_PAGE) -> search.Result:
    """The total and the newest `limit` hits, as search.find(query) gives them."""
    found = searcher.search(
        tantivy_query(schema, query), limit=limit, count=True, order_by_field="id", order=tantivy.Order.Desc
    )
    return search.Result(found.count, [pk for pk, _address in found.hits])


def index_size_mb() -> dict:
    """SQLite: the FTS5 tables. PostgreSQL: the GIN index and the kept counts; and apart, the
    table of search forms the index is built on (with its primary key)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_relation_size('archive_paragraph_grams') + pg_total_relation_size('archive_gram_count') "
                "+ pg_total_relation_size('archive_gram_pending'), "
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
    return percentiles(timings)


def measure(out, runs: int, searcher=None, schema=None) -> dict:
    """Each phrase is searched twice in the database, in the order of ingest (the index alone) and by
    relevance (the search page's default: also reads and scores up to search.RANKED paragraphs), then
    in tantivy (count and the newest 10); the phrases of a length are all drawn before any is timed.
    Every query's totals and first ids are compared between the two engines."""
    rng = random.Random(11)
    results = {}
    for length in (2, 4, 8):
        recent, relevance, engine, totals, differ = [], [], [], [], 0
        for phrase in sample_phrases(rng, length, runs):
            for sort, timings in (("recent", recent), ("relevance", relevance)):
                started = time.perf_counter()
                found = search.find(phrase, sort=sort) if sort == "relevance" else search.find(phrase)
                timings.append(time.perf_counter() - started)
                if sort == "recent":
                    database = found
            totals.append(database.total)
            if searcher is not None:
                started = time.perf_counter()
                other = tantivy_find(searcher, schema, phrase)
                engine.append(time.perf_counter() - started)
                differ += (other.total, other.paragraph_ids) != (database.total, database.paragraph_ids)
        results[f"{length}字"] = {
            "queries": len(totals),
            **_summary(recent),
            "relevance": _summary(relevance),
            **({"tantivy": _summary(engine), "tantivy_differs": differ} if searcher is not None else {}),
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


def run(out, runs: int = 50, paragraphs: int | None = None, workers: int = 1) -> dict:
    paragraphs = paragraphs or PARAGRAPHS
    result = {"database": connection.vendor}
    if Paragraph.objects.count() < paragraphs - PER_DOCUMENT:
        result.update(generate(out, paragraphs, workers=workers))
    else:
        result["paragraphs"] = Paragraph.objects.count()
    result.update(index_size_mb())
    result.update(tantivy_build(out))
    index = tantivy.Index.open(str(tantivy_dir()))
    result["search"] = measure(out, runs, index.searcher(), index.schema)
    result["exact"] = exactness(out)
    _say(out, str(result))
    return result
