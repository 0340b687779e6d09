"""The base of every /api/v1/ endpoint: the same `restrict` rules and services as the pages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, viewsets

from chanye.core.querysets import CHANGE, DELETE, VIEW


def _as_api_error(error: Exception) -> exceptions.APIException:
    if isinstance(error, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(error))
    if hasattr(error, "message_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError(error.messages)


class RestrictedViewSet(viewsets.ModelViewSet):
    """Reads through `restrict(user, "view")`; writes through the domain's service functions.

    An object the user cannot see is 404; one they can see but not change is 403.
    """

    create_service = update_service = delete_service = None

    def get_queryset(self):
        queryset = self.queryset.model._default_manager.restrict(self.request.user, VIEW)
        if q := self.request.query_params.get("q", "").strip():
            queryset = queryset.search(q)
        return self.optimise(queryset)

    def optimise(self, queryset):
        return queryset

    def _require(self, obj, action: str) -> None:
        manager = type(obj)._default_manager
        if not manager.restrict(self.request.user, action).filter(pk=obj.pk).exists():
            raise exceptions.PermissionDenied(f"您没有{'删除' if action == DELETE else '修改'}“{obj}”的权限")

    def perform_create(self, serializer):
        model = self.queryset.model
        if not model._default_manager.can_add(self.request.user):
            raise exceptions.PermissionDenied(f"您没有新建{model._meta.verbose_name}的权限")
        try:
            serializer.instance = type(self).create_service(actor=self.request.user, data=serializer.validated_data)
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise _as_api_error(error) from error

    def perform_update(self, serializer):
        self._require(serializer.instance, CHANGE)
        name = serializer.instance._meta.model_name
        try:
            serializer.instance = type(self).update_service(
                actor=self.request.user, data=serializer.validated_data, **{name: serializer.instance}
            )
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise _as_api_error(error) from error

    def perform_destroy(self, instance):
        self._require(instance, DELETE)
        try:
            type(self).delete_service(actor=self.request.user, **{instance._meta.model_name: instance})
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise _as_api_error(error) from error
