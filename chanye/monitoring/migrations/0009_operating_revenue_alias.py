"""经营收入 (a park's or development zone's 经营收入, as reports of 开发区 write 营业收入), added to the aliases of
existing databases as the catalogue now has it; an alias a user already has is not repeated."""

from django.db import migrations

from ._aliases import adding

ADDED = {"revenue": ["经营收入"]}


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0008_subject_key_covered_by_composites")]
    operations = [migrations.RunPython(adding(ADDED), migrations.RunPython.noop)]
