"""Registry pages: thin classes over chanye.core.views, one set per model."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from chanye.core.imports import Importer
from chanye.core.querysets import VIEW
from chanye.core.tables import Table, TableError, read_table
from chanye.core.views import Crud, RestrictedDetailView, RestrictedListView, RoleRequiredMixin

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
        context["enterprises"] = Enterprise.objects.restrict(user, VIEW).filter(clusters=self.object).select_related("park")
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


clusters = Crud(model=Cluster, form_class=ClusterForm, services=services, namespace="registry",
                list_view=ClusterList, detail_view=ClusterDetail)
enterprises = Crud(model=Enterprise, form_class=EnterpriseForm, services=services, namespace="registry",
                   list_view=EnterpriseList, filterset_class=EnterpriseFilter)
parks = Crud(model=Park, form_class=ParkForm, services=services, namespace="registry",
             list_view=ParkList, filterset_class=ParkFilter)
designations = Crud(model=Designation, form_class=DesignationForm, services=services, namespace="registry",
                    list_view=DesignationList, filterset_class=DesignationFilter)


# ---- import and export

IMPORTERS = {
    "cluster": Importer(model=Cluster, form_class=import_form(ClusterForm), create_service=services.create_cluster),
    "enterprise": Importer(model=Enterprise, form_class=import_form(EnterpriseForm), create_service=services.create_enterprise),
    "park": Importer(model=Park, form_class=import_form(ParkForm), create_service=services.create_park),
    "designation": Importer(
        model=Designation, form_class=import_form(DesignationForm), create_service=services.create_designation
    ),
}
SESSION_KEY = "chanye-import"


class ImportView(RoleRequiredMixin, View):
    """Upload → every bad row reported, or a preview → confirm → all rows written at once."""

    template_name = "registry/import.html"
    kind = None

    @property
    def importer(self) -> Importer:
        return IMPORTERS[self.kind]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.importer.model.objects.can_add(request.user):
            raise PermissionDenied(f"您没有导入{self.importer.model._meta.verbose_name}的权限")
        return super().dispatch(request, *args, **kwargs)

    def render(self, **context):
        context.update(importer=self.importer, model_meta=self.importer.model._meta, kind=self.kind)
        return render(self.request, self.template_name, context, status=context.pop("status", 200))

    def get(self, request):
        return self.render()

    def post(self, request):
        if "confirm" in request.POST:
            return self.commit(request)
        upload = request.FILES.get("file")
        if upload is None:
            return self.render(error="请选择要导入的文件", status=400)
        try:
            table = read_table(upload.name, upload.read())
        except TableError as error:
            return self.render(error=str(error), status=400)
        report = self.importer.validate(table, upload.name, request.user)
        if not report.ok:
            return self.render(report=report, status=400)
        request.session[SESSION_KEY] = {
            "kind": self.kind,
            "filename": upload.name,
            "headers": table.headers,
            "rows": table.rows,
        }
        return self.render(report=report, preview=True)

    def commit(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending["kind"] != self.kind:
            return self.render(error="没有待确认的导入，请重新上传文件", status=400)
        table = Table(headers=pending["headers"], rows=[(n, cells) for n, cells in pending["rows"]])
        try:
            created = self.importer.commit(table, pending["filename"], request.user)
        except ValidationError as error:
            return self.render(error="导入未执行，数据已变化：" + "；".join(error.messages), status=400)
        del request.session[SESSION_KEY]
        messages.success(request, f"已导入 {len(created)} 条{self.importer.model._meta.verbose_name}（{pending['filename']}）")
        return redirect(f"registry:{self.kind}-list")


class ExportView(RoleRequiredMixin, View):
    kind = None

    def get(self, request):
        importer = IMPORTERS[self.kind]
        queryset = importer.model.objects.restrict(request.user, VIEW).search(request.GET.get("q", "").strip())
        if request.GET.get("template"):
            queryset = queryset.none()
        name = f"{importer.model._meta.verbose_name}-{timezone.localdate():%Y%m%d}.xlsx"
        content = importer.export(queryset, str(importer.model._meta.verbose_name))
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response
