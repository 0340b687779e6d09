"""Facts keep their period as observations do (dates and kind, read as one Period), instead of
"YYYY-MM" strings that had to be parsed back. Existing strings are converted by lib/periods."""

from django.db import migrations, models

from chanye.lib.periods import Period, PeriodError


def _month(text: str) -> tuple[int, int] | None:
    try:
        year, month = (int(part) for part in text.split("-"))
    except ValueError:
        return None
    return year, month


def period_of(start: str, end: str, stock: bool) -> tuple[Period | None, int | None]:
    """(period, open year) for the strings the engine wrote: a stock at the end of its month, a flow
    over its months, an open span (start without end) as its year; a span lib/periods does not allow
    (edited by hand) as nothing."""
    first, last = _month(start or ""), _month(end or "")
    if last is None:
        return None, first[0] if first else None
    try:
        if stock or first is None:
            return Period.month_end(*last), None
        if first[0] != last[0]:
            return None, None
        return Period(last[0], first[1], last[1]), None
    except PeriodError:
        return None, None


def convert(apps, schema_editor):
    Fact = apps.get_model("extraction", "ExtractedFact")
    for fact in Fact.objects.select_related("indicator").iterator():
        stock = fact.indicator is not None and fact.indicator.kind == "stock"
        period, open_year = period_of(fact.old_period_start, fact.old_period_end, stock)
        if period is not None:
            fact.period_start, fact.period_end, fact.period_kind = period.start_date, period.end_date, period.kind
        elif open_year is not None:
            fact.period_start, fact.period_end, fact.period_kind = Period(open_year, 1, 1).start_date, None, "open"
        elif fact.old_period_start or fact.old_period_end:
            fact.extra = {**(fact.extra or {}), "period_text": f"{fact.old_period_start}~{fact.old_period_end}"}
        fact.save(update_fields=["period_start", "period_end", "period_kind", "extra"])


class Migration(migrations.Migration):
    dependencies = [("extraction", "0001_initial")]

    operations = [
        migrations.RenameField("extractedfact", "period_start", "old_period_start"),
        migrations.RenameField("extractedfact", "period_end", "old_period_end"),
        migrations.AddField(
            "extractedfact", "period_start", models.DateField(blank=True, null=True, verbose_name="期间开始")
        ),
        migrations.AddField(
            "extractedfact", "period_end", models.DateField(blank=True, null=True, verbose_name="期间结束")
        ),
        migrations.AddField(
            "extractedfact", "period_kind", models.CharField(blank=True, max_length=7, verbose_name="期间类型")
        ),
        migrations.RunPython(convert, migrations.RunPython.noop),
        migrations.RemoveField("extractedfact", "old_period_start"),
        migrations.RemoveField("extractedfact", "old_period_end"),
    ]
