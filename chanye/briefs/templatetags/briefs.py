"""Running text of the brief with its note references as superscript links to the source list."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from chanye.briefs import style
from chanye.briefs.content import Ref

register = template.Library()


@register.filter
def parts(value) -> str:
    return format_html_join("", "{}", ((_part(p),) for p in value))


def _part(part) -> str:
    if isinstance(part, Ref):
        return format_html('<sup class="note-ref"><a href="#note-{}">[{}]</a></sup>', int(part), int(part))
    return format_html("{}", part)


@register.filter
def ref(note) -> str:
    return "" if note is None else _part(Ref(note))


@register.filter
def refs(notes) -> str:
    return mark_safe("".join(_part(Ref(n)) for n in notes))


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
