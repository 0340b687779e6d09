"""Indicators added to the catalogue for the figures of other regions (地区生产总值, 社会消费品零售总额,
进出口, 出口, 一般公共预算收入, 实际使用外资): created where missing, as the catalogue's first load did."""

import importlib

from django.db import migrations

# The first load reads the catalogue as it stands and creates what is missing: run it again.
load = importlib.import_module("chanye.monitoring.migrations.0002_catalogue").load


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_regions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
