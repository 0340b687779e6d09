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


# create_cluster(*, actor, data, note=""), update_cluster(*, actor, cluster, data, note=""), delete_cluster(*, actor, cluster), …
create_cluster, update_cluster, delete_cluster = core.services_for(Cluster)
create_enterprise, update_enterprise, delete_enterprise = core.services_for(Enterprise)
create_park, update_park, delete_park = core.services_for(Park)
create_designation, update_designation, delete_designation = core.services_for(Designation)


def cite(*, actor, source: Source, heading: str, quote: str) -> Citation:
    """The citation for a quote, created once and then reused by every record it supports."""
    existing = Citation.objects.filter(source=source, heading=heading, quote=quote).first()
    data = {"source": source, "heading": heading, "quote": quote}
    return existing or core.create(actor=actor, model=Citation, data=data, note="引用")


def create_source(*, actor, data: dict, note: str = "") -> Source:
    return core.create(actor=actor, model=Source, data=data, note=note)
