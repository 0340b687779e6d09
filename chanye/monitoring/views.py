"""Monitoring pages: the cockpit (home), a page per cluster with all its indicators, the
figures and targets with their sources, and the import of statistics files."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View, generic

from chanye.core.models import Region
from chanye.core.querysets import VIEW
from chanye.core.regions import scope_of
from chanye.core.views import Crud, RestrictedDetailView, RestrictedListView, RoleRequiredMixin, get_restricted_object
from chanye.jobs.models import Job
from chanye.registry.models import Cluster, Designation, Enterprise, Park

from . import imports, progress, reports, services
from .filters import ObservationFilter, TargetFilter
from .forms import ObservationForm, TargetForm
from .models import Observation, Target


class Cockpit(RoleRequiredMixin, generic.TemplateView):
    """驾驶舱: the 5+2 clusters with their latest figures, growth, targets and status."""

    template_name = "monitoring/cockpit.html"
    clusters_per_page = 12  # a cockpit is read at a glance; a city's hundreds of clusters are paged

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        region = self.region()
        clusters = Cluster.objects.restrict(user, VIEW).within(region).select_related("office", "region")
        page = Paginator(clusters.with_counts().order_by("order", "name"), self.clusters_per_page).get_page(
            self.request.GET.get("page")
        )
        context.update(
            reports.cockpit(list(page.object_list)),
            region=region,
            page_obj=page,
            has_districts=Region.objects.filter(parent=region, cluster_set__isnull=False).exists(),
            enterprise_count=Enterprise.objects.restrict(user, VIEW).within(region).count(),
            park_count=Park.objects.restrict(user, VIEW).within(region).count(),
            designation_count=Designation.objects.restrict(user, VIEW).within(region).count(),
            status_rules=progress.STATUS_RULES,
        )
        return context

    def region(self) -> Region:
        """The region whose cockpit this is: ?region= (one the user works for, or a peer), else the user's."""
        if pk := self.request.GET.get("region"):
            try:
                region = Region.objects.get(pk=int(pk))
            except (ValueError, Region.DoesNotExist):
                raise Http404("没有这个区域") from None
            if not scope_of(self.request.user).allows(region):
                raise Http404("不在您负责的区域内")
            return region
        return scope_of(self.request.user).region


class ClusterFigures(RoleRequiredMixin, generic.TemplateView):
    """Every indicator of one cluster: figures with sources, targets with progress, series."""

    template_name = "monitoring/cluster_figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cluster = get_restricted_object(Cluster, self.request.user, kwargs["pk"], VIEW)
        context.update(
            reports.cluster_figures(cluster, self.request.user),
            cluster=cluster,
            status_rules=progress.STATUS_RULES,
            can_add=Observation.objects.can_add(self.request.user),
        )
        return context


class ObservationList(RestrictedListView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "indicator", "cluster", "enterprise", "park", "chain_link", "citation__source", "import_batch"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["views"] = reports.figure_views(list(context["object_list"]))
        return context


class ObservationDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        same = Observation.objects.filter(subject_key=self.object.subject_key, indicator=self.object.indicator)
        context["view"] = next(v for v in reports.figure_views(list(same)) if v.observation.pk == self.object.pk)
        context["others"] = same.exclude(pk=self.object.pk).filter(
            period_kind=self.object.period_kind,
            period_start=self.object.period_start,
            period_end=self.object.period_end,
        )
        return context


class TargetList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().select_related("indicator", "cluster", "enterprise", "park", "citation__source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        targets = list(context["object_list"])
        observations = reports.subject_observations(list({t.subject_key for t in targets}), self.request.user)
        context["target_views"] = reports.target_views(targets, observations)
        context["status_rules"] = progress.STATUS_RULES
        return context


class TargetDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        observations = reports.subject_observations([self.object.subject_key], self.request.user)
        view = reports.target_views([self.object], observations)[0]
        charts = reports.target_charts([view])
        context.update(
            targets=[view], status_rules=progress.STATUS_RULES, chart=charts[0] if charts else None, charts=charts
        )
        return context


observations = Crud(
    model=Observation,
    form_class=ObservationForm,
    services=services,
    namespace="monitoring",
    list_view=ObservationList,
    detail_view=ObservationDetail,
    filterset_class=ObservationFilter,
)
targets = Crud(
    model=Target,
    form_class=TargetForm,
    services=services,
    namespace="monitoring",
    list_view=TargetList,
    detail_view=TargetDetail,
    filterset_class=TargetFilter,
)

UPLOAD_KEY = "chanye-observation-import"


def upload_dir() -> Path:
    path = settings.DATA_DIR / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ImportObservations(RoleRequiredMixin, View):
    """Upload a statistics file → every bad row, or a preview with counts → confirm → written at once.
    The file waits on disk under its fingerprint between preview and confirm."""

    template_name = "monitoring/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not Observation.objects.can_add(request.user):
            raise PermissionDenied("您没有录入经济运行数据的权限")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if job_id := request.GET.get("job"):
            return self.show_job(request, job_id)
        return render(request, self.template_name, {"layouts": imports})

    def show_job(self, request, job_id):
        """A large file's check or import, done by a worker: its state (polled), then its result."""
        job = get_restricted_object(Job, request.user, job_id, VIEW)
        if not job.kind.startswith("monitoring."):
            raise Http404("不是统计数据导入任务")
        context = {"job": job, "checked": job.result if job.kind == "monitoring.check_import" else None}
        if request.htmx:
            return render(request, "monitoring/import_job.html#job", context)
        return render(request, "monitoring/import_job.html", context)

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        if "confirm_job" in request.POST:
            check = get_restricted_object(Job, request.user, request.POST["confirm_job"], VIEW)
            try:
                job = services.confirm_import(actor=request.user, check=check)
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
                return redirect(f"{request.path}?job={check.pk}")
            return redirect(f"{request.path}?job={job.pk}")
        upload = request.FILES.get("file")
        if upload is None:
            return render(request, self.template_name, {"error": "请选择要导入的文件"}, status=400)
        if upload.size > settings.CHANYE_BACKGROUND_IMPORT_BYTES:
            job = services.start_import(actor=request.user, upload=upload)
            return redirect(f"{request.path}?job={job.pk}")
        content = upload.read()
        parsed = imports.parse(upload.name, content, request.user)
        if not parsed.ok:
            return render(request, self.template_name, {"parsed": parsed}, status=400)
        (upload_dir() / f"{parsed.sha256}.upload").write_bytes(content)
        request.session[UPLOAD_KEY] = {"sha256": parsed.sha256, "filename": upload.name}
        return render(request, self.template_name, {"parsed": parsed, "preview": parsed.rows[:20]})

    def confirm(self, request):
        pending = request.session.get(UPLOAD_KEY)
        path = upload_dir() / f"{pending['sha256']}.upload" if pending else None
        if not pending or not path.exists():
            return render(request, self.template_name, {"error": "没有待确认的导入，请重新上传文件"}, status=400)
        parsed = imports.parse(pending["filename"], path.read_bytes(), request.user)
        if not parsed.ok:
            return render(request, self.template_name, {"parsed": parsed}, status=400)
        batch = imports.commit(parsed, request.user)
        path.unlink(missing_ok=True)
        del request.session[UPLOAD_KEY]
        if batch is None:
            messages.info(
                request, f"“{parsed.filename}”已于 {parsed.previous.imported_at:%Y-%m-%d %H:%M} 导入过，未作改动"
            )
        else:
            messages.success(request, f"已导入“{batch.filename}”：{batch.rows} 行")
        return redirect("monitoring:observation-list")
