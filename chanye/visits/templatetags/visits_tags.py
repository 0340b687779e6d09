from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def enterprise_visits_panel(context, enterprise):
    """Stub: replaced by the visits app's panel of an enterprise's visits and appeals."""
    return ""
