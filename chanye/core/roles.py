"""The five roles. Each is a Django auth Group of the same name, created by a migration.

管理员 everything · 领导 reads everything, writes nothing · 产业办 edits the clusters its office
owns and their enterprises · 招商局 edits investment projects · 统计 edits statistical observations.
"""

ADMIN = "管理员"
LEADER = "领导"
INDUSTRY_OFFICE = "产业办"
INVESTMENT = "招商局"
STATISTICS = "统计"

ALL = (ADMIN, LEADER, INDUSTRY_OFFICE, INVESTMENT, STATISTICS)


def roles_of(user) -> frozenset[str]:
    """The user's role names, read once per user object (one query per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_chanye_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ALL).values_list("name", flat=True))
        if user.is_superuser:
            cached |= {ADMIN}
        user._chanye_roles = cached
    return cached


def has_role(user) -> bool:
    return bool(roles_of(user))


def is_admin(user) -> bool:
    return ADMIN in roles_of(user)


def has(user, role: str) -> bool:
    return role in roles_of(user)
