from decimal import Decimal

from django import template

from chanye.lib.units import format_value

register = template.Library()


@register.filter
def yuan(value) -> str:
    """Money in 元 shown as reports do (亿元 / 万元); "—" when unknown."""
    return "—" if value in (None, "") else format_value(Decimal(value), "元")
