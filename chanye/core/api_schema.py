"""The OpenAPI schema of /api/v1/ (settings.REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]): drf-spectacular's, with
the error answers every operation can give declared, so that a client (and schemathesis in CI,
scripts/api_contract.sh) can rely on the status codes and bodies the schema lists."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent

# DRF's error bodies: {"detail": "…"} (permission, not found, conflict), {"field": ["…"]} (validation),
# or ["…"] (a validation error that belongs to no field).
ERROR_SCHEMA = {
    "oneOf": [{"type": "object", "additionalProperties": True}, {"type": "array", "items": {"type": "string"}}],
    "description": '错误说明：{"detail": "…"}、{字段: ["…"]} 或 ["…"]（中文）',
}

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(SpectacularAutoSchema):
    """Adds to each operation the errors it can answer with, beside its success:

    - 400 when it takes a body or query parameters (validation, a malformed filter or page size),
      and for DELETE (a record still referred to);
    - 401 without credentials, 403 without the role or the permission;
    - 404 when it names a record (a path parameter) or a page of a list;
    - 409 for writes: the record conflicts with one that exists (a duplicate);
    - 414 when it takes query parameters: a request line too long for gunicorn (HTML, from the server)."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        error = self._error_component()
        parameters = operation.get("parameters", [])
        in_path = any(p.get("in") == "path" for p in parameters)
        in_query = any(p.get("in") == "query" for p in parameters)
        statuses = {"401": "未登录或令牌无效", "403": "没有权限"}
        if self.method in WRITES or in_query:
            statuses["400"] = "请求无效（校验未通过）"
        if in_path or in_query:
            statuses["404"] = "记录不存在、不可见，或页码超出范围"
        if self.method in WRITES:
            statuses["409"] = "与已有记录冲突（如重复）"
        responses = operation["responses"]
        for status, description in sorted(statuses.items()):
            responses.setdefault(
                status, {"description": description, "content": {"application/json": {"schema": error}}}
            )
        if in_query:
            # gunicorn answers a request line over 4094 bytes itself, before Django, in HTML.
            responses.setdefault("414", {"description": "请求行过长（超过 4094 字节）", "content": {"text/html": {}}})
        return operation

    def _is_list_view(self, serializer=None) -> bool:
        """A view whose `list` answers one object (the search: a page of hits with counts) says so."""
        if getattr(self.view, "answers_one_object", False):
            return False
        return super()._is_list_view(serializer)

    def _error_component(self) -> dict:
        component = ResolvedComponent(name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA)
        self.registry.register_on_missing(component)
        return component.ref
