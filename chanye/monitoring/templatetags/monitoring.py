"""Showing figures as Chinese reports do: money in 亿元/万元, qualifiers (多/近/超), signed growth."""

import json
from decimal import Decimal

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from chanye.lib.units import format_value

register = template.Library()


@register.filter
def amount(value, indicator) -> str:
    return "—" if value is None else format_value(Decimal(value), indicator.unit)


@register.filter
def figure(observation) -> str:
    """ "92.2亿元", "450多家", "近60个"; growth-only figures read "—"."""
    return figure_text(observation.value, observation.indicator.unit, observation.qualifier)


def figure_text(value: Decimal | None, unit: str, qualifier: str) -> str:
    """A value in its base unit (元 for money) as reports write it, with its qualifier (多, 近, 超, …)."""
    if value is None:
        return "—"
    value = Decimal(value)
    text = _in_wan(value, unit) or format_value(value, unit)
    if qualifier in ("近", "超", "约"):
        return f"{qualifier}{text}"
    if qualifier in ("多", "余"):
        # 多 stands before the counted unit (2万多家) but before the magnitude of money (10多亿元).
        suffix = next((u for u in ("亿元", "万元", "元") if text.endswith(u)), None) if unit == "元" else unit
        return f"{text[: -len(suffix)]}{qualifier}{suffix}"
    return text


def _in_wan(value: Decimal, unit: str) -> str | None:
    """Counts in whole 万 as reports write them: 20000家 -> 2万家."""
    if unit != "元" and value >= 10_000 and value % 10_000 == 0:
        return f"{value / 10_000:f}".rstrip("0").rstrip(".") + f"万{unit}"
    return None


@register.filter
def target_value(target) -> str:
    text = format_value(target.value, target.indicator.unit)
    return f"突破{text}" if target.qualifier == "超" else text


@register.filter
def plain(value) -> str:
    """A stored decimal without its trailing zeros: 450.0000 -> 450, 6.1000 -> 6.1."""
    return "—" if value is None else format(Decimal(value).normalize(), "f")


@register.filter
def signed(value) -> str:
    if value is None:
        return "—"
    text = f"{Decimal(value):+f}"
    return text.rstrip("0").rstrip(".") if "." in text else text  # +6.10 -> +6.1, +106.00 -> +106


@register.simple_tag
def json_scripts(items, prefix: str):
    """One <script type="application/json"> per chart, read by the chart code by id."""
    rows = (
        (f"{prefix}-{item['id']}", mark_safe(json.dumps(item, ensure_ascii=False).replace("<", "\\u003c")))
        for item in items
    )
    return format_html_join("", '<script type="application/json" id="{}">{}</script>', rows)
