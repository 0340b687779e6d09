"""Exact Chinese phrase search that never misses a short query.

Word segmentation misses phrases that cross word boundaries, and a trigram index cannot look up
a two-character query such as 小面 or 链主. Instead every paragraph's search form (normalised, all
whitespace removed) is indexed as its overlapping character bigrams, each written as an opaque
token (g + two 6-digit hex code points), with unigrams beside them for one-character queries.
A query of n ≥ 2 characters becomes the phrase of its n-1 bigrams in consecutive positions, which
matches exactly the paragraphs that contain the query as a substring: no misses, no false hits.
SQLite keeps the tokens in a contentless FTS5 table; PostgreSQL in tsvector columns (GIN) queried
with the <-> phrase operator. Both return the same hits.
"""

import re
from dataclasses import dataclass

from django.db import connection

from .engine.normalize import search_form

HITS_PER_PAGE = 10


class QueryError(ValueError):
    """The query cannot be searched; the message says why."""


def _token(chars: str) -> str:
    return ("g" if len(chars) == 2 else "u") + "".join(f"{ord(c):06x}" for c in chars)


def tokens(text: str) -> tuple[str, str]:
    """(bigram tokens, unigram tokens) of a paragraph, space-separated, in order."""
    form = search_form(text)
    return (" ".join(_token(form[i:i + 2]) for i in range(len(form) - 1)),
            " ".join(_token(c) for c in form))


def phrase(query: str) -> tuple[str, list[str]]:
    """("bigrams"|"unigrams", the tokens that must stand in consecutive positions)."""
    form = search_form(query)
    if not form:
        raise QueryError("请输入要检索的文字")
    if len(form) > 200:
        raise QueryError("检索词过长（最多200字）")
    if len(form) == 1:
        return "unigrams", [_token(form)]
    return "bigrams", [_token(form[i:i + 2]) for i in range(len(form) - 1)]


def index(rows: list[tuple[int, str]]) -> None:
    """Add paragraphs (id, text) to the index."""
    values = [(pk, *tokens(text)) for pk, text in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany("UPDATE archive_paragraph SET search_bigrams = to_tsvector('simple', %s), "
                               "search_unigrams = to_tsvector('simple', %s) WHERE id = %s",
                               [(b, u, pk) for pk, b, u in values])
        else:
            cursor.executemany("INSERT INTO archive_paragraph_fts (rowid, bigrams, unigrams) VALUES (%s, %s, %s)", values)


def unindex(rows: list[tuple[int, str]]) -> None:
    """Remove paragraphs from the index (PostgreSQL drops them with their rows; a contentless FTS5
    table must be told the tokens it indexed, which are recomputed from the text)."""
    if connection.vendor == "postgresql" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO archive_paragraph_fts (archive_paragraph_fts, rowid, bigrams, unigrams) "
                           "VALUES ('delete', %s, %s, %s)", [(pk, *tokens(text)) for pk, text in rows])


@dataclass
class Result:
    total: int
    paragraph_ids: list[int]


def _match(column: str, toks: list[str]) -> tuple[str, list]:
    """The WHERE clause matching paragraphs (alias p) that contain the phrase."""
    if connection.vendor == "postgresql":
        return f"p.search_{column} @@ to_tsquery('simple', %s)", [" <-> ".join(toks)]
    return ("p.id IN (SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s)",
            [f'{column} : "{" ".join(toks)}"'])


def find(query: str, *, source: str = "", date_from=None, date_to=None, cluster_id: int | None = None,
         sort: str = "recent", limit: int = HITS_PER_PAGE, offset: int = 0) -> Result:
    """Paragraphs containing `query` exactly, with the total count. sort: "recent" (last ingested
    first) or "date" (the document's date, newest first)."""
    column, toks = phrase(query)
    where, params = _match(column, toks)
    filters, joins = [], ""
    if source or date_from or date_to or cluster_id or sort == "date":
        joins = "JOIN archive_document d ON d.id = p.document_id"
    if source:
        filters.append("d.source = %s")
        params.append(source)
    if date_from:
        filters.append("d.date >= %s")
        params.append(date_from)
    if date_to:
        filters.append("d.date <= %s")
        params.append(date_to)
    if cluster_id:
        filters.append("d.id IN (SELECT document_id FROM archive_document_clusters WHERE cluster_id = %s)")
        params.append(cluster_id)
    clause = " AND ".join([where, *filters])
    order = "d.date DESC, p.id" if sort == "date" else "p.id DESC"
    with connection.cursor() as cursor:
        if not joins and connection.vendor == "sqlite":
            # Straight from the FTS index: it yields rowids in order without touching paragraphs.
            match = f'{column} : "{" ".join(toks)}"'
            cursor.execute("SELECT count(*) FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s", [match])
            total = cursor.fetchone()[0]
            cursor.execute("SELECT rowid FROM archive_paragraph_fts WHERE archive_paragraph_fts MATCH %s "
                           "ORDER BY rowid DESC LIMIT %s OFFSET %s", [match, limit, offset])
        else:
            cursor.execute(f"SELECT count(*) FROM archive_paragraph p {joins} WHERE {clause}", params)
            total = cursor.fetchone()[0]
            cursor.execute(f"SELECT p.id FROM archive_paragraph p {joins} WHERE {clause} ORDER BY {order} "
                           f"LIMIT %s OFFSET %s", [*params, limit, offset])
        ids = [row[0] for row in cursor.fetchall()]
    return Result(total, ids)


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query stands in a paragraph's text, allowing whitespace between its characters
    (the index ignores whitespace, so the display must find the same occurrences)."""
    form = search_form(query)
    if not form:
        return []
    pattern = r"\s*".join(re.escape(c) for c in form)
    return [m.span() for m in re.finditer(pattern, text)]  # paragraphs are stored normalised
