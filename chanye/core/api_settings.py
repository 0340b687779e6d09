"""API defaults named in settings.REST_FRAMEWORK. Kept apart from chanye.core.api because DRF
imports these while it is itself being imported, before viewsets can be."""

from rest_framework import exceptions, pagination, permissions

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

    def get_page_size(self, request):
        """A page size that is not a positive whole number is refused (400), not silently replaced by 50;
        above 500 it is cut to 500, as documented."""
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not given.isdigit() or int(given) < 1:
            raise exceptions.ValidationError({self.page_size_query_param: [f"每页条数应为正整数，实际为“{given}”"]})
        return min(int(given), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
