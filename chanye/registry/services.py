"""Every write on the registry. Keyword-only; each owns its transaction and audit entry
(through chanye.core.services) and checks the actor's permission."""

from django.core.exceptions import PermissionDenied, ValidationError

from chanye.core import roles
from chanye.core import services as core
from chanye.core.regions import is_peer

from .models import Citation, Cluster, Designation, Enterprise, Park, Source, keeps_peers

PEER_MODELS = (Cluster, Enterprise, Park)


def may_create_peer(actor, region) -> bool:
    """Whether the actor may create a cluster, enterprise or park of `region` from a peer's figure."""
    if actor is not None and not (roles.is_admin(actor) or keeps_peers(actor)):
        return False
    return region is not None and is_peer(region)


def create_peer(*, actor, model, data: dict, note: str = ""):
    """A cluster, enterprise or park of a region outside the instance (对标), created by whoever records
    peers' figures: 江津区's 新材料 cluster, read in a news article, so that its figure has a subject."""
    if model not in PEER_MODELS:
        raise ValueError(f"not a peer record: {model}")
    region = data.get("region")
    if region is None or not is_peer(region):
        raise ValidationError("只能新建本区域以外（对标区域）的集群、企业或载体")
    if not may_create_peer(actor, region):
        raise PermissionDenied("您没有新建对标区域记录的权限")
    return core.create(actor=actor, model=model, data=data, note=note, checked=True)


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
