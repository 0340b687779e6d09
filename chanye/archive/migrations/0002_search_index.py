"""The exact phrase index of paragraphs (see chanye/archive/search.py): a contentless FTS5 table
on SQLite, two tsvector columns with GIN indexes on PostgreSQL."""

from django.db import migrations

SQLITE = ["CREATE VIRTUAL TABLE archive_paragraph_fts USING fts5(bigrams, unigrams, content='', detail=full)"]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS archive_paragraph_fts"]
POSTGRES = [
    "ALTER TABLE archive_paragraph ADD COLUMN search_bigrams tsvector, ADD COLUMN search_unigrams tsvector",
    "CREATE INDEX archive_paragraph_bigrams ON archive_paragraph USING gin (search_bigrams)",
    "CREATE INDEX archive_paragraph_unigrams ON archive_paragraph USING gin (search_unigrams)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS archive_paragraph_bigrams",
    "DROP INDEX IF EXISTS archive_paragraph_unigrams",
    "ALTER TABLE archive_paragraph DROP COLUMN search_bigrams, DROP COLUMN search_unigrams",
]


def run(statements: dict):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
