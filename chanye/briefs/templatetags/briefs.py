"""Running text of the brief with its note references as superscript links to the source list."""

from django import template
from django.utils.html import format_html, format_html_join

from chanye.briefs import style
from chanye.briefs.content import Ref

register = template.Library()


@register.filter
def parts(value, links=True) -> str:
    """Running text; note references link to the source list on a page (links), plain in print."""
    return format_html_join("", "{}", ((_part(p, links),) for p in value))


def _part(part, links: bool = True) -> str:
    if isinstance(part, Ref):
        if links:
            return format_html('<sup class="note-ref"><a href="#note-{}">[{}]</a></sup>', int(part), int(part))
        return format_html('<sup class="note-ref">[{}]</sup>', int(part))
    return format_html("{}", part)


@register.filter
def ref(note, links=True) -> str:
    return "" if note is None else _part(Ref(note), links)


@register.filter
def ordinal(n: int) -> str:
    return style.chinese_ordinal(int(n))


@register.filter
def money(value) -> str:
    return style.amount(value, "元")


@register.filter
def growth(value) -> str:
    return style.growth(value)


@register.filter
def percent(value) -> str:
    return style.percent(value)
