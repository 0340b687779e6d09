"""Monitoring pages: the cockpit (home), a page per cluster with all its indicators, the
figures and targets with their sources, and the import of statistics files."""

import datetime
import re
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View, generic

from chanye.core.models import Region
from chanye.core.querysets import VIEW
from chanye.core.regions import scope_of, user_region
from chanye.core.views import Crud, RestrictedDetailView, RestrictedListView, RoleRequiredMixin, get_restricted_object
from chanye.core.views_exchange import xlsx_response
from chanye.jobs.models import Job
from chanye.registry.models import Cluster, Designation, Enterprise, Park

from . import bureau, imports, progress, reports, services
from .filters import ObservationFilter, TargetFilter
from .forms import ImportTemplateForm, ObservationForm, TargetForm
from .jobs import staged
from .models import ImportTemplate, Observation, Target, subject_key, whole_region_name
from .preview import preview_rows


class Cockpit(RoleRequiredMixin, generic.TemplateView):
    """驾驶舱: the 5+2 clusters with their latest figures, growth, targets and status."""

    template_name = "monitoring/cockpit.html"
    clusters_per_page = 12  # a cockpit is read at a glance; a city's hundreds of clusters are paged

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        region = self.region()
        visible = Cluster.objects.restrict(user, VIEW).within(region)
        clusters = visible.select_related("office", "region")
        page = Paginator(clusters.with_counts().order_by("order", "name"), self.clusters_per_page).get_page(
            self.request.GET.get("page")
        )
        cluster_keys = [subject_key("cluster", c) for c in visible.only("pk")]
        region_key = subject_key("region", region)
        months = reports.data_months([*cluster_keys, region_key])
        as_of = self.as_of(months)
        context.update(
            reports.cockpit(list(page.object_list), cluster_keys, region_key, as_of),
            region=region,
            region_name=whole_region_name(region),
            as_of=as_of,
            months=months,
            page_obj=page,
            has_districts=Region.objects.filter(parent=region, cluster_set__isnull=False).exists(),
            enterprise_count=Enterprise.objects.restrict(user, VIEW).within(region).count(),
            park_count=Park.objects.restrict(user, VIEW).within(region).count(),
            designation_count=Designation.objects.restrict(user, VIEW).within(region).count(),
            status_rules=progress.STATUS_RULES,
        )
        return context

    def as_of(self, months: list[datetime.date]) -> datetime.date:
        """The month the cockpit is read as of: ?month=YYYY-MM, else the latest month with data (a 2023
        demo reads as of its own date), else this month."""
        if text := self.request.GET.get("month"):
            try:
                return reports.month_end(datetime.date.fromisoformat(f"{text}-01"))
            except ValueError:
                raise Http404("期间应为 YYYY-MM") from None
        return months[0] if months else reports.month_end(timezone.localdate())

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


crud = partial(Crud, services=services, namespace="monitoring")  # the six pages of each model here
observations = crud(
    model=Observation,
    form_class=ObservationForm,
    list_view=ObservationList,
    detail_view=ObservationDetail,
    filterset_class=ObservationFilter,
)
targets = crud(
    model=Target, form_class=TargetForm, list_view=TargetList, detail_view=TargetDetail, filterset_class=TargetFilter
)

import_templates = crud(model=ImportTemplate, form_class=ImportTemplateForm)

UPLOAD_KEY = "chanye-observation-import"


class ObservationImportTemplate(RoleRequiredMixin, View):
    """The long layout's header with two example rows (全区 and a cluster), to fill in and upload."""

    def get(self, request):
        region = user_region(request.user)
        cluster = Cluster.objects.restrict(request.user).within(region).order_by("order", "name").first()
        example = ["2024年1-3月", "12.5", "亿元", "6.1", "", "示例行，导入前删除"]
        rows = [[region.name, "全区", region.name, "营业收入", *example]]
        if cluster is not None:
            rows.append([region.name, "集群", cluster.name, "营业收入", *example])
        return xlsx_response("统计数据导入模板", imports.LONG, rows)


class ImportObservations(RoleRequiredMixin, View):
    """Upload a statistics file → every bad row, or a preview with counts → confirm → written at once.
    A bureau table also shows its mapping (sheet, header rows, each column's guessed role), which the
    officer corrects (应用映射) and may save as a named template (保存为模板) for next month's file.
    The file waits on disk under its fingerprint between the steps."""

    template_name = "monitoring/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not Observation.objects.can_add(request.user):
            raise PermissionDenied("您没有录入经济运行数据的权限")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if job_id := request.GET.get("job"):
            return self.show_job(request, job_id)
        return render(request, self.template_name, self.context())

    def context(self, **extra) -> dict:
        templates = ImportTemplate.objects.restrict(self.request.user)
        return {"layouts": imports, "templates": templates[:20], "roles": bureau.ROLES, **extra}

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
        if "remap" in request.POST or "save_template" in request.POST:
            return self.remap(request)
        upload = request.FILES.get("file")
        if upload is None:
            return render(request, self.template_name, self.context(error="请选择要导入的文件"), status=400)
        content = upload.read() if upload.size <= settings.CHANYE_BACKGROUND_IMPORT_BYTES else None
        if (
            content is None
            or imports.work_size(upload.name, content) > settings.CHANYE_BACKGROUND_IMPORT_UNPACKED_BYTES
        ):
            job = services.start_import(actor=request.user, upload=upload)  # a worker reads it, not this request
            return redirect(f"{request.path}?job={job.pk}")
        period = request.POST.get("period", "").strip()
        parsed = imports.parse(upload.name, content, request.user, period=period)
        staged(parsed.sha256).write_bytes(content)
        request.session[UPLOAD_KEY] = {
            "sha256": parsed.sha256,
            "filename": upload.name,
            "period": period,
            "mapping": None,
            "template": parsed.template.pk if parsed.template else None,
        }
        return self.show(parsed)

    def pending(self):
        pending = self.request.session.get(UPLOAD_KEY)
        path = staged(pending["sha256"]) if pending else None
        return (pending, path) if pending and path.exists() else (None, None)

    def parse(self, pending, path, mapping=None):
        template = None
        if mapping is None and pending.get("template"):
            template = ImportTemplate.objects.restrict(self.request.user).filter(pk=pending["template"]).first()
        return imports.parse(
            pending["filename"],
            path.read_bytes(),
            self.request.user,
            mapping=mapping if mapping is not None else pending.get("mapping"),
            template=template,
            period=pending.get("period", ""),
        )

    def remap(self, request):
        pending, path = self.pending()
        if pending is None:
            return self.nothing_pending()
        before = self.parse(pending, path)
        mapping = mapping_from_post(request.POST, before)
        parsed = self.parse(pending, path, mapping)
        pending["mapping"], pending["template"] = mapping, None
        saved_error = ""
        if "save_template" in request.POST and parsed.layout_info is not None:
            name = request.POST.get("template_name", "").strip()
            if not name:
                saved_error = "请填写模板名称"
            else:
                try:
                    parsed.template = services.save_import_template(
                        actor=request.user,
                        name=name,
                        signature=parsed.layout_info.signature,
                        header=" | ".join(c.header for c in parsed.layout_info.columns if c.header),
                        mapping=mapping,
                        region=user_region(request.user),
                    )
                except (PermissionDenied, ValidationError) as error:
                    saved_error = "；".join(getattr(error, "messages", [str(error)]))
                else:
                    pending["template"], pending["mapping"] = parsed.template.pk, None
                    messages.success(
                        request, f"已保存导入模板“{parsed.template.name}”：表头相同的文件将自动按此映射导入"
                    )
        request.session[UPLOAD_KEY] = pending
        return self.show(parsed, template_error=saved_error)

    def nothing_pending(self):
        """Remap or confirm without an upload waiting (it expired, or was confirmed in another tab)."""
        return render(
            self.request, self.template_name, self.context(error="没有待确认的导入，请重新上传文件"), status=400
        )

    def show(self, parsed, **extra):
        context = self.context(parsed=parsed, **extra)
        if parsed.ok:
            context["preview"] = preview_rows(parsed.rows[:20])
        if parsed.layout_info is not None:
            context["grid"] = grid_view(parsed)
        status = 200 if parsed.ok and not extra.get("template_error") else 400
        return render(self.request, self.template_name, context, status=status)

    def confirm(self, request):
        pending, path = self.pending()
        if pending is None:
            return self.nothing_pending()
        parsed = self.parse(pending, path)
        if not parsed.ok:
            return self.show(parsed)
        batch = imports.commit(parsed, request.user)
        path.unlink(missing_ok=True)
        del request.session[UPLOAD_KEY]
        if batch is None:
            messages.info(
                request, f"“{parsed.filename}”已于 {parsed.previous.imported_at:%Y-%m-%d %H:%M} 导入过，未作改动"
            )
        else:
            messages.success(request, f"已导入“{batch.filename}”：{batch.rows} 个数")
        return redirect("monitoring:observation-list")


def grid_view(parsed) -> dict:
    """The sheet's first rows as the mapping step shows them: row numbers, column letters, header rows marked."""
    layout = parsed.layout_info
    width = max(len(layout.columns), 1)
    rows = [
        {"number": n, "cells": (row + [""] * width)[:width], "header": n - 1 in layout.header_rows}
        for n, row in enumerate(parsed.grid, start=1)
    ]
    return {"rows": rows, "columns": layout.columns}


def mapping_from_post(post, before) -> dict:
    """The mapping the officer set on the page, keeping only what differs from the file's own reading,
    so that next month's file (7月 → 8月) is read with the same corrections."""
    mapping = {}
    for key in ("sheet", "region", "period", "unit", "indicator", "dollar_rate"):
        if value := post.get(f"map_{key}", "").strip():
            mapping[key] = value
    if rows := [int(n) for n in re.findall(r"\d+", post.get("map_header_rows", ""))]:
        layout = before.layout_info
        if layout is None or rows != layout.header_numbers:
            mapping["header_rows"] = rows
    if post.get("map_strict"):
        mapping["strict"] = True
    labels = {}
    for line in post.get("map_labels", "").splitlines():
        label, sep, target = line.partition("=")
        if sep and label.strip() and target.strip():
            labels[bureau.compact(label)] = target.strip()
    if labels:
        mapping["labels"] = labels
    guessed = {c.letter: c for c in before.layout_info.columns} if before.layout_info else {}
    columns = {}
    for key in post:
        if not key.startswith("role_"):
            continue
        letter = key[5:]
        role = {
            "role": post.get(key, ""),
            "period": post.get(f"period_{letter}", "").strip(),
            "indicator": post.get(f"indicator_{letter}", "").strip(),
            "region": post.get(f"region_{letter}", "").strip(),
            "unit": post.get(f"unit_{letter}", "").strip(),
            "of": post.get(f"of_{letter}", "").strip().upper(),
        }
        if role["role"] not in bureau.ROLES:
            continue
        old = guessed.get(letter)
        if old is not None and old.role == role["role"]:
            same = {
                "period": old.period,
                "indicator": old.indicator,
                "region": old.region,
                "unit": old.unit,
                "of": bureau.get_column_letter(old.of + 1) if old.of is not None else "",
            }
            if all(role[k] == v or not role[k] for k, v in same.items()):
                continue
            role = {k: v for k, v in role.items() if k == "role" or v != same.get(k)}
        columns[letter] = {k: v for k, v in role.items() if v}
    if columns:
        mapping["columns"] = columns
    return mapping
