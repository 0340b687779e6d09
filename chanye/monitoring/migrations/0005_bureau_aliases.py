"""Names the bureau's tables use for catalogue indicators (公共财政预算收入, the older name of 一般公共预算收入;
税金总额), added to the aliases of existing databases; an alias a user already has is not repeated."""

from django.db import migrations

ADDED = {"fiscal_revenue": ["公共财政预算收入"], "tax": ["税金总额"]}


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
    dependencies = [("monitoring", "0004_more_indicators")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
