"""Exact Chinese phrase search that never misses a short query.

Word segmentation misses phrases that cross word boundaries, and a trigram index cannot look up
a two-character query such as 小面 or 链主. Instead every paragraph is searched in its search form
(normalised, all whitespace removed), and a query matches exactly the paragraphs whose search form
contains the query's search form as a substring: no misses, no false hits. Both databases return
the same hits, newest paragraph first.

SQLite: a contentless FTS5 table of the form's overlapping character bigrams, each written as an
opaque token (g + two 6-digit hex code points), with unigrams beside them for one-character
queries. A query of n ≥ 2 characters becomes the phrase of its n-1 bigrams in consecutive positions.

PostgreSQL (migration 0004; no extension needed): the narrow table archive_paragraph_search
(paragraph_id, form) with a GIN index on archive_grams(form, 2), the form's characters and
bigrams. A query of 1 or 2 characters is one index key, whose posting list is exactly its hits (no
recheck); a longer one needs all of its bigrams and strpos(form, query) > 0 on those candidates.
Counting a key that stands in hundreds of thousands of paragraphs would still visit as many heap
tuples (PostgreSQL 15 fetches every page of a bitmap scan), so archive_gram_count keeps the exact
number of paragraphs of each phrase of up to COUNTED characters seen to be common: in 0.06% (and
at least 3) of a sample of the paragraphs indexed together (0.2% of those migration 0004 copied).
index() adds a document's paragraphs to them as one pending row (archive_gram_pending, migration
0008), folded into the kept counts every FOLD_EVERY documents; a search adds the pending rows to the
kept count, and a statement trigger subtracts deleted paragraphs. Every change to the counts takes
one transaction-level advisory lock, so a count, once taken, never misses a concurrent change (a
document's rows go in before its ingest takes the lock: no count sees them before it commits). The
first hits of a counted phrase are the first matches of a backward scan of the newest paragraphs
(pages every such search shares, so they stay in memory, where a hit found through the GIN index
costs a read of its own page); every other query is answered from the GIN index.
"""

import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from django.db import DatabaseError, connection, transaction

from .engine.normalize import search_form
from .models import Paragraph

HITS_PER_PAGE = 10
# INDEXED, COUNTED and LOCK are written into migration 0004's index and triggers: changing one needs a migration.
INDEXED = 2  # PostgreSQL's GIN keys: the substrings of 1..INDEXED characters (archive_grams(form, 2))
COUNTED = 4  # phrases of up to COUNTED characters may have a kept count (PostgreSQL)
# Newest paragraphs a counted phrase's first hits may be looked for in (PostgreSQL). The scan stops at
# the last hit wanted, so an evenly spread phrase costs about paragraphs / hits rows per hit, on the
# newest pages, which every such search shares and keeps in memory; only a phrase bunched in old
# paragraphs scans the whole window before the GIN index answers.
WINDOW = 50_000
LOCK = 727_170_004  # pg_advisory_xact_lock key serialising changes to the PostgreSQL index
# Pending rows (one a document indexed) folded into archive_gram_count at once (PostgreSQL). A fold updates
# each kept gram once, however many documents it folds; every search of a counted phrase reads the
# pending rows, so they stay few (about 0.06 ms a row for a search).
FOLD_EVERY = 16
# The pending rows added into the kept counts and removed, in one statement (inside the advisory lock).
FOLD = (
    "WITH folded AS (DELETE FROM archive_gram_pending RETURNING counts) "
    "UPDATE archive_gram_count c SET paragraphs = c.paragraphs + d.n "
    "FROM (SELECT key AS g, sum(value::bigint) AS n FROM folded, jsonb_each_text(folded.counts) GROUP BY key) d "
    "WHERE c.gram = d.g"
)
# The exact number of paragraphs holding the gram %s, if its count is kept (else NULL): the kept count
# plus the documents indexed since the last fold.
KEPT_COUNT = (
    "(SELECT c.paragraphs + (SELECT coalesce(sum((p.counts ->> c.gram)::bigint), 0)::bigint "
    "FROM archive_gram_pending p) FROM archive_gram_count c WHERE c.gram = %s)"
)


_WHITESPACE = re.compile(r"\s+")


class QueryError(ValueError):
    """The query cannot be searched; the message says why."""


def _token(chars: str) -> str:
    return ("g" if len(chars) == 2 else "u") + "".join(f"{ord(c):06x}" for c in chars)


def tokens(text: str) -> tuple[str, str]:
    """(bigram tokens, unigram tokens) of a paragraph, space-separated, in order (SQLite): each
    character's code point written once, then paired (the same tokens as _token)."""
    # UTF-32 gives every code point as 8 hex digits, the first two always 0 (none is above U+10FFFF):
    # one encoding of the paragraph instead of a format() per character.
    digits = search_form(text).encode("utf-32-be").hex()
    codes = [digits[i + 2 : i + 8] for i in range(0, len(digits), 8)]
    return " ".join(["g" + a + b for a, b in itertools.pairwise(codes)]), " ".join(["u" + code for code in codes])


def grams(form: str, longest: int = COUNTED) -> set[str]:
    """The substrings of 1..longest characters of a search form: the SQL function archive_grams."""
    return {form[i : i + n] for n in range(1, longest + 1) for i in range(len(form) - n + 1)}


def _form(query: str) -> str:
    form = search_form(query)
    if not form:
        raise QueryError("请输入要检索的文字")
    if len(form) > 200:
        raise QueryError("检索词过长（最多200字）")
    return form


def phrase(query: str) -> tuple[str, list[str]]:
    """("bigrams"|"unigrams", the tokens that must stand in consecutive positions) (SQLite)."""
    form = _form(query)
    if len(form) == 1:
        return "unigrams", [_token(form)]
    return "bigrams", [_token(form[i : i + 2]) for i in range(len(form) - 1)]


def keys(form: str) -> list[str]:
    """The PostgreSQL index keys a paragraph must all have to contain `form`: the form itself if it
    has 1 or 2 characters (then exactly its hits), else its bigrams (then candidates)."""
    if len(form) <= INDEXED:
        return [form]
    return sorted({form[i : i + INDEXED] for i in range(len(form) - INDEXED + 1)})


def _where(form: str) -> tuple[str, list]:
    """The condition on archive_paragraph_search (its columns unqualified) for paragraphs containing form."""
    if len(form) <= INDEXED:
        return "archive_grams(form, 2) @> %s::text[]", [keys(form)]
    return "archive_grams(form, 2) @> %s::text[] AND strpos(form, %s) > 0", [keys(form), form]


@dataclass(frozen=True)
class Entries:
    """What index() writes for some paragraphs, cut from their text alone: the ingest cuts them before
    its write transaction opens (services.Prepared), so that no lock waits on this CPU work. SQLite:
    each paragraph's (bigram tokens, unigram tokens); PostgreSQL: each one's search form and how many
    of them hold each gram."""

    tokens: list[tuple[str, str]]
    forms: list[str]
    holding: Counter


def entries(texts: list[str]) -> Entries:
    if connection.vendor != "postgresql":
        return Entries(tokens=[tokens(text) for text in texts], forms=[], holding=Counter())
    forms = [search_form(text) for text in texts]
    return Entries(tokens=[], forms=forms, holding=paragraphs_holding(forms))


def index(rows: list[tuple[int, str]], cut: Entries | None = None) -> None:
    """Add paragraphs (id, text) to the index; `cut`: their entries(), if already known."""
    if not rows:
        return
    ids = [pk for pk, _ in rows]
    cut = cut if cut is not None else entries([text for _, text in rows])
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO archive_paragraph_fts (rowid, bigrams, unigrams) VALUES (%s, %s, %s)",
                [(pk, *pair) for pk, pair in zip(ids, cut.tokens, strict=True)],
            )
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # The rows (their GIN entries: most of an ingest's time in the server) before the lock: until this
        # transaction commits no count sees them, and the counts are added under the lock, where the
        # grams kept by then are read.
        cursor.execute("DELETE FROM archive_paragraph_search WHERE paragraph_id = ANY(%s)", [ids])
        cursor.execute(
            "INSERT INTO archive_paragraph_search (paragraph_id, form) SELECT * FROM unnest(%s::bigint[], %s::text[])",
            [ids, cut.forms],
        )
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
        _count(cursor, cut.holding)
        promote(cursor, cut.forms, cut.holding)


# database -> ((the sequence's oid, its value), the kept grams): this process's copy of archive_gram_count's
# grams. The oid too, because a restore (pg_restore --clean) recreates the sequence, perhaps at the same value.
_kept: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}


def _kept_grams(cursor) -> tuple[frozenset[str], int]:
    """(the grams whose count is kept, the number of pending rows), inside the advisory lock. The
    grams are read again only when archive_gram_kept_version has moved: promote() advances it
    whenever it starts keeping counts, and nothing else adds a kept count. A copy may also hold grams
    no longer kept (counts deleted by hand, the archive truncated): their pending counts are never
    read, nor folded, and promote() subtracts them if the gram is kept again."""
    cursor.execute(
        "SELECT 'archive_gram_kept_version'::regclass::oid, "
        "(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM archive_gram_kept_version), "
        "(SELECT count(*) FROM archive_gram_pending)"
    )
    sequence, value, pending = cursor.fetchone()
    version = (sequence, value)
    name = connection.settings_dict["NAME"]
    if name not in _kept or _kept[name][0] != version:
        cursor.execute("SELECT gram FROM archive_gram_count")
        _kept[name] = (version, frozenset(row[0] for row in cursor.fetchall()))
    return _kept[name][1], pending


def paragraphs_holding(forms: list[str]) -> Counter:
    """How many of the search forms hold each of their grams (each gram once a paragraph)."""
    holding = Counter()
    for form in forms:
        holding.update(grams(form))
    return holding


def _count(cursor, holding: Counter) -> None:
    """Add paragraphs (`holding`: paragraphs_holding() of their forms) to the kept counts (PostgreSQL,
    inside the advisory lock): each gram once a paragraph, as one pending row of the kept grams among
    them, and every FOLD_EVERY documents the pending rows folded in. The grams are cut and matched
    here rather than by the database: a PL/pgSQL trigger doing the same took most of an ingest's time
    on PostgreSQL (migration 0008)."""
    kept, pending = _kept_grams(cursor)
    counted = {g: n for g, n in holding.items() if g in kept}
    if counted:
        cursor.execute(
            "INSERT INTO archive_gram_pending (counts) VALUES (%s::jsonb)", [json.dumps(counted, ensure_ascii=False)]
        )
        pending += 1
    if pending >= FOLD_EVERY:
        cursor.execute(FOLD)


def kept_counts() -> dict[str, int]:
    """Every kept count, exact (PostgreSQL): the folded counts plus the pending rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.gram, (c.paragraphs + coalesce(p.n, 0))::bigint FROM archive_gram_count c LEFT JOIN "
            "(SELECT key AS g, sum(value::bigint) AS n FROM archive_gram_pending, jsonb_each_text(counts) "
            "GROUP BY key) p ON p.g = c.gram"
        )
        return dict(cursor.fetchall())


def common(forms: list[str], sample: int = 5000, share: float = 0.0006, holding: Counter | None = None) -> set[str]:
    """The phrases of up to COUNTED characters in at least `share` of a sample of `forms` (and in
    3 of them): those that may be common in the whole index too. `holding`: paragraphs_holding(forms),
    if already known."""
    picked = forms[:: max(1, len(forms) // sample)]
    seen = holding if holding is not None and len(picked) == len(forms) else paragraphs_holding(picked)
    floor = max(3, math.ceil(len(picked) * share))
    return {g for g, n in seen.items() if n >= floor}


def promote(cursor, forms: list[str], holding: Counter | None = None) -> None:
    """Start keeping the count of the phrases that are common in `forms` (PostgreSQL, inside the
    advisory lock, after `forms` were inserted; `holding`: their paragraphs_holding(), if known).
    Each is counted once in the GIN index, then kept by index() and the delete trigger. Which
    phrases get a count only decides speed: every count kept is exact, and a phrase without one is
    counted in the GIN index, which is fast for all but common phrases."""
    candidates = list(common(forms, holding=holding))
    if not candidates:
        return
    cursor.execute(
        "SELECT g FROM unnest(%s::text[]) g WHERE NOT EXISTS (SELECT 1 FROM archive_gram_count c WHERE c.gram = g)",
        [candidates],
    )
    fresh = [row[0] for row in cursor.fetchall()]
    if not fresh:
        return
    _settings(cursor)
    counted = []
    for gram in fresh:
        where, params = _where(gram)
        # Less what pending rows hold of it (a count deleted by hand and kept again), which searches add.
        cursor.execute(
            f"SELECT count(*) - (SELECT coalesce(sum((counts ->> %s)::bigint), 0)::bigint FROM archive_gram_pending) "
            f"FROM archive_paragraph_search WHERE {where}",
            [gram, *params],
        )
        counted.append((gram, cursor.fetchone()[0]))
    keep(cursor, counted)
    _kept_more(cursor, fresh)


def _kept_more(cursor, fresh: list[str]) -> None:
    """Advance archive_gram_kept_version, so that every process reads the kept grams again; this one
    adds `fresh` to its copy instead if nobody else kept grams since the copy was read (the version
    advanced by one: only promote() advances it, inside the advisory lock held here)."""
    cursor.execute("SELECT 'archive_gram_kept_version'::regclass::oid, nextval('archive_gram_kept_version')")
    sequence, value = cursor.fetchone()
    name = connection.settings_dict["NAME"]
    if name in _kept and _kept[name][0] == (sequence, value - 1):
        _kept[name] = ((sequence, value), _kept[name][1] | frozenset(fresh))


def promote_all(batch: int = 25_000, progress=lambda done, total: None) -> int:
    """Look for common phrases over the whole PostgreSQL index, a batch of paragraphs at a time, as
    indexing those paragraphs together would have, and start keeping their counts: for an archive
    indexed before the share of common() was lowered, or loaded in small pieces. Returns the number
    of kept counts. Each batch is its own transaction; a second run finds nothing new."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(min(paragraph_id), 0), coalesce(max(paragraph_id), 0) FROM archive_paragraph_search"
        )
        low, high = cursor.fetchone()
    for start in range(low - 1, high, batch):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT form FROM archive_paragraph_search WHERE paragraph_id > %s AND paragraph_id <= %s",
                [start, start + batch],
            )
            forms = [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
            promote(cursor, forms)
        progress(min(start + batch, high) - low + 1, high - low + 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_gram_count")
        return cursor.fetchone()[0]


def keep(cursor, counted: list[tuple[str, int]]) -> None:
    """Store exact counts (inside the advisory lock)."""
    if counted:
        cursor.execute(
            "INSERT INTO archive_gram_count (gram, paragraphs) SELECT * FROM unnest(%s::text[], %s::bigint[])",
            [[g for g, _ in counted], [n for _, n in counted]],
        )


def unindex(rows: list[tuple[int, str]]) -> None:
    """Remove paragraphs from the index. A contentless FTS5 table must be told the tokens it
    indexed, which are recomputed from the text; PostgreSQL deletes the paragraphs' rows (and a
    trigger on archive_paragraph does so too when paragraphs are deleted without this)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "DELETE FROM archive_paragraph_search WHERE paragraph_id = ANY(%s)", [[pk for pk, _ in rows]]
            )
        else:
            cursor.executemany(
                "INSERT INTO archive_paragraph_fts (archive_paragraph_fts, rowid, bigrams, unigrams) "
                "VALUES ('delete', %s, %s, %s)",
                [(pk, *tokens(text)) for pk, text in rows],
            )


SORTS = {"relevance": "相关度", "recent": "最近入库", "date": "按日期"}
RANKED = 200  # hits ordered by relevance: all of them, or the newest RANKED when there are more


@dataclass
class Result:
    total: int
    paragraph_ids: list[int]
    ranked: int = 0  # sort "relevance": how many hits (the newest) were ordered by relevance


def _match(query: str) -> tuple[str, list]:
    """The WHERE clause matching paragraphs (alias p) that contain the phrase (SQLite)."""
    column, toks = phrase(query)
    return (
        "p.id IN (SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s)",
        [f'{column} : "{" ".join(toks)}"'],
    )


def _settings(cursor) -> None:
    """For this transaction: bitmaps exact (no lossy pages, whose rows would need archive_grams()
    again), and no parallel workers, whose start costs more than the short scans of a search."""
    cursor.execute(
        "SELECT set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)"
    )


def _newest_hits(cursor, form: str, window: int, limit: int, offset: int = 0) -> list[int]:
    """The ids of the newest paragraphs containing form among the `window` newest, newest first
    (PostgreSQL): a backward scan that stops at the last hit wanted."""
    cursor.execute(
        "SELECT paragraph_id FROM (SELECT paragraph_id, form FROM archive_paragraph_search "
        "ORDER BY paragraph_id DESC LIMIT %s) newest WHERE strpos(form, %s) > 0 "
        "ORDER BY paragraph_id DESC LIMIT %s OFFSET %s",
        [window, form, limit, offset],
    )
    return [row[0] for row in cursor.fetchall()]


def _find_postgresql(cursor, form: str, limit: int, offset: int) -> Result:
    """Unfiltered search on PostgreSQL: a kept count and the newest paragraphs for a common key,
    else the GIN index (count and first hits in one pass)."""
    _settings(cursor)
    total = None
    if len(form) <= COUNTED:
        cursor.execute(
            f"SELECT {KEPT_COUNT}, (SELECT reltuples FROM pg_class WHERE oid = 'archive_paragraph_search'::regclass)",
            [form],
        )
        total, paragraphs = cursor.fetchone()
    if total is not None:
        if offset >= total:
            return Result(total, [])
        # Enough of the newest paragraphs to hold offset + limit hits twice over if the phrase is
        # spread evenly; worth it while a backward scan of them costs less than visiting every hit.
        window = WINDOW if paragraphs < 0 else math.ceil(2 * (offset + limit) * paragraphs / total) + 100
        if window <= max(WINDOW, 3 * total):
            ids = _newest_hits(cursor, form, window, limit, offset)
            if len(ids) == min(limit, total - offset):  # the window held every hit up to offset + limit
                return Result(total, ids)
    where, params = _where(form)
    # Materialised, so that the planner cannot trade the bitmap scan for a backward scan of the
    # primary key that evaluates archive_grams() on row after row to find the first ten.
    cursor.execute(
        f"WITH hits AS MATERIALIZED (SELECT paragraph_id FROM archive_paragraph_search WHERE {where}) "
        f"SELECT (SELECT count(*) FROM hits), "
        f"ARRAY(SELECT paragraph_id FROM hits ORDER BY paragraph_id DESC LIMIT %s OFFSET %s)",
        [*params, limit, offset],
    )
    count, ids = cursor.fetchone()
    return Result(count if total is None else total, ids)


def relevance(form: str, title: str, kind: str, text: str) -> tuple[bool, bool, int]:
    """How well a paragraph answers the query, best first when sorted in reverse: the phrase in
    the document's title, the paragraph a heading, how often the phrase stands in it. Titles and
    paragraphs are stored normalised, so taking out their whitespace is enough to compare them with
    the query's search form (normalising again would cost more than the search)."""
    return form in _WHITESPACE.sub("", title), kind == "heading", _WHITESPACE.sub("", text).count(form)


def _pool(query: str, **filters) -> Result:
    """The hits that relevance orders, newest first, and the total: the newest RANKED. On PostgreSQL,
    without filters, for a phrase with more hits than that, those among the newest WINDOW paragraphs
    when they hold a page of hits: the 200th-newest hit of a phrase in one paragraph of a thousand
    lies 200,000 paragraphs back, and finding it through the GIN index would read a page per hit."""
    if (
        connection.vendor == "postgresql"
        and not any(filters.values())
        and (total := find(query, limit=0).total) > RANKED
    ):
        with transaction.atomic(), connection.cursor() as cursor:
            _settings(cursor)
            ids = _newest_hits(cursor, _form(query), WINDOW, RANKED)
        if len(ids) >= min(HITS_PER_PAGE, total):
            return Result(total, ids)
    return find(query, sort="recent", limit=RANKED, offset=0, **filters)


def _ranked(query: str, limit: int, offset: int, **filters) -> Result:
    """Sort "relevance": the hits of the pool (all hits, or the newest RANKED, see _pool) ordered by
    relevance, newer first among equals; the hits after them follow in the order of ingest.
    Scoring every hit of a phrase in most paragraphs would read them all, so the pool is bounded."""
    pool = _pool(query, **filters)
    ranked = len(pool.paragraph_ids)
    if offset >= ranked:
        return replace(find(query, sort="recent", limit=limit, offset=offset, **filters), ranked=ranked)
    form = _form(query)
    rows = Paragraph.objects.filter(pk__in=pool.paragraph_ids).values_list("pk", "document__title", "kind", "text")
    score = {pk: relevance(form, title, kind, text) for pk, title, kind, text in rows}
    ordered = sorted(pool.paragraph_ids, key=lambda pk: (score.get(pk, (False, False, 0)), pk), reverse=True)
    ids = ordered[offset : offset + limit]
    if len(ids) < limit and pool.total > ranked:
        ids += find(query, sort="recent", limit=limit - len(ids), offset=ranked, **filters).paragraph_ids
    return Result(pool.total, ids, ranked=ranked)


def find(
    query: str,
    *,
    source: str = "",
    date_from=None,
    date_to=None,
    cluster_id: int | None = None,
    sort: str = "recent",
    limit: int = HITS_PER_PAGE,
    offset: int = 0,
) -> Result:
    """Paragraphs containing `query` exactly, with the total count. sort: "recent" (last ingested
    first), "date" (the document's date, newest first) or "relevance" (see _ranked)."""
    if sort not in SORTS:
        raise QueryError(f"排序方式应为{'、'.join(SORTS)}之一")
    if sort == "relevance":
        return _ranked(query, limit, offset, source=source, date_from=date_from, date_to=date_to, cluster_id=cluster_id)
    filters, params, joins = [], [], ""
    if source or date_from or date_to or cluster_id or sort == "date":
        joins = "JOIN archive_document d ON d.id = p.document_id"
    for value, condition in (
        (source, "d.source = %s"),
        (date_from, "d.date >= %s"),
        (date_to, "d.date <= %s"),
        (cluster_id, "d.id IN (SELECT document_id FROM archive_document_clusters WHERE cluster_id = %s)"),
    ):
        if value:
            filters.append(condition)
            params.append(value)
    order = "d.date DESC, p.id" if sort == "date" else "p.id DESC"
    if connection.vendor == "postgresql":
        form = _form(query)
        with transaction.atomic(), connection.cursor() as cursor:
            if not joins:
                return _find_postgresql(cursor, form, limit, offset)
            _settings(cursor)
            where, match_params = _where(form)
            rows = (
                f"FROM hits JOIN archive_paragraph p ON p.id = hits.paragraph_id {joins} "
                f"WHERE {' AND '.join(filters) or 'TRUE'}"
            )
            cursor.execute(
                f"WITH hits AS MATERIALIZED (SELECT paragraph_id FROM archive_paragraph_search WHERE {where}) "
                f"SELECT (SELECT count(*) {rows}), ARRAY(SELECT p.id {rows} ORDER BY {order} LIMIT %s OFFSET %s)",
                [*match_params, *params, *params, limit, offset],
            )
            total, ids = cursor.fetchone()
            return Result(total, ids)
    where, match_params = _match(query)
    params = match_params + params
    clause = " AND ".join([where, *filters])
    with connection.cursor() as cursor:
        if not joins:
            # Straight from the FTS index: it yields rowids in order without touching paragraphs.
            column, toks = phrase(query)
            match = f'{column} : "{" ".join(toks)}"'
            cursor.execute("SELECT count(*) FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s", [match])
            total = cursor.fetchone()[0]
            cursor.execute(
                "SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [match, limit, offset],
            )
        else:
            cursor.execute(f"SELECT count(*) FROM archive_paragraph p {joins} WHERE {clause}", params)
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT p.id FROM archive_paragraph p {joins} WHERE {clause} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
        ids = [row[0] for row in cursor.fetchall()]
    return Result(total, ids)


# What a PostgreSQL search reads: the search forms, their GIN index and primary key, the kept counts;
# and the paragraphs, for the results' text. Rare phrases read a page per hit, so these belong in memory.
SEARCH_RELATIONS = [
    "archive_paragraph_search",
    "archive_paragraph_grams",
    "archive_paragraph_search_pkey",
    "archive_gram_count",
    "archive_gram_count_pkey",
    "archive_gram_pending",
    "archive_paragraph",
    "archive_paragraph_pkey",
]


class WarmError(RuntimeError):
    """The search tables cannot be loaded into memory; the message says what the administrator can do."""


def memory() -> dict:
    """PostgreSQL: the size of what a search reads, and of shared_buffers, in bytes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(pg_relation_size(c.oid)), 0), "
            "(SELECT setting::bigint * current_setting('block_size')::bigint FROM pg_settings "
            " WHERE name = 'shared_buffers') FROM pg_class c WHERE c.relname = ANY(%s)",
            [SEARCH_RELATIONS],
        )
        search_bytes, shared_buffers = cursor.fetchone()
    return {"search_bytes": search_bytes, "shared_buffers": shared_buffers}


def warm() -> list[tuple[str, int]]:
    """Load what a PostgreSQL search reads into shared buffers with pg_prewarm (shipped with
    PostgreSQL; created here if this role may), so that the first searches after a restart do not
    read from disk. Returns (relation, pages loaded)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm'), "
            "EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_prewarm')"
        )
        installed, available = cursor.fetchone()
        if not installed:
            if not available:
                raise WarmError("此 PostgreSQL 没有 pg_prewarm 扩展（通常随 PostgreSQL 的 contrib 提供）")
            try:
                with transaction.atomic():
                    cursor.execute("CREATE EXTENSION pg_prewarm")
            except DatabaseError as error:
                raise WarmError(
                    f"无权创建 pg_prewarm 扩展：请数据库管理员执行 CREATE EXTENSION pg_prewarm;（{error}）".strip()
                ) from None
        cursor.execute(
            "SELECT c.relname, pg_prewarm(c.oid) FROM pg_class c WHERE c.relname = ANY(%s) ORDER BY c.relname",
            [SEARCH_RELATIONS],
        )
        return cursor.fetchall()


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query stands in a paragraph's text, allowing whitespace between its characters
    (the index ignores whitespace, so the display must find the same occurrences)."""
    form = search_form(query)
    if not form:
        return []
    pattern = r"\s*".join(re.escape(c) for c in form)
    return [m.span() for m in re.finditer(pattern, text)]  # paragraphs are stored normalised
