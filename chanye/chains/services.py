"""Every write on chains, links, their edges and enterprises, and the candidate table.
Keyword-only; each owns its transaction and audit entries through chanye.core.services."""

from django.db import transaction

from chanye.core import services as core

from .models import CandidateEnterprise, Chain, ChainEdge, ChainLink, CityClusterMapping, LinkEnterprise

create_chain, update_chain, delete_chain = core.services_for(Chain)


def _link_fields(data: dict) -> tuple[dict, list | None]:
    data = dict(data)
    return data, data.pop("downstream", None)


@transaction.atomic
def create_chainlink(*, actor, data: dict, note: str = "") -> ChainLink:
    fields, downstream = _link_fields(data)
    link = core.create(actor=actor, model=ChainLink, data=fields, note=note)
    if downstream is not None:
        set_downstream(actor=actor, link=link, targets=downstream, note=note)
    return link


@transaction.atomic
def update_chainlink(*, actor, chainlink: ChainLink, data: dict, note: str = "") -> ChainLink:
    fields, downstream = _link_fields(data)
    link = core.update(actor=actor, obj=chainlink, data=fields, note=note)
    if downstream is not None:
        set_downstream(actor=actor, link=link, targets=downstream, note=note)
    return link


_, _, delete_chainlink = core.services_for(ChainLink)


@transaction.atomic
def set_downstream(*, actor, link: ChainLink, targets, note: str = "") -> None:
    """Make exactly these links downstream of `link`: one audited edge each, each checked for
    cycles, so a graph that would loop is refused whole with the loop named."""
    wanted = {t.pk for t in targets}
    for edge in ChainEdge.objects.filter(source=link).exclude(target_id__in=wanted):
        core.delete(actor=actor, obj=edge, note=note)
    have = set(ChainEdge.objects.filter(source=link).values_list("target_id", flat=True))
    for target in targets:
        if target.pk not in have:
            add_edge(actor=actor, source=link, target=target, note=note)


def add_edge(*, actor, source: ChainLink, target: ChainLink, note: str = "") -> ChainEdge:
    return core.create(actor=actor, model=ChainEdge, data={"source": source, "target": target}, note=note)


# update_placement(*, actor, linkenterprise, …), update_candidate(*, actor, candidateenterprise, …): by the model's name
create_placement, update_placement, delete_placement = core.services_for(LinkEnterprise)
create_candidate, update_candidate, delete_candidate = core.services_for(CandidateEnterprise)
create_city_mapping, _, delete_city_mapping = core.services_for(CityClusterMapping)
