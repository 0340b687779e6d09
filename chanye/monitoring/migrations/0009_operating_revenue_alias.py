"""经营收入 (a park's or development zone's 经营收入, as reports of 开发区 write 营业收入), added to the aliases of
existing databases as the catalogue now has it; an alias a user already has is not repeated."""

from django.db import migrations

ADDED = {"revenue": ["经营收入"]}


def add(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    for key, names in ADDED.items():
        indicator = Indicator.objects.filter(key=key).first()
        if indicator is None:
            continue
        aliases = [a for a in indicator.aliases.split("、") if a]
        missing = [n for n in names if n not in aliases and n != indicator.name]
        if missing:
            indicator.aliases = "、".join(aliases + missing)
            indicator.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0008_subject_key_covered_by_composites")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
