"""Showing a proposed fact as the article wrote it: "59亿元", "450多家", "近2亿元"."""

from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from chanye.lib.units import UnitError, format_value
from chanye.monitoring.templatetags.monitoring import figure_text

register = template.Library()


@register.filter
def fact_value(fact) -> str:
    """As the cockpit writes a figure ("59亿元", "450多家"); a unit the platform does not know, as extracted."""
    try:
        return figure_text(fact.value, fact.unit or "元", fact.qualifier)
    except UnitError:
        return f"{fact.qualifier if fact.qualifier in ('近', '超', '约') else ''}{Decimal(fact.value).normalize():f}{fact.unit}"


@register.filter
def fact_when(fact) -> str:
    if fact.kind == "target":
        return f"{fact.target_year}年目标" if fact.target_year else "目标年份不明"
    return fact.period_label or "—"


@register.filter
def percent(value) -> str:
    """6.10 -> "6.1%", -3.00 -> "-3%"; None -> ""."""
    return "" if value is None else format_value(Decimal(value), "%")


@register.simple_tag
def marked(text: str, start: int, end: int):
    """The text with [start, end) marked, escaped for HTML."""
    return mark_safe(f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}")
