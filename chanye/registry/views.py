"""Registry pages: thin classes over chanye.core.views, one set per model."""

from functools import partial

from chanye.core.imports import Importer
from chanye.core.querysets import VIEW
from chanye.core.views import Crud, RestrictedDetailView, RestrictedListView

from . import services
from .filters import DesignationFilter, EnterpriseFilter, ParkFilter
from .forms import ClusterForm, DesignationForm, EnterpriseForm, ParkForm, import_form
from .models import Cluster, Designation, Enterprise, Park

# ---- the pages of each model; only what differs from the shared pages is written out


class ClusterList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().select_related("office").with_counts()


class ClusterDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["enterprises"] = (
            Enterprise.objects.restrict(user, VIEW).filter(clusters=self.object).select_related("park")
        )
        context["parks"] = Park.objects.restrict(user, VIEW).filter(clusters=self.object)
        context["designations"] = Designation.objects.restrict(user, VIEW).filter(cluster=self.object)
        return context


class EnterpriseList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().prefetch_related("clusters").select_related("park")


class ParkList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().prefetch_related("clusters")


class DesignationList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().select_related("cluster", "enterprise", "park")


crud = partial(Crud, services=services, namespace="registry")  # the six pages of each model here
clusters = crud(model=Cluster, form_class=ClusterForm, list_view=ClusterList, detail_view=ClusterDetail)
enterprises = crud(
    model=Enterprise, form_class=EnterpriseForm, list_view=EnterpriseList, filterset_class=EnterpriseFilter
)
parks = crud(model=Park, form_class=ParkForm, list_view=ParkList, filterset_class=ParkFilter)
designations = crud(
    model=Designation, form_class=DesignationForm, list_view=DesignationList, filterset_class=DesignationFilter
)


# ---- import and export

IMPORTERS = {
    "cluster": Importer(model=Cluster, form_class=import_form(ClusterForm), create_service=services.create_cluster),
    "enterprise": Importer(
        model=Enterprise, form_class=import_form(EnterpriseForm), create_service=services.create_enterprise
    ),
    "park": Importer(model=Park, form_class=import_form(ParkForm), create_service=services.create_park),
    "designation": Importer(
        model=Designation, form_class=import_form(DesignationForm), create_service=services.create_designation
    ),
}
