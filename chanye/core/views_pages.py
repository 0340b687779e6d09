"""The home page and the pages of domains that later work fills in."""

from django.http import Http404
from django.views import generic

from chanye.audit.models import AuditEntry
from chanye.core.querysets import VIEW
from chanye.registry.models import Cluster, Designation, Enterprise, Park

from .navigation import PLANNED
from .views import RoleRequiredMixin


class Home(RoleRequiredMixin, generic.TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        clusters = Cluster.objects.restrict(user, VIEW).select_related("office").with_counts()
        context.update(
            clusters=clusters,
            enterprise_count=Enterprise.objects.restrict(user, VIEW).count(),
            listed_count=Enterprise.objects.restrict(user, VIEW).exclude(listing_exchange="").count(),
            park_count=Park.objects.restrict(user, VIEW).count(),
            designation_count=Designation.objects.restrict(user, VIEW).count(),
            recent=AuditEntry.objects.restrict(user, VIEW).newest_first()[:8],
        )
        return context


class Planned(RoleRequiredMixin, generic.TemplateView):
    template_name = "core/planned.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if kwargs["area"] not in PLANNED:
            raise Http404
        context["label"], context["description"] = PLANNED[kwargs["area"]]
        return context
