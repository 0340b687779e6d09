from django import template
from django.utils.html import format_html_join

from chanye.monitoring.templatetags.monitoring import amount, signed

register = template.Library()


@register.filter
def cell(cells: dict, key: str):
    """A roll-up row's cell of one indicator (a dict lookup the template language cannot write)."""
    return cells.get(key)


@register.simple_tag
def ranking_items(cell, indicator, cockpit_url: str):
    """A cell's districts, largest first, as <li> items linking to each district's cockpit. Written in Python
    rather than as a template loop: a city's roll-up has about 1,300 of them, which took most of its time."""
    rows = (
        (
            cockpit_url,
            f.region.pk,
            f.region.short_name,
            amount(f.value, indicator),
            "" if f.yoy is None else f" {signed(f.yoy)}%",
        )
        for f in cell.ranking
    )
    return format_html_join("", '<li><a href="{}?region={}">{}</a> {}{}</li>', rows)
