"""API defaults named in settings.REST_FRAMEWORK. Kept apart from chanye.core.api because DRF
imports these while it is itself being imported, before viewsets can be."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
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


class ConflictError(exceptions.APIException):
    """409: the write would repeat a record that exists."""

    status_code = 409
    default_detail = "与已有记录重复，请刷新后重试"
    default_code = "conflict"


def exception_handler(error, context):
    """DRF's own, plus a safety net: a repeat the database refused (IntegrityError) is 409 and a Django
    validation error raised outside a service call is 400, each with a Chinese message, never a 500.
    The services check first (chanye.core.services.Conflict); this catches what slips past them."""
    from rest_framework import views  # it reads the settings that name this module: imported when first used

    from chanye.core.services import Conflict  # the services import models, not loaded when DRF reads this

    if isinstance(error, IntegrityError):
        error = ConflictError()
    elif isinstance(error, Conflict):
        error = ConflictError(error.messages)
    elif isinstance(error, ValidationError):
        error = exceptions.ValidationError(error.messages)
    return views.exception_handler(error, context)
