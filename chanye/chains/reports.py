"""Reading a chain into the analysis (chanye.chains.analysis) in a fixed number of queries,
and finding candidate enterprises for its gaps through indexed code columns."""

from dataclasses import dataclass

from . import analysis
from .models import CandidateEnterprise, Chain, ChainEdge, ChainLink, LinkEnterprise

CANDIDATES_PER_TIER = 50  # rows fetched per code level before keyword and size scoring


@dataclass
class ChainReport:
    chain: Chain
    links: dict[int, ChainLink]
    gaps: list[analysis.LinkGap]
    edges: list[tuple[int, int]]
    dependence: analysis.Dependence

    @property
    def to_work_on(self) -> list[analysis.LinkGap]:
        return [g for g in self.gaps if g.status != analysis.STRONG]

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys((analysis.BLANK, analysis.EXTENSIBLE, analysis.WEAK, analysis.STRONG), 0)
        for gap in self.gaps:
            result[gap.status] += 1
        return result

    def rows_by_segment(self) -> list[tuple[analysis.LinkGap, ChainLink]]:
        order = {"上游": 0, "中游": 1, "下游": 2}
        gaps = sorted(self.gaps, key=lambda g: (order[g.link.segment], g.link.id))
        return [(gap, self.links[gap.link.id]) for gap in gaps]

    def gap_of(self, link_id: int) -> analysis.LinkGap:
        return next(g for g in self.gaps if g.link.id == link_id)


def chain_report(chain: Chain) -> ChainReport:
    """Five queries whatever the chain's size. Placements are read as plain tuples: a chain
    with tens of thousands of enterprises would otherwise build as many model objects."""
    links = {link.pk: link for link in chain.links.prefetch_related("industry_codes", "strategic_categories")}
    placements: dict[int, list[analysis.Placement]] = {pk: [] for pk in links}
    rows = LinkEnterprise.objects.filter(link__chain=chain).values_list(
        "link_id", "enterprise_id", "enterprise__name", "enterprise__role", "role"
    )
    for link_id, enterprise_id, name, registry_role, link_role in rows:
        placements[link_id].append(analysis.Placement(enterprise_id, name, registry_role, link_role))
    edges = list(ChainEdge.objects.filter(source__chain=chain).values_list("source_id", "target_id"))
    data = [
        analysis.Link(
            id=pk,
            name=link.name,
            segment=link.segment,
            is_extension=link.is_extension,
            strategic=bool(link.strategic_categories.all()),
            placements=placements[pk],
        )
        for pk, link in links.items()
    ]
    return ChainReport(
        chain=chain,
        links=links,
        gaps=analysis.analyse(data, edges),
        edges=edges,
        dependence=analysis.leader_dependence(data, edges),
    )


def candidates_for(link: ChainLink, limit: int = 10) -> list[analysis.ScoredCandidate]:
    """Candidates whose industry code shares the link's 小类, then 中类, then 大类, the largest
    first within each level; scored and ranked with keywords and size by the analysis."""
    codes = {c.code for c in link.industry_codes.all()}
    if not codes:
        return []
    rows, seen = [], set()
    tiers = [("industry_code__in", codes), ("code3__in", {c[:3] for c in codes}), ("code2__in", {c[:2] for c in codes})]
    for lookup, values in tiers:
        found = (
            CandidateEnterprise.objects.filter(**{lookup: values})
            .exclude(pk__in=seen)
            .order_by("-size_rank", "pk")[:CANDIDATES_PER_TIER]
        )
        for c in found.values("id", "name", "region", "industry_code", "products", "size"):
            seen.add(c["id"])
            rows.append(analysis.Candidate(**c))
        if len(rows) >= CANDIDATES_PER_TIER:
            break
    return analysis.rank_candidates(rows, codes, link.keyword_list, limit=limit)


def gaps_with_candidates(report: ChainReport, limit: int = 10) -> dict[int, list[analysis.ScoredCandidate]]:
    """The top candidates of every link that needs work, by link id."""
    return {gap.link.id: candidates_for(report.links[gap.link.id], limit=limit) for gap in report.to_work_on}
