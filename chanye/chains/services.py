"""Every write on chains, links, their edges and enterprises, and the candidate table.
Keyword-only; each owns its transaction and audit entries through chanye.core.services."""

from django.db import transaction

from chanye.core import services as core

from .models import CandidateEnterprise, Chain, ChainEdge, ChainLink, CityClusterMapping, LinkEnterprise


def create_chain(*, actor, data: dict, note: str = "") -> Chain:
    return core.create(actor=actor, model=Chain, data=data, note=note)


def update_chain(*, actor, chain: Chain, data: dict, note: str = "") -> Chain:
    return core.update(actor=actor, obj=chain, data=data, note=note)


def delete_chain(*, actor, chain: Chain) -> None:
    core.delete(actor=actor, obj=chain)


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


def delete_chainlink(*, actor, chainlink: ChainLink) -> None:
    core.delete(actor=actor, obj=chainlink)


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


def create_placement(*, actor, data: dict, note: str = "") -> LinkEnterprise:
    return core.create(actor=actor, model=LinkEnterprise, data=data, note=note)


def update_placement(*, actor, linkenterprise: LinkEnterprise, data: dict, note: str = "") -> LinkEnterprise:
    return core.update(actor=actor, obj=linkenterprise, data=data, note=note)


def delete_placement(*, actor, linkenterprise: LinkEnterprise) -> None:
    core.delete(actor=actor, obj=linkenterprise)


def create_candidate(*, actor, data: dict, note: str = "") -> CandidateEnterprise:
    return core.create(actor=actor, model=CandidateEnterprise, data=data, note=note)


def update_candidate(
    *, actor, candidateenterprise: CandidateEnterprise, data: dict, note: str = ""
) -> CandidateEnterprise:
    return core.update(actor=actor, obj=candidateenterprise, data=data, note=note)


def delete_candidate(*, actor, candidateenterprise: CandidateEnterprise) -> None:
    core.delete(actor=actor, obj=candidateenterprise)


def create_city_mapping(*, actor, data: dict, note: str = "") -> CityClusterMapping:
    return core.create(actor=actor, model=CityClusterMapping, data=data, note=note)


def delete_city_mapping(*, actor, cityclustermapping: CityClusterMapping) -> None:
    core.delete(actor=actor, obj=cityclustermapping)
