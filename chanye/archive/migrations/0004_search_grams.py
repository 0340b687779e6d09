"""PostgreSQL: the phrase index becomes the narrow table archive_paragraph_search (paragraph id,
search form) with a GIN index of the form's characters and bigrams, plus exact counts of the common
phrases of up to 4 characters (see chanye/archive/search.py). The tsvector columns of 0002 go away; the
existing paragraphs are copied in. SQLite keeps its FTS5 table: nothing to do.

Dropped columns keep their space until the table is rewritten: on a large archive, run
VACUUM FULL archive_paragraph when convenient."""

from django.db import migrations

from chanye.archive import search

FUNCTIONS = [
    # Every substring of 1..longest characters, duplicates included (GIN keeps each key once per row).
    """CREATE FUNCTION archive_grams(form text, longest int) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT
       PARALLEL SAFE COST 1000 AS $$
       DECLARE result text[] := '{}'; size int := length(form);
       BEGIN
         FOR n IN 1..longest LOOP
           FOR i IN 1..size - n + 1 LOOP result := result || substr(form, i, n); END LOOP;
         END LOOP;
         RETURN result;
       END $$""",
    # Keeps archive_gram_count exact for the rows a statement inserted or deleted.
    f"""CREATE FUNCTION archive_gram_count_follow() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock({search.LOCK});
         IF NOT EXISTS (SELECT 1 FROM archive_gram_count) THEN RETURN NULL; END IF;
         UPDATE archive_gram_count c SET paragraphs = c.paragraphs + CASE TG_OP WHEN 'INSERT' THEN d.n ELSE -d.n END
         FROM (SELECT k.g, count(*) AS n FROM changed r, LATERAL (SELECT DISTINCT unnest(archive_grams(r.form, {search.COUNTED})) AS g) k
               WHERE k.g IN (SELECT gram FROM archive_gram_count) GROUP BY k.g) d
         WHERE c.gram = d.g;
         RETURN NULL;
       END $$""",
    """CREATE FUNCTION archive_paragraph_search_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'archive_paragraph_search: delete and insert rows instead of updating them'; END $$""",
    # Paragraphs deleted or truncated without search.unindex() leave the index too.
    """CREATE FUNCTION archive_paragraph_unindex() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           TRUNCATE archive_paragraph_search, archive_gram_count;
         ELSE
           DELETE FROM archive_paragraph_search s USING gone WHERE s.paragraph_id = gone.id;
         END IF;
         RETURN NULL;
       END $$""",
]
TABLES = [
    "CREATE TABLE archive_paragraph_search (paragraph_id bigint PRIMARY KEY, form text NOT NULL)",
    "CREATE TABLE archive_gram_count (gram text PRIMARY KEY, paragraphs bigint NOT NULL)",
]
INDEX_AND_TRIGGERS = [
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX archive_paragraph_grams ON archive_paragraph_search USING gin (archive_grams(form, 2))",
    "CREATE TRIGGER archive_gram_count_insert AFTER INSERT ON archive_paragraph_search "
    "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION archive_gram_count_follow()",
    "CREATE TRIGGER archive_gram_count_delete AFTER DELETE ON archive_paragraph_search "
    "REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION archive_gram_count_follow()",
    "CREATE TRIGGER archive_paragraph_search_no_update BEFORE UPDATE ON archive_paragraph_search "
    "FOR EACH STATEMENT EXECUTE FUNCTION archive_paragraph_search_no_update()",
    "CREATE TRIGGER archive_paragraph_unindex AFTER DELETE ON archive_paragraph "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION archive_paragraph_unindex()",
    "CREATE TRIGGER archive_paragraph_truncate AFTER TRUNCATE ON archive_paragraph "
    "FOR EACH STATEMENT EXECUTE FUNCTION archive_paragraph_unindex()",
]
OLD_INDEX = [
    "DROP INDEX archive_paragraph_bigrams",
    "DROP INDEX archive_paragraph_unigrams",
    "ALTER TABLE archive_paragraph DROP COLUMN search_bigrams, DROP COLUMN search_unigrams",
]
CHUNK = 20_000


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from collections import Counter

    from chanye.archive.engine.normalize import search_form

    indexed = "search_bigrams IS NOT NULL"  # the paragraphs the old index held
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [search.LOCK])
        for sql in FUNCTIONS + TABLES:
            cursor.execute(sql)
        # The phrases common in a sample of 1 paragraph in 50 are counted exactly while copying.
        cursor.execute(f"SELECT text FROM archive_paragraph WHERE {indexed} AND id %% %s = 0", [50])
        candidates = search.common([search_form(text) for (text,) in cursor.fetchall()], sample=10**9, share=0.002)
        counts, last = Counter(), 0
        while True:
            cursor.execute(
                f"SELECT id, text FROM archive_paragraph WHERE id > %s AND {indexed} ORDER BY id LIMIT %s",
                [last, CHUNK],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            forms = [search_form(text) for _, text in rows]
            cursor.execute(
                "INSERT INTO archive_paragraph_search (paragraph_id, form) "
                "SELECT * FROM unnest(%s::bigint[], %s::text[])",
                [[pk for pk, _ in rows], forms],
            )
            for form in forms:
                counts.update(search.grams(form) & candidates)
            last = rows[-1][0]
        for sql in INDEX_AND_TRIGGERS:
            cursor.execute(sql)
        search.keep(cursor, list(counts.items()))
        if last:
            cursor.execute("ANALYZE archive_paragraph_search")
        for sql in OLD_INDEX:
            cursor.execute(sql)


def backward(apps, schema_editor):
    """Back to 0002's tsvector columns, refilled from the paragraphs' text."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE archive_paragraph ADD COLUMN search_bigrams tsvector, ADD COLUMN search_unigrams tsvector"
        )
        cursor.execute(
            "SELECT p.id, p.text FROM archive_paragraph p JOIN archive_paragraph_search s ON s.paragraph_id = p.id"
        )
        rows = cursor.fetchall()
        cursor.executemany(
            "UPDATE archive_paragraph SET search_bigrams = to_tsvector('simple', %s), "
            "search_unigrams = to_tsvector('simple', %s) WHERE id = %s",
            [(*search.tokens(text), pk) for pk, text in rows],
        )
        for sql in [
            "CREATE INDEX archive_paragraph_bigrams ON archive_paragraph USING gin (search_bigrams)",
            "CREATE INDEX archive_paragraph_unigrams ON archive_paragraph USING gin (search_unigrams)",
            "DROP TRIGGER archive_paragraph_unindex ON archive_paragraph",
            "DROP TRIGGER archive_paragraph_truncate ON archive_paragraph",
            "DROP TABLE archive_paragraph_search, archive_gram_count",
            "DROP FUNCTION archive_paragraph_unindex(), archive_paragraph_search_no_update(), "
            "archive_gram_count_follow(), archive_grams(text, int)",
        ]:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_document_sketch")]
    operations = [migrations.RunPython(forward, backward)]
