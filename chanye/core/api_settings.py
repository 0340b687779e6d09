"""API defaults named in settings.REST_FRAMEWORK. Kept apart from chanye.core.api because DRF
imports these while it is itself being imported, before viewsets can be."""

import math

from django.conf import settings
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


def exception_handler(exc, context):
    """DRF's handler, with the 429's message in Chinese (DRF's says it in English)."""
    from rest_framework.views import exception_handler as drf_handler  # DRF's views import this module

    if isinstance(exc, exceptions.Throttled):
        wait = f"，请 {math.ceil(exc.wait)} 秒后再试" if exc.wait is not None else ""
        exc.detail = f"请求过于频繁{wait}"
    return drf_handler(exc, context)
