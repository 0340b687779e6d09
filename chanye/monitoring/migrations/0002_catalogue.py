"""The indicator catalogue exists in every database: monitoring is useless without it."""

import tomllib
from pathlib import Path

from django.db import migrations

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.toml"


def load(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    with CATALOGUE.open("rb") as file:
        entries = tomllib.load(file)["indicator"]
    for order, entry in enumerate(entries):
        Indicator.objects.get_or_create(
            key=entry["key"],
            defaults={
                "name": entry["name"],
                "unit": entry["unit"],
                "kind": entry["kind"],
                "cycle": entry["cycle"],
                "aliases": "、".join(entry["aliases"]),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
