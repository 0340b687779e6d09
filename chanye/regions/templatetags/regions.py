from django import template

register = template.Library()


@register.filter
def cell(cells: dict, key: str):
    """A roll-up row's cell of one indicator (a dict lookup the template language cannot write)."""
    return cells.get(key)
