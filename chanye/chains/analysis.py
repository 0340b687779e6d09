"""Gap analysis of an industrial chain (延链 / 补链 / 强链). Plain Python, no Django: the
callers hand in the chain as data, so the rules are testable and fast on large chains.

Status of a link, first rule that applies:
  空白    a link of the chain with no local enterprise          → 补链 (fill it)
  可延伸  an extension link (next to the chain) with none        → 延链 (extend to it)
  薄弱    enterprises, but a single supplier, or no 链主/龙头, or
          only cultivation-stage or unclassified firms            → 强链 (strengthen it)
  较强    otherwise                                              → no action
Priority of the links to work on (higher first) = the status's base score plus: next to a
link where a 链主 sits, mapped to a strategic emerging category, links downstream that
depend on it. Every score comes with its reasons in words.
"""

from dataclasses import dataclass, field

BLANK, EXTENSIBLE, WEAK, STRONG = "空白", "可延伸", "薄弱", "较强"
ACTION = {BLANK: "补链", EXTENSIBLE: "延链", WEAK: "强链", STRONG: ""}
BASE_SCORE = {BLANK: 60, EXTENSIBLE: 40, WEAK: 30, STRONG: 0}
NEXT_TO_LEADER, STRATEGIC, PER_DEPENDANT, DEPENDANTS_CAP = 15, 10, 5, 3

LEADING_ROLES = {"链主", "龙头"}  # enterprise roles in the registry that lead a link
ESTABLISHED_ROLES = {"链主", "龙头", "规上", "专精特新"}

RULES = [
    (BLANK, "本链环节，本区没有企业", "补链"),
    (EXTENSIBLE, "与本链相邻的延伸环节，本区尚未布局", "延链"),
    (WEAK, "有企业，但只有1家（单一供应商），或没有链主/龙头企业，或只有培育期、规模未明的企业", "强链"),
    (STRONG, "有2家以上企业，其中有链主或龙头企业，且有规上或专精特新以上企业", ""),
]


@dataclass(frozen=True)
class Placement:
    enterprise_id: int
    name: str
    registry_role: str  # 链主 / 龙头 / 规上 / 专精特新 / 培育 / 其他
    link_role: str  # 链主 / 核心 / 配套 / 服务


@dataclass
class Link:
    id: int
    name: str
    segment: str
    is_extension: bool = False
    strategic: bool = False
    placements: list[Placement] = field(default_factory=list)

    @property
    def has_leader(self) -> bool:
        return any(p.link_role == "链主" or p.registry_role in LEADING_ROLES for p in self.placements)

    @property
    def has_chain_leader(self) -> bool:
        return any(p.link_role == "链主" for p in self.placements)


@dataclass
class LinkGap:
    link: Link
    status: str
    reasons: list[str]
    score: int = 0
    score_reasons: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        return ACTION[self.status]


@dataclass
class Dependence:
    leaders: list[str]
    tied: int
    total: int

    @property
    def share(self) -> float | None:
        return self.tied / self.total if self.total else None


def classify(link: Link) -> tuple[str, list[str]]:
    enterprises = {p.enterprise_id for p in link.placements}
    if not enterprises:
        if link.is_extension:
            return EXTENSIBLE, ["与本链相邻的延伸环节，本区尚未布局"]
        return BLANK, ["本区没有企业覆盖该环节"]
    reasons = []
    if len(enterprises) == 1:
        reasons.append(f"只有1家企业（{link.placements[0].name}），单一供应商")
    if not link.has_leader:
        reasons.append("没有链主或龙头企业")
    if not any(p.registry_role in ESTABLISHED_ROLES for p in link.placements):
        reasons.append("只有培育期或规模未明的企业")
    if reasons:
        return WEAK, reasons
    return STRONG, [f"{len(enterprises)}家企业，含链主或龙头"]


def analyse(links: list[Link], edges: list[tuple[int, int]]) -> list[LinkGap]:
    """Every link with its status and priority, the links to work on first."""
    neighbours: dict[int, set[int]] = {link.id: set() for link in links}
    downstream: dict[int, set[int]] = {link.id: set() for link in links}
    for source, target in edges:
        neighbours[source].add(target)
        neighbours[target].add(source)
        downstream[source].add(target)
    by_id = {link.id: link for link in links}
    leader_links = {link.id for link in links if link.has_chain_leader}
    gaps = []
    for link in links:
        status, reasons = classify(link)
        gap = LinkGap(link=link, status=status, reasons=reasons)
        if status != STRONG:
            _prioritise(gap, neighbours[link.id] & leader_links, _all_downstream(link.id, downstream), by_id)
        gaps.append(gap)
    return sorted(gaps, key=lambda g: (-g.score, g.link.id))


def _prioritise(gap: LinkGap, leader_neighbours: set[int], dependants: set[int], by_id: dict[int, Link]) -> None:
    gap.score = BASE_SCORE[gap.status]
    gap.score_reasons.append(f"{gap.status}（{gap.action}）基础分 {gap.score}")
    if leader_neighbours:
        names = "、".join(sorted(by_id[i].name for i in leader_neighbours))
        gap.score += NEXT_TO_LEADER
        gap.score_reasons.append(f"紧邻链主所在环节（{names}）+{NEXT_TO_LEADER}")
    if gap.link.strategic:
        gap.score += STRATEGIC
        gap.score_reasons.append(f"属于战略性新兴产业分类 +{STRATEGIC}")
    if dependants:
        bonus = PER_DEPENDANT * min(len(dependants), DEPENDANTS_CAP)
        gap.score += bonus
        gap.score_reasons.append(f"下游{len(dependants)}个环节依赖该环节 +{bonus}")


def _all_downstream(start: int, downstream: dict[int, set[int]]) -> set[int]:
    seen, stack = set(), [start]
    while stack:
        for nxt in downstream[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def leader_dependence(links: list[Link], edges: list[tuple[int, int]]) -> Dependence:
    """Enterprises tied to the chain's 链主: the leaders themselves and the enterprises on links
    directly upstream or downstream of a link where a 链主 sits (its suppliers and customers)."""
    leader_links = {link.id for link in links if link.has_chain_leader}
    tied_links = set(leader_links)
    for source, target in edges:
        if source in leader_links:
            tied_links.add(target)
        if target in leader_links:
            tied_links.add(source)
    everyone = {p.enterprise_id for link in links for p in link.placements}
    tied = {p.enterprise_id for link in links if link.id in tied_links for p in link.placements}
    leaders = sorted({p.name for link in links for p in link.placements if p.link_role == "链主"})
    return Dependence(leaders=leaders, tied=len(tied), total=len(everyone))


# ---- candidates from outside the district

SIZE_SCORE = {"大型": 20, "中型": 12, "小型": 6, "微型": 2, "": 0}
CODE_SCORE = {4: 50, 3: 30, 2: 15}
PER_KEYWORD, KEYWORD_CAP = 10, 30


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    region: str
    industry_code: str
    products: str
    size: str


@dataclass
class ScoredCandidate:
    candidate: Candidate
    score: int
    reasons: list[str]
    relevant: bool  # its code or its products match the link; size alone never makes a candidate


def score_candidate(candidate: Candidate, codes: set[str], keywords: list[str]) -> ScoredCandidate:
    """Industry-code match (same 小类 50, 中类 30, 大类 15), product keywords (10 each, up to
    30) and size (大型 20, 中型 12, 小型 6, 微型 2). Each part is listed in the reasons."""
    score, reasons, relevant = 0, [], False
    for digits in (4, 3, 2):
        prefix = candidate.industry_code[:digits]
        if any(code[:digits] == prefix for code in codes):
            level = {4: "小类", 3: "中类", 2: "大类"}[digits]
            score += CODE_SCORE[digits]
            reasons.append(f"行业代码{candidate.industry_code}与环节同{level} +{CODE_SCORE[digits]}")
            relevant = True
            break
    hits = [k for k in keywords if k and k in candidate.products]
    if hits:
        bonus = min(PER_KEYWORD * len(hits), KEYWORD_CAP)
        score += bonus
        reasons.append(f"主要产品含“{'、'.join(hits)}” +{bonus}")
        relevant = True
    if SIZE_SCORE.get(candidate.size):
        score += SIZE_SCORE[candidate.size]
        reasons.append(f"{candidate.size}企业 +{SIZE_SCORE[candidate.size]}")
    return ScoredCandidate(candidate=candidate, score=score, reasons=reasons, relevant=relevant)


def rank_candidates(
    candidates: list[Candidate], codes: set[str], keywords: list[str], limit: int = 10
) -> list[ScoredCandidate]:
    scored = [score_candidate(c, codes, keywords) for c in candidates]
    scored = [s for s in scored if s.relevant]
    return sorted(scored, key=lambda s: (-s.score, s.candidate.name))[:limit]
