"""Every write on the registry. Keyword-only; each owns its transaction and audit entry
(through chanye.core.services) and checks the actor's permission."""

from chanye.core import services as core

from .models import Citation, Cluster, Designation, Enterprise, Park, Source


def create_cluster(*, actor, data: dict, note: str = "") -> Cluster:
    return core.create(actor=actor, model=Cluster, data=data, note=note)


def update_cluster(*, actor, cluster: Cluster, data: dict, note: str = "") -> Cluster:
    return core.update(actor=actor, obj=cluster, data=data, note=note)


def delete_cluster(*, actor, cluster: Cluster) -> None:
    core.delete(actor=actor, obj=cluster)


def create_enterprise(*, actor, data: dict, note: str = "") -> Enterprise:
    return core.create(actor=actor, model=Enterprise, data=data, note=note)


def update_enterprise(*, actor, enterprise: Enterprise, data: dict, note: str = "") -> Enterprise:
    return core.update(actor=actor, obj=enterprise, data=data, note=note)


def delete_enterprise(*, actor, enterprise: Enterprise) -> None:
    core.delete(actor=actor, obj=enterprise)


def create_park(*, actor, data: dict, note: str = "") -> Park:
    return core.create(actor=actor, model=Park, data=data, note=note)


def update_park(*, actor, park: Park, data: dict, note: str = "") -> Park:
    return core.update(actor=actor, obj=park, data=data, note=note)


def delete_park(*, actor, park: Park) -> None:
    core.delete(actor=actor, obj=park)


def create_designation(*, actor, data: dict, note: str = "") -> Designation:
    return core.create(actor=actor, model=Designation, data=data, note=note)


def update_designation(*, actor, designation: Designation, data: dict, note: str = "") -> Designation:
    return core.update(actor=actor, obj=designation, data=data, note=note)


def delete_designation(*, actor, designation: Designation) -> None:
    core.delete(actor=actor, obj=designation)


def cite(*, actor, source: Source, heading: str, quote: str) -> Citation:
    """The citation for a quote, created once and then reused by every record it supports."""
    existing = Citation.objects.filter(source=source, heading=heading, quote=quote).first()
    data = {"source": source, "heading": heading, "quote": quote}
    return existing or core.create(actor=actor, model=Citation, data=data, note="引用")


def create_source(*, actor, data: dict, note: str = "") -> Source:
    return core.create(actor=actor, model=Source, data=data, note=note)
