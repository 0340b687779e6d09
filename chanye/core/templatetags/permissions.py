"""`{% if user|may_add:"projects.Project" %}`: show a button only to those whose write would pass."""

from django import template

from chanye.core.permissions import may_add as _may_add

register = template.Library()


@register.filter
def may_add(user, model_label: str) -> bool:
    return _may_add(user, model_label)
