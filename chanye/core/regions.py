"""Regions as a dimension of everything: the instance's own region, each account's scope, and the
loading of the division codes.

An instance serves one region, its *home* (CHANYE_REGION: a district by default, 大渡口区, or a city of
many districts). Records of the home and the regions in it are the instance's own; records of any
other region are *peers'* (对标): kept with their sources, read by everyone, never summed into the
instance's totals. An account works for a region (its Profile; none: the home): it sees and writes the
records of that region and the regions in it, and reads and records peers' figures. A district's
产业办 in a city instance therefore sees nothing of another district; a city account sees them all.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from chanye.lib.gazetteer import CITY, COUNTY, PROVINCE, ZONE, Gazetteer

from .models import Profile, Region

_HOME_PK: dict[tuple[str, str], int] = {}


def home_region() -> Region:
    """The region this instance serves (CHANYE_REGION, a 区划代码 or a name)."""
    wanted = settings.CHANYE_REGION
    region = Region.objects.filter(code=wanted).first() or Region.objects.named(wanted)
    if region is None:
        raise ImproperlyConfigured(f"CHANYE_REGION={wanted!r} 不是已载入的区域：请运行 `chanye regions load`")
    return region


def user_region(user) -> Region:
    """The region an account works for; an account without one works for the home region."""
    cached = getattr(user, "_chanye_region", None)
    if cached is None:
        profile = Profile.objects.filter(user=user).select_related("region").first() if user.pk else None
        cached = profile.region if profile and profile.region_id else home_region()
        user._chanye_region = cached
    return cached


@dataclass(frozen=True)
class Scope:
    """Where an account may look: its own region's subtree, plus every region outside the instance."""

    region: Region
    home: Region

    @property
    def is_whole_instance(self) -> bool:
        return self.region.path == self.home.path or self.region.contains(self.home)

    def q(self, field: str) -> Q:
        """Rows whose region (reached through `field`) is in this scope."""
        own = Q(**{f"{field}__in": Region.objects.filter(path__startswith=self.region.path).values("pk")})
        outside = ~Q(**{f"{field}__path__startswith": self.home.path})
        return own | outside

    def allows(self, region: Region) -> bool:
        return self.region.contains(region) or not self.home.contains(region)

    def is_peer(self, region: Region) -> bool:
        """A region outside the instance: its figures are peers' (对标), never the instance's own."""
        return not self.home.contains(region)


def scope_of(user) -> Scope:
    """The account's scope, kept on the user object (one per request): a page asks for it several times
    (the cockpit five), each time two queries otherwise. Keyed by CHANYE_REGION, which tests change."""
    wanted = settings.CHANYE_REGION
    cached = getattr(user, "_chanye_scope", None)
    if cached is None or cached[0] != wanted:
        cached = (wanted, Scope(region=user_region(user), home=home_region()))
        if user is not None:
            user._chanye_scope = cached
    return cached[1]


def is_peer(region: Region) -> bool:
    return not home_region().contains(region)


# -- loading the division codes --------------------------------------------------------------------


def load_regions(gazetteer: Gazetteer | None = None, region_model=Region) -> dict:
    """Create or update every place of the gazetteer (provinces, cities, counties, then zones), parents
    first, in bulk; regions a user added are left as they are. Returns {"created": n, "updated": n}.
    Repeatable. `region_model` lets a data migration pass its historical model."""
    gazetteer = gazetteer or Gazetteer.load()
    existing = {_key(r.code, r.name): r for r in region_model.objects.all()}
    created = updated = 0
    by_key: dict[str, object] = {}
    for level in (PROVINCE, CITY, COUNTY, ZONE):
        new, changed = [], []
        for place in (p for p in gazetteer.places if p.level == level):
            parent = by_key.get(place.parent) if place.parent else None
            fields = {
                "name": place.name,
                "short_name": place.short,
                "level": place.level,
                "parent": parent,
                "aliases": "、".join(place.aliases),
                "path": f"{parent.path if parent is not None else '/'}",  # the region's own id follows
            }
            region = existing.get(_key(place.code, place.name))
            if region is None:
                region = region_model(code=place.code, **fields)
                new.append(region)
            else:
                fields["path"] = f"{fields['path']}{region.pk}/"
                if any(getattr(region, name) != value for name, value in fields.items()):
                    for name, value in fields.items():
                        setattr(region, name, value)
                    changed.append(region)
            by_key[place.key] = region
        region_model.objects.bulk_create(new)
        for region in new:
            region.path = f"{region.path}{region.pk}/"
        region_model.objects.bulk_update(new, ["path"])
        region_model.objects.bulk_update(changed, ["name", "short_name", "level", "parent", "aliases", "path"])
        created, updated = created + len(new), updated + len(changed)
    _HOME_PK.clear()  # the home region may have been made again (a test database flushed and reloaded)
    return {"created": created, "updated": updated}


def _key(code: str | None, name: str) -> str:
    return code or f"zone:{name}"


def home_region_pk() -> int:
    """The home region's id, the default region of every new record. Kept per database, since a
    model's default is read each time a record is made (a million-row import makes a million)."""
    from django.db import connection

    key = (str(connection.settings_dict["NAME"]), settings.CHANYE_REGION)
    if key not in _HOME_PK:
        _HOME_PK[key] = home_region().pk
    return _HOME_PK[key]


def peer_q(field: str) -> Q:
    """Rows whose region (reached through `field`) lies outside the instance: peers' records."""
    return ~Q(**{f"{field}__path__startswith": home_region().path})


__all__ = [
    "COUNTY",
    "Scope",
    "home_region",
    "home_region_pk",
    "is_peer",
    "load_regions",
    "peer_q",
    "scope_of",
    "user_region",
]
