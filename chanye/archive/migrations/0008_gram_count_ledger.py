"""PostgreSQL: the counts of the common phrases kept exact without a statement trigger on every insert.

The trigger of 0004/0007 made up most of an ingest's cost on PostgreSQL (about 55 ms of the server's CPU
for a document of 50 paragraphs, against 6 ms for the GIN index): it cut every new paragraph into its
12,000 grams in PL/pgSQL, made them distinct, matched them with the kept counts and updated some 2,500
rows of archive_gram_count, whose dead versions bloated it (16 MB for 7,109 counts after 1,000 documents).

Now search.index() cuts the paragraphs into grams in Python and appends the counts of the document's kept
grams as one row of archive_gram_pending (a jsonb object gram -> paragraphs); it knows which grams are
kept from a copy it reads again when the sequence archive_gram_kept_version has moved. A search adds the pending
rows to the kept count in the same statement, so every count stays exact, and every FOLD_EVERY documents
index() folds the pending rows into archive_gram_count: one update a kept gram per fold instead of one
per document. Deleting paragraphs still goes through the delete trigger (rare, and exact on its own).
archive_gram_count gets room on each page (fillfactor 50) so that the folds' updates stay on their page
(HOT) instead of growing the table. SQLite keeps its FTS5 table: nothing to do."""

from django.db import migrations

from chanye.archive import search

UNINDEX = """CREATE OR REPLACE FUNCTION archive_paragraph_unindex() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           TRUNCATE archive_paragraph_search, archive_gram_count{pending};
         ELSE
           DELETE FROM archive_paragraph_search s USING gone WHERE s.paragraph_id = gone.id;
         END IF;
         RETURN NULL;
       END $$"""

FORWARD = [
    f"SELECT pg_advisory_xact_lock({search.LOCK})",
    "CREATE TABLE archive_gram_pending (id bigserial PRIMARY KEY, counts jsonb NOT NULL)",
    # Advanced whenever grams start being counted, so that a process knows when to read them again.
    "CREATE SEQUENCE archive_gram_kept_version",
    "DROP TRIGGER archive_gram_count_insert ON archive_paragraph_search",
    "ALTER TABLE archive_gram_count SET (fillfactor = 50)",
    UNINDEX.format(pending=", archive_gram_pending"),
]

BACKWARD = [
    f"SELECT pg_advisory_xact_lock({search.LOCK})",
    # the pending counts into the kept ones first (search.FOLD as this migration found it)
    "WITH folded AS (DELETE FROM archive_gram_pending RETURNING counts) "
    "UPDATE archive_gram_count c SET paragraphs = c.paragraphs + d.n "
    "FROM (SELECT key AS g, sum(value::bigint) AS n FROM folded, jsonb_each_text(folded.counts) GROUP BY key) d "
    "WHERE c.gram = d.g",
    UNINDEX.format(pending=""),
    "DROP TABLE archive_gram_pending",
    "DROP SEQUENCE archive_gram_kept_version",
    "ALTER TABLE archive_gram_count RESET (fillfactor)",
    "CREATE TRIGGER archive_gram_count_insert AFTER INSERT ON archive_paragraph_search "
    "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION archive_gram_count_follow()",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_faster_gram_count_trigger")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
