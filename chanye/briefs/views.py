"""事务 → 月度简报: choose a month and region, preview the brief in the browser, and have it generated
as DOCX, PDF or XLSX in the background; then download it. Views are thin: content.build reads,
services write, tasks do the work."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views import View, generic

from chanye.core.querysets import VIEW
from chanye.core.views import RoleRequiredMixin, get_restricted_object

from . import charts, content, services, tasks
from . import render as render_brief
from .forms import BriefForm, PreviewForm
from .models import GeneratedBrief

TEMPLATE = "briefs/home.html"


def _home(request, form, status=200):
    briefs = GeneratedBrief.objects.restrict(request.user, VIEW).select_related("region", "generated_by", "document")
    page = Paginator(briefs, 20).get_page(request.GET.get("page"))
    return render(request, TEMPLATE, {"form": form, "page_obj": page, "briefs": page.object_list}, status=status)


class BriefList(RoleRequiredMixin, View):
    def get(self, request):
        return _home(request, BriefForm(user=request.user))


class BriefCreate(RoleRequiredMixin, View):
    """POST: record the request (refused outside the user's regions), queue its generation, show its page."""

    def get(self, request):
        return _home(request, BriefForm(user=request.user))

    def post(self, request):
        form = BriefForm(request.POST, user=request.user)
        if not form.is_valid():
            return _home(request, form)
        data = form.cleaned_data
        record = services.request_brief(
            actor=request.user, month=data["period"], region=data["region"], fmt=data["format"]
        )
        tasks.generate_brief.enqueue(record.pk)
        return redirect(record)


class BriefDetail(RoleRequiredMixin, generic.DetailView):
    model = GeneratedBrief
    template_name = "briefs/generatedbrief_detail.html"

    def get_object(self, queryset=None):
        return get_restricted_object(GeneratedBrief, self.request.user, self.kwargs["pk"], VIEW)

    def get_template_names(self):
        return [f"{self.template_name}#status"] if self.request.htmx else [self.template_name]


class BriefDownload(RoleRequiredMixin, View):
    def get(self, request, pk):
        record = get_restricted_object(GeneratedBrief, request.user, pk, VIEW)
        path = services.file_path(record) if record.is_done else None
        if path is None or not path.exists():
            raise Http404("月报文件尚未生成或已不存在")
        return FileResponse(path.open("rb"), as_attachment=True, filename=record.filename)


class BriefPreview(RoleRequiredMixin, View):
    """The brief of the chosen month and region, in the browser, as the user may read it."""

    def get(self, request):
        form = PreviewForm(request.GET, user=request.user)
        if not form.is_valid():
            return _home(request, form, status=400)
        brief = content.build(form.cleaned_data["period"], form.cleaned_data["region"], request.user)
        context = render_brief.context(brief, charts.charts(brief), for_print=False)
        return render(
            request, "briefs/preview.html", {**context, "form": form, "period": content.month_of(brief.month)}
        )
