"""The common fingerprints (those services.RARE documents hold) as a small table of their own, instead of
a count kept for every fingerprint: upserting hundreds of counts a document touched as many random pages
of a second index, which SQLite's commit wrote out again (about a third of an ingest's write time,
docs/benchmarks.md). The fingerprints the counts said common are copied over; the rest is derived from
archive_fingerprint's own rows (at most RARE a fingerprint), so nothing is lost."""

from django.db import migrations, models

RARE = 100  # services.RARE when this migration was written


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_gram_count_ledger")]

    operations = [
        migrations.CreateModel(
            name="CommonFingerprint",
            fields=[("value", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="指纹"))],
            options={"verbose_name": "常见指纹", "verbose_name_plural": "常见指纹"},
        ),
        migrations.RunSQL(
            "INSERT INTO archive_commonfingerprint (value) "
            f"SELECT value FROM archive_fingerprintcount WHERE documents >= {RARE}",
            migrations.RunSQL.noop,
        ),
        migrations.DeleteModel(name="FingerprintCount"),
    ]
