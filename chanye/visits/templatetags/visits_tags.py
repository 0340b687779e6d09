from django import template
from django.template.loader import render_to_string

from chanye.core import roles

register = template.Library()


@register.simple_tag(takes_context=True)
def enterprise_visits_panel(context, enterprise):
    """The enterprise's visits and the appeals the reader may see, with links to record more."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if enterprise is None or user is None or not roles.has_role(user):
        return ""
    from chanye.visits.views import enterprise_panel_context

    return render_to_string("visits/_enterprise_panel.html", enterprise_panel_context(user, enterprise))
