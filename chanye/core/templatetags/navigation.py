"""`{% breadcrumbs %}`: where the page stands in the menu, drawn once by base.html for every page."""

from django import template

from chanye.core.navigation import breadcrumbs as trail

register = template.Library()


@register.inclusion_tag("core/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    obj = context.get("object")
    return {"crumbs": trail(match.view_name if match else "", obj if hasattr(obj, "_meta") else None)}
