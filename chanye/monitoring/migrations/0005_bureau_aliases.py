"""Names the bureau's tables use for catalogue indicators (公共财政预算收入, the older name of 一般公共预算收入;
税金总额), added to the aliases of existing databases; an alias a user already has is not repeated."""

from django.db import migrations

from ._aliases import adding

ADDED = {"fiscal_revenue": ["公共财政预算收入"], "tax": ["税金总额"]}


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_more_indicators")]
    operations = [migrations.RunPython(adding(ADDED), migrations.RunPython.noop)]
