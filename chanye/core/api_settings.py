"""API defaults named in settings.REST_FRAMEWORK. Kept apart from chanye.core.api because DRF
imports these while it is itself being imported, before viewsets can be."""

from rest_framework import pagination, permissions

from chanye.core import roles


class HasRole(permissions.BasePermission):
    """Authenticated and holding one of the five roles (401 without credentials, 403 without a role)."""

    message = "您的账户尚未分配角色"

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return roles.has_role(request.user)


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
