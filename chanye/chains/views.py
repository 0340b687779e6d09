"""Chain pages: the chain map with its gap analysis, a link's panel (its enterprises and
candidates), the print view, the cross-walk, and the shared CRUD pages."""

from functools import partial

from django.views import generic

from chanye.core.imports import Importer
from chanye.core.querysets import CHANGE, VIEW
from chanye.core.views import Crud, RestrictedDetailView, RestrictedListView, RoleRequiredMixin, get_restricted_object
from chanye.reference.models import Dataset
from chanye.registry.models import Cluster

from . import analysis, services
from .filters import CandidateFilter, ChainFilter, ChainLinkFilter
from .forms import CandidateForm, ChainForm, ChainLinkForm, PlacementForm
from .models import CandidateEnterprise, Chain, ChainLink, LinkEnterprise
from .reports import candidates_for, chain_report

STATUS_COLOURS = {
    analysis.BLANK: "#d63939",
    analysis.EXTENSIBLE: "#f59f00",
    analysis.WEAK: "#f76707",
    analysis.STRONG: "#2fb344",
}
SEGMENT_X = {"上游": 0, "中游": 1, "下游": 2}


def graph_data(report) -> dict:
    """Nodes and edges for ECharts: links placed by segment (left to right), coloured by status."""
    rows: dict[str, int] = {}
    nodes = []
    for gap in sorted(report.gaps, key=lambda g: (SEGMENT_X[g.link.segment], g.link.id)):
        link = gap.link
        row = rows.setdefault(link.segment, 0)
        rows[link.segment] += 1
        nodes.append(
            {
                "id": str(link.id),
                "name": link.name,
                "x": SEGMENT_X[link.segment] * 300,
                "y": row * 90,
                "status": gap.status,
                "itemStyle": {"color": STATUS_COLOURS[gap.status]},
                "enterprises": len({p.enterprise_id for p in link.placements}),
            }
        )
    edges = [{"source": str(s), "target": str(t)} for s, t in report.edges]
    return {"nodes": nodes, "edges": edges, "colours": STATUS_COLOURS}


NODE_RADIUS, MARGIN = 13, 80


def print_graph(graph: dict) -> dict:
    """The chain graph as plain SVG shapes for the print view: the same places and colours as the
    ECharts graph, drawn by the server so that a printed page has it without running a script."""
    at = {node["id"]: (node["x"] + MARGIN, node["y"] + MARGIN // 2) for node in graph["nodes"]}
    edges = []
    for edge in graph["edges"]:
        (x1, y1), (x2, y2) = at[edge["source"]], at[edge["target"]]
        length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1)
        # Stop short of the target's circle so that the arrow head stays visible.
        shorten = (NODE_RADIUS + 4) / length
        edges.append({"x1": x1, "y1": y1, "x2": round(x2 - (x2 - x1) * shorten), "y2": round(y2 - (y2 - y1) * shorten)})
    nodes = [
        {"x": at[n["id"]][0], "y": at[n["id"]][1], "name": n["name"], "status": n["status"]} for n in graph["nodes"]
    ]
    width = max((x for x, _ in at.values()), default=0) + MARGIN
    height = max((y for _, y in at.values()), default=0) + MARGIN // 2 + 20
    return {"nodes": nodes, "edges": edges, "width": width, "height": height, "radius": NODE_RADIUS}


class ChainList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().select_related("cluster")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = [chain_report(chain) for chain in context["object_list"]]
        return context


class ChainDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = chain_report(self.object)
        context.update(
            report=report,
            graph=graph_data(report),
            rules=analysis.RULES,
            can_add_link=ChainLink.objects.can_add(self.request.user) and context["can_change"],
        )
        return context


class ChainPrint(ChainDetail):
    model = Chain
    template_name = "chains/chain_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["print_graph"] = print_graph(context["graph"])
        return context


class LinkPanel(RoleRequiredMixin, generic.TemplateView):
    """A link's enterprises, status and candidates; the chain map loads it with htmx on click."""

    template_name = "chains/_link_panel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        link = get_restricted_object(ChainLink, self.request.user, kwargs["pk"], VIEW)
        report = chain_report(link.chain)
        context.update(
            link=link,
            gap=report.gap_of(link.pk),
            placements=link.placements.select_related("enterprise"),
            candidates=candidates_for(link) if report.gap_of(link.pk).status != analysis.STRONG else [],
            can_change=ChainLink.objects.restrict(self.request.user, CHANGE).filter(pk=link.pk).exists(),
        )
        return context


class ChainLinkDetail(RestrictedDetailView):
    template_name = "chains/chainlink_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(LinkPanel(request=self.request).get_context_data(pk=self.object.pk))
        return context


class Crosswalk(RoleRequiredMixin, generic.TemplateView):
    """Clusters and chains against Chongqing's 33618 system and GB/T 4754 codes, as a table."""

    template_name = "chains/crosswalk.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["clusters"] = Cluster.objects.restrict(user, VIEW).prefetch_related(
            "city_mappings__city_cluster",
            "city_mappings__citations__source",
            "chains__links__industry_codes",
            "chains__links__strategic_categories",
        )
        context["datasets"] = Dataset.objects.restrict(user, VIEW)
        return context


crud = partial(Crud, services=services, namespace="chains")  # the six pages of each model here
chains = crud(
    model=Chain, form_class=ChainForm, list_view=ChainList, detail_view=ChainDetail, filterset_class=ChainFilter
)
links = crud(model=ChainLink, form_class=ChainLinkForm, detail_view=ChainLinkDetail, filterset_class=ChainLinkFilter)
placements = crud(model=LinkEnterprise, form_class=PlacementForm, service_name="placement")
candidates = crud(
    model=CandidateEnterprise, form_class=CandidateForm, service_name="candidate", filterset_class=CandidateFilter
)

CANDIDATE_IMPORTER = Importer(
    model=CandidateEnterprise, form_class=CandidateForm, create_service=services.create_candidate
)
