"""Migration 0010 (fingerprint rows keyed by (value, document)) on an archive that already has rows:
every row kept, a document ingested afterwards still finds its stored near copy through them, and the
migration undone gives every row back to the old table. Migration 0011: the phrase index's merge setting."""

import random

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chanye.archive import services
from chanye.archive.models import NearDuplicate

BEFORE = [("archive", "0009_common_fingerprints")]
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def _migrate(target=None) -> None:
    """To `target`, or to the latest migration of every app."""
    executor = MigrationExecutor(connection)
    executor.migrate(target or executor.loader.graph.leaf_nodes())


def _rows() -> list[tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value, document_id FROM archive_fingerprint ORDER BY value, document_id")
        return cursor.fetchall()


def _story(rng: random.Random) -> str:
    return "\n\n".join("".join(rng.choices(CJK, k=80)) + "。" for _ in range(6))


@pytest.mark.django_db(transaction=True)
def test_fingerprints_keyed_by_value_and_document_keep_every_row_both_ways(demo):
    rng = random.Random(10)
    story = _story(rng)
    try:
        _migrate(BEFORE)
        for number, text in enumerate([story, _story(rng), _story(rng)]):
            services.ingest_file(actor=None, filename=f"{number}.txt", content=text.encode())
        stored = _rows()
        assert len(stored) > 100

        _migrate()
        assert _rows() == stored
        copy = story.replace(story[10:14], "改动几字") + "\n\n另有一段新的文字。"
        document = services.ingest_file(actor=None, filename="copy.txt", content=copy.encode())
        assert NearDuplicate.objects.filter(second=document, first__filename="0.txt").exists()
        stored = _rows()

        _migrate(BEFORE)
        assert _rows() == stored
    finally:
        _migrate()


def _automerge() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM archive_paragraph_fts_config WHERE k = 'automerge'")
        row = cursor.fetchone()
    return int(row[0]) if row else None


@pytest.mark.django_db(transaction=True)
def test_the_phrase_index_merges_eight_segments_at_a_time_and_undoing_gives_sqlites_four(demo):
    """Migration 0011: FTS5's merge setting is the table's own, so a database file (a backup) carries it."""
    if connection.vendor != "sqlite":
        pytest.skip("the phrase index is an FTS5 table on SQLite only")
    assert _automerge() == 8
    try:
        _migrate([("archive", "0010_fingerprint_rows_as_keys")])
        assert _automerge() == 4
    finally:
        _migrate()
    assert _automerge() == 8
