"""The client's address, behind a reverse proxy or not: what the login lockout (axes'
AXES_CLIENT_IP_CALLABLE) and the API's throttles count by."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR; with CHANYE_PROXY_HEADER set, the address our proxies put in that header: the one
    CHANYE_PROXY_COUNT places from its right end (a client may prepend anything, but not append after
    our proxy). A header missing or malformed falls back to REMOTE_ADDR, the proxy itself."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.CHANYE_PROXY_HEADER
    if not header:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    values = [v.strip() for v in request.META.get(key, "").split(",") if v.strip()]
    count = max(settings.CHANYE_PROXY_COUNT, 1)
    if len(values) < count:
        return remote
    try:
        return str(ipaddress.ip_address(values[-count]))
    except ValueError:
        return remote
