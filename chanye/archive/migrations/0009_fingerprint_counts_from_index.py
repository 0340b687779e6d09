"""How common a fingerprint is, read off archive_fingerprint's own index (at most services.RARE rows a
value) instead of a table of counts kept beside it. Upserting hundreds of counts a document touched as
many random pages of a second index: on SQLite the commit wrote them all to the journal, about a third
of an ingest's write time (docs/benchmarks.md). The counts are derived, so nothing is lost."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_gram_count_ledger")]

    operations = [migrations.DeleteModel(name="FingerprintCount")]
