"""The pages of domains that later work fills in (the home page is the cockpit, in monitoring)."""

from django.http import Http404
from django.views import generic

from .navigation import PLANNED
from .views import RoleRequiredMixin


class Planned(RoleRequiredMixin, generic.TemplateView):
    template_name = "core/planned.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if kwargs["area"] not in PLANNED:
            raise Http404
        context["label"], context["description"] = PLANNED[kwargs["area"]]
        return context
