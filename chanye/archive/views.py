"""Archive pages: search, the document page (like a newspaper database), upload and batch results."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.views import View, generic

from chanye.core.querysets import CHANGE, VIEW
from chanye.core.views import (
    RestrictedDetailView,
    RestrictedListView,
    RoleRequiredMixin,
    ServiceUpdateView,
    get_restricted_object,
)

from . import search, services
from .forms import DocumentForm, SearchForm, UploadForm
from .models import Document, IngestRun, NearDuplicate, Paragraph

logger = logging.getLogger(__name__)


def highlighted(text: str, query: str) -> str:
    """The paragraph with every occurrence of the query marked, escaped for HTML."""
    from django.utils.html import escape

    spans, out, last = search.highlight_spans(text, query), [], 0
    for start, end in spans:
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def marked_sentence(text: str, start: int, end: int) -> str:
    """The paragraph with one stretch (a fact's evidence sentence) marked, escaped for HTML."""
    from django.utils.html import escape

    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return mark_safe(
        f'{escape(text[:start])}<mark class="evidence" id="evidence">{escape(text[start:end])}</mark>{escape(text[end:])}'
    )


def evidence_mark(value: str) -> tuple[int, int, int] | None:
    """?mark=N:start:end → (paragraph position, start, end), or None when absent or malformed."""
    parts = value.split(":")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        position, start, end = map(int, parts)
        return (position, start, end) if start < end else None
    return None


SNIPPET = 160  # characters of a long paragraph shown in a search result, around the first hit


def snippet(text: str, query: str) -> str:
    """A search result: the paragraph, or for a long one the stretch around its first hit, marked."""
    spans = search.highlight_spans(text, query)
    if len(text) <= SNIPPET or not spans:
        return highlighted(text, query)
    end = min(len(text), max(0, spans[0][0] - SNIPPET // 3) + SNIPPET)
    start = end - SNIPPET
    return mark_safe(("…" if start else "") + highlighted(text[start:end], query) + ("…" if end < len(text) else ""))


class Search(RoleRequiredMixin, generic.TemplateView):
    template_name = "archive/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context.update(form=form, documents=Document.objects.restrict(self.request.user, VIEW).count())
        if form.is_bound and not form.is_valid():
            context["error"] = "；".join(
                f"{form[name].label}：{message}" for name, messages in form.errors.items() for message in messages
            )
            return context
        if form.is_valid() and form.cleaned_data["q"]:
            data, page = form.cleaned_data, form.cleaned_data["page"] or 1
            try:
                result = form.find()
            except search.QueryError as error:
                context["error"] = str(error)
                return context
            paragraphs = Paragraph.objects.select_related("document").in_bulk(result.paragraph_ids)
            context.update(
                total=result.total,
                query=data["q"],
                ranked=result.ranked if result.ranked < result.total else 0,
                hits=[
                    {"paragraph": paragraphs[pk], "html": snippet(paragraphs[pk].text, data["q"])}
                    for pk in result.paragraph_ids
                    if pk in paragraphs
                ],
                page_obj=Paginator(range(result.total), search.HITS_PER_PAGE).get_page(page),
            )
        return context


class DocumentList(RestrictedListView):
    model = Document

    def get_queryset(self):
        return super().get_queryset().prefetch_related("clusters")


class DocumentDetail(RestrictedDetailView):
    model = Document

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        previous, following = document.neighbours()
        links = NearDuplicate.objects.filter(first=document) | NearDuplicate.objects.filter(second=document)
        context.update(
            paragraphs=document.paragraphs.all(),
            previous=previous,
            following=following,
            near=[
                (link.second if link.first_id == document.pk else link.first, link.similarity)
                for link in links.select_related("first", "second")
            ],
            query=self.request.GET.get("q", ""),
            can_extract=Document.objects.can_add(self.request.user),  # extraction proposes with a document
        )
        if context["query"]:
            context["paragraph_html"] = [(p, highlighted(p.text, context["query"])) for p in context["paragraphs"]]
        elif mark := evidence_mark(self.request.GET.get("mark", "")):
            # 查看原文 from a fact: its paragraph is the page's anchor (#p-N) and its sentence is marked.
            position, start, end = mark
            context["paragraph_html"] = [
                (p, marked_sentence(p.text, start, end) if p.position == position else p.text)
                for p in context["paragraphs"]
            ]
        return context


class DocumentUpdate(ServiceUpdateView):
    model = Document
    form_class = DocumentForm
    update_service = services.update_document


class DocumentOriginal(RoleRequiredMixin, View):
    def get(self, request, pk):
        document = get_restricted_object(Document, request.user, pk, VIEW)
        path = services.original_path(document)
        if not path.is_file():
            # a restore without the originals, a disk cleaned by hand: 404 and a line in the log, not a 500
            logger.error("archived original of document %s is missing: %s", document.pk, path)
            raise Http404("原件文件缺失")
        return FileResponse(path.open("rb"), as_attachment=True, filename=document.filename)


class UndoJoin(RoleRequiredMixin, View):
    def post(self, request, pk, index):
        document = get_restricted_object(Document, request.user, pk, CHANGE)
        try:
            services.undo_join(actor=request.user, document=document, index=index)
            messages.success(request, "已撤销这处拼接")
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect(document.get_absolute_url())


class DeleteDocument(RoleRequiredMixin, generic.DeleteView):
    model = Document
    template_name = "core/confirm_delete.html"

    def get_object(self, queryset=None):
        return get_restricted_object(Document, self.request.user, self.kwargs["pk"], "delete")

    def form_valid(self, form):
        services.delete_document(actor=self.request.user, document=self.object)
        messages.success(self.request, f"已删除：{self.object}")
        return redirect("archive:document-list")


class Upload(RoleRequiredMixin, generic.FormView):
    """Several files at once; they are ingested as a background task, one result per file."""

    template_name = "archive/upload.html"
    form_class = UploadForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not Document.objects.can_add(request.user):
            raise PermissionDenied("您没有向资料库添加文档的权限")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        run, _job = services.start_upload(
            actor=self.request.user, files=form.cleaned_data["files"], clusters=form.cleaned_data["clusters"]
        )
        return redirect(run.get_absolute_url())


class RunDetail(RoleRequiredMixin, generic.DetailView):
    """A batch's results, file by file, with its background job's state (polled by htmx while it runs)."""

    model = IngestRun
    template_name = "archive/run_detail.html"

    def get_object(self, queryset=None):
        run = get_restricted_object(IngestRun, self.request.user, self.kwargs["pk"], VIEW)
        if run.started_by_id != self.request.user.pk and not self.request.user.is_superuser:
            raise PermissionDenied("只能查看自己的入库批次")
        return run

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.object.job
        return context

    def get_template_names(self):
        return ["archive/run_detail.html#progress"] if self.request.htmx else ["archive/run_detail.html"]
