"""Import and export pages for any model with an Importer (chanye.core.imports)."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from chanye.core.imports import Importer
from chanye.core.querysets import VIEW
from chanye.core.tables import Table, TableError, read_table, write_xlsx
from chanye.core.views import RoleRequiredMixin

SESSION_KEY = "chanye-import"


class ImportView(RoleRequiredMixin, View):
    """Upload → every bad row reported, or a preview → confirm → all rows written at once.
    The previewed rows wait in the session, and are validated again on confirm."""

    template_name = "core/import.html"
    importer: Importer = None
    export_url = list_url = None  # URL names

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.importer.model.objects.can_add(request.user):
            raise PermissionDenied(f"您没有导入{self.importer.model._meta.verbose_name}的权限")
        return super().dispatch(request, *args, **kwargs)

    @property
    def label(self) -> str:
        return self.importer.model._meta.label

    def render(self, status: int = 200, **context):
        context.update(importer=self.importer, model_meta=self.importer.model._meta, export_url=self.export_url)
        return render(self.request, self.template_name, context, status=status)

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
            "model": self.label,
            "filename": upload.name,
            "headers": table.headers,
            "rows": table.rows,
        }
        return self.render(report=report, preview=True)

    def commit(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or pending["model"] != self.label:
            return self.render(error="没有待确认的导入，请重新上传文件", status=400)
        table = Table(headers=pending["headers"], rows=[(n, cells) for n, cells in pending["rows"]])
        try:
            created = self.importer.commit(table, pending["filename"], request.user)
        except ValidationError as error:
            return self.render(error="导入未执行，数据已变化：" + "；".join(error.messages), status=400)
        del request.session[SESSION_KEY]
        messages.success(
            request, f"已导入 {len(created)} 条{self.importer.model._meta.verbose_name}（{pending['filename']}）"
        )
        return redirect(self.list_url)


def xlsx_response(title: str, headers: list[str], rows: list[list]) -> HttpResponse:
    """A workbook of one sheet as a download named after its title and today's date."""
    return _download(f"{title}-{timezone.localdate():%Y%m%d}.xlsx", write_xlsx(title, headers, rows))


def _download(name: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class ExportView(RoleRequiredMixin, View):
    """Every row the user may see (narrowed by ?q=) as XLSX, with the import's header;
    ?template=1 gives the header alone."""

    importer: Importer = None

    def get(self, request):
        model = self.importer.model
        queryset = model.objects.restrict(request.user, VIEW).search(request.GET.get("q", "").strip())
        if request.GET.get("template"):
            queryset = queryset.none()
        title = str(model._meta.verbose_name)
        return _download(f"{title}-{timezone.localdate():%Y%m%d}.xlsx", self.importer.export(queryset, title))
