from chanye.core import roles

from .navigation import menu
from .regions import home_region, user_region


def navigation(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "work_region": user_region(user) if signed_in and roles.has_role(user) else home_region(),
        "nav_menu": menu(user) if user is not None and user.is_authenticated else [],
        "user_roles": sorted(roles.roles_of(user)) if user is not None else [],
        "is_admin": roles.is_admin(user) if user is not None else False,
        "can_read_site_history": bool(roles.roles_of(user) & {roles.ADMIN, roles.LEADER})
        if user is not None
        else False,
    }
