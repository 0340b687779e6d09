"""SQLite's phrase index merges its segments eight at a time instead of FTS5's default four.

FTS5 keeps an index as levels of segments and, after each write, merges pages in proportion to the number of
levels (fts5IndexAutomerge): with four segments a level, a million paragraphs make eight levels, and each
document's insert spent most of its time merging (docs/benchmarks.md, "the phrase index's merges": 16.6 ms a
document at 20,000 documents, 10.7 with eight, inside the write lock every ingest waits for). Eight a level
means fewer levels (a log of base 8, not 4) and each page rewritten fewer times; a search reads at most seven
segments a level instead of three. The setting lives in the table's own configuration, so it is kept by a
backup and a restore. PostgreSQL: nothing to do."""

from django.db import migrations

SEGMENTS_A_MERGE = 8
FTS5_DEFAULT = 4


def automerge(segments: int):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(
                "INSERT INTO archive_paragraph_fts (archive_paragraph_fts, rank) VALUES ('automerge', %s)", [segments]
            )

    return apply


class Migration(migrations.Migration):
    dependencies = [("archive", "0010_fingerprint_rows_as_keys")]
    operations = [migrations.RunPython(automerge(SEGMENTS_A_MERGE), automerge(FTS5_DEFAULT))]
