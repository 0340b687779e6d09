"""API defaults named in settings.REST_FRAMEWORK. Kept apart from chanye.core.api because DRF
imports these while it is itself being imported, before viewsets can be."""

import math

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from rest_framework import exceptions, pagination, permissions, throttling

from chanye.core import roles
from chanye.core.addresses import client_address


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


class ClientAddress:
    """The client's address as the login lockout sees it (CHANYE_PROXY_HEADER), not the reverse proxy's."""

    def get_ident(self, request):
        return client_address(request)


class RateFromSettings:
    """Rates read from settings.CHANYE_API_RATES at each request (DRF's own copy is frozen at import),
    and a Chinese message with the wait."""

    def get_rate(self):
        return settings.CHANYE_API_RATES[self.scope]


class AnonymousRate(ClientAddress, RateFromSettings, throttling.AnonRateThrottle):
    """Requests without credentials, counted per client address."""


class UserRate(ClientAddress, RateFromSettings, throttling.UserRateThrottle):
    """Signed-in requests, counted per account."""


class ConflictError(exceptions.APIException):
    """409: the write would repeat a record that exists."""

    status_code = 409
    default_detail = "与已有记录重复，请刷新后重试"
    default_code = "conflict"


def as_api_error(error: Exception) -> exceptions.APIException:
    """A service's refusal as the API answers it: Django's PermissionDenied 403, a repeat (Conflict) 409, any
    other ValidationError 400, each keeping its messages (by field where the error has them). The one
    conversion, used by the viewsets around their service calls and by the exception handler below."""
    from chanye.core.services import Conflict  # the services import models, not loaded when DRF reads this

    if isinstance(error, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(error))
    messages = error.message_dict if hasattr(error, "message_dict") else error.messages
    if isinstance(error, Conflict):
        return ConflictError(messages)
    return exceptions.ValidationError(messages)


def exception_handler(error, context):
    """DRF's own, with Chinese messages, plus a safety net: a repeat the database refused (IntegrityError) is
    409 and a Django validation error raised outside a service call is 400, never a 500. The services check
    first (chanye.core.services.Conflict); this catches what slips past them."""
    from rest_framework.views import exception_handler as drf_handler  # DRF's views import this module

    if isinstance(error, IntegrityError):
        error = ConflictError()
    elif isinstance(error, ValidationError):
        error = as_api_error(error)
    elif isinstance(error, exceptions.Throttled):
        wait = f"，请 {math.ceil(error.wait)} 秒后再试" if error.wait is not None else ""
        error.detail = f"请求过于频繁{wait}"
    return drf_handler(error, context)
