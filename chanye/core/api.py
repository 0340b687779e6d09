"""The base of every /api/v1/ endpoint: the same `restrict` rules and services as the pages."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response
from rest_framework.validators import UniqueForDateValidator, UniqueTogetherValidator, UniqueValidator

from chanye.core.api_settings import as_api_error
from chanye.core.models import Region, Regional
from chanye.core.querysets import CHANGE, DELETE, VIEW
from chanye.core.regions import user_region

UNIQUE_VALIDATORS = (UniqueValidator, UniqueTogetherValidator, UniqueForDateValidator)


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "code": {"type": "string", "nullable": True},
            "name": {"type": "string"},
        },
        "description": "写入时可给区划代码、全称或简称（如 500116、江津区、江津）",
    }
)
class RegionRelatedField(serializers.RelatedField):
    """A region: read as {id, code, name}; written as its 区划代码, name or short name (or id)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, region):
        return {"id": region.pk, "code": region.code, "name": region.name}

    def to_internal_value(self, data):
        text = str(data.get("code") or data.get("id") or data.get("name") if isinstance(data, dict) else data).strip()
        region = Region.objects.named(text)
        if region is None and text.isdigit():
            region = Region.objects.filter(pk=int(text)).first()
        if region is None:
            raise serializers.ValidationError(f"找不到区域“{text}”：请给区划代码、全称或简称")
        return region


class RestrictedReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Reads through `restrict(user, "view")`: an object the user cannot see is 404."""

    def get_queryset(self):
        queryset = self.queryset.model._default_manager.restrict(self.request.user, VIEW)
        if q := self.request.query_params.get("q", "").strip():
            queryset = queryset.search(q)
        return self.optimise(queryset)

    def optimise(self, queryset):
        return queryset

    def handle_exception(self, exc):
        """A record deleted by another request while this one read it (a placement whose link went): 404."""
        if isinstance(exc, ObjectDoesNotExist):
            exc = exceptions.NotFound()
        return super().handle_exception(exc)

    def _require(self, obj, action: str) -> None:
        """One the user can see but not change is 403."""
        manager = type(obj)._default_manager
        if not manager.restrict(self.request.user, action).filter(pk=obj.pk).exists():
            raise exceptions.PermissionDenied(f"您没有{'删除' if action == DELETE else '修改'}“{obj}”的权限")


def leave_uniqueness_to_the_service(serializer) -> None:
    """DRF checks unique fields while validating, before any permission: an 产业办 posting another office's
    chain again would learn from its 400 that the chain exists. The service checks uniqueness after the
    permission and the scope, and answers a repeat with 409 (chanye.core.services.Conflict)."""
    serializer.validators = [v for v in serializer.validators if not isinstance(v, UNIQUE_VALIDATORS)]
    for field in serializer.fields.values():
        field.validators = [v for v in field.validators if not isinstance(v, UNIQUE_VALIDATORS)]


class ServiceCreateMixin(mixins.CreateModelMixin):
    """POST through the domain's create service (its permission check, transaction and audit entry)."""

    create_service = None

    def create(self, request, *args, **kwargs):
        self._require_add()  # before the body is validated: who may not add learns nothing from its errors
        return super().create(request, *args, **kwargs)

    def _require_add(self) -> None:
        model = self.queryset.model
        if not model._default_manager.can_add(self.request.user):
            raise exceptions.PermissionDenied(f"您没有新建{model._meta.verbose_name}的权限")

    def perform_create(self, serializer):
        model = self.queryset.model
        self._require_add()
        data = serializer.validated_data
        if issubclass(model, Regional) and "region" not in data and "region" in serializer.fields:
            data = {**data, "region": user_region(self.request.user)}  # as the pages do: the user's region
        try:
            serializer.instance = type(self).create_service(actor=self.request.user, data=data)
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise as_api_error(error) from error


class ServiceUpdateMixin(mixins.UpdateModelMixin):
    """PUT and PATCH through the domain's update service."""

    update_service = None

    def perform_update(self, serializer):
        self._require(serializer.instance, CHANGE)
        name = serializer.instance._meta.model_name
        try:
            serializer.instance = type(self).update_service(
                actor=self.request.user, data=serializer.validated_data, **{name: serializer.instance}
            )
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise as_api_error(error) from error


class ServiceDestroyMixin(mixins.DestroyModelMixin):
    """DELETE through the domain's delete service."""

    delete_service = None

    def perform_destroy(self, instance):
        self._require(instance, DELETE)
        try:
            type(self).delete_service(actor=self.request.user, **{instance._meta.model_name: instance})
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise as_api_error(error) from error


class RestrictedViewSet(ServiceCreateMixin, ServiceUpdateMixin, ServiceDestroyMixin, RestrictedReadViewSet):
    """Reads through `restrict(user, "view")`; writes through the domain's service functions.

    An object the user cannot see is 404; one they can see but not change is 403.
    """

    # (Not in the docstring: drf-spectacular publishes it in the API schema.) `services`, the domain's
    # services module, gives the three writes by name, as for the pages (chanye.core.views.Crud):
    # `create_<name>`, `update_<name>`, `delete_<name>`, the name being `service_name` or the model's.
    services = None
    service_name = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.services is not None:
            name = cls.service_name or cls.queryset.model._meta.model_name
            for verb in ("create", "update", "delete"):
                setattr(cls, f"{verb}_service", getattr(cls.services, f"{verb}_{name}"))

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action in ("create", "update", "partial_update"):
            leave_uniqueness_to_the_service(serializer)
        return serializer


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/ (an id that is not a number, a misspelt collection): 404 in
    JSON like the rest of the API, not the site's HTML page."""
    return Response({"detail": exceptions.NotFound.default_detail}, status=404)
