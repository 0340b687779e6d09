"""The top bar's search: one box for the archive, the enterprises and the projects, each section read through
its own service (the archive's phrase search) or queryset (`restrict` to what the user may see, `search`),
with a link to that section's own page for the rest. A site-wide page above the domains, like the URLs."""

from django.urls import reverse
from django.utils.http import urlencode
from django.views import generic

from chanye.archive import search
from chanye.archive.models import Document, Paragraph
from chanye.archive.views import snippet
from chanye.core.querysets import VIEW
from chanye.core.views import RoleRequiredMixin
from chanye.projects.models import Project
from chanye.registry.models import Enterprise

SHOWN = 8  # results of each section on this page; the section's own page has the rest
LONGEST = 200  # characters of a query, as the archive's own search form allows


class SiteSearch(RoleRequiredMixin, generic.TemplateView):
    template_name = "search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("query", "").strip()[:LONGEST]
        context["query"] = query
        if query:
            user, asked = self.request.user, urlencode({"q": query})
            context["sections"] = [
                self.archive(user, query) | {"more": f"{reverse('archive:search')}?{asked}"},
                self.records(Enterprise, user, query, "name")
                | {"more": f"{reverse('registry:enterprise-list')}?{asked}"},
                self.records(Project, user, query, "-pk") | {"more": f"{reverse('projects:project-list')}?{asked}"},
            ]
        return context

    @staticmethod
    def records(model, user, query: str, order: str) -> dict:
        found = model.objects.restrict(user, VIEW).search(query).distinct().order_by(order)
        return {
            "key": model._meta.model_name,
            "title": model._meta.verbose_name,
            "total": found.count(),
            "items": [{"title": str(obj), "url": obj.get_absolute_url()} for obj in found[:SHOWN]],
        }

    @staticmethod
    def archive(user, query: str) -> dict:
        section = {"key": "archive", "title": "资料库", "total": 0, "items": []}
        try:
            result = search.find(query, sort="relevance", limit=SHOWN)
        except search.QueryError as error:
            return section | {"error": str(error)}
        readable = Document.objects.restrict(user, VIEW)
        paragraphs = (
            Paragraph.objects.filter(pk__in=result.paragraph_ids, document__in=readable).select_related("document")
        ).in_bulk()
        asked = urlencode({"q": query})
        section["items"] = [
            {
                "title": str(paragraphs[pk].document),
                "url": f"{paragraphs[pk].document.get_absolute_url()}?{asked}#p{paragraphs[pk].position}",
                "html": snippet(paragraphs[pk].text, query),
            }
            for pk in result.paragraph_ids
            if pk in paragraphs
        ]
        section["total"] = result.total
        return section
