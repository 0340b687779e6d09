"""/api/v1/visits/, /api/v1/appeals/ (status changes: POST /api/v1/appeals/<id>/status/) and the
signed-in user's /api/v1/notifications/. Same `restrict` rules and services as the pages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, routers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from chanye.core.api import RestrictedViewSet
from chanye.core.api_settings import as_api_error
from chanye.core.querysets import CHANGE, VIEW

from . import services
from .filters import AppealFilter, VisitFilter
from .forms import users_with_a_role
from .models import Appeal, Notification, Visit, user_label


class VisitSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    officials = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=users_with_a_role())
    official_names = serializers.ListField(child=serializers.CharField(), read_only=True)
    recorded_by = serializers.SerializerMethodField()
    appeals = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "date",
            "enterprise",
            "enterprise_name",
            "officials",
            "other_officials",
            "official_names",
            "purpose",
            "notes",
            "recorded_by",
            "created_at",
            "appeals",
        ]

    def get_recorded_by(self, visit) -> str:
        return user_label(visit.recorded_by)

    def get_appeals(self, visit) -> list[int]:
        """The appeals raised during the visit that the requesting user may see."""
        user = self.context["request"].user
        return list(Appeal.objects.restrict(user, VIEW).filter(visit=visit).values_list("pk", flat=True))


class DeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    days = serializers.IntegerField()
    due = serializers.DateField()
    met_on = serializers.DateField()
    state = serializers.CharField()
    overdue = serializers.BooleanField()
    estimated = serializers.BooleanField()


# Read-only here: an appeal's status changes only through POST …/status/ (services.change_appeal_status),
# which also stamps its milestones (first response, assessment, closing); registration stamps created_at.
STATUS = ["status", "reason", "resolution", "satisfaction"]
MILESTONES = ["responded_at", "assessed_at", "closed_at", "created_at"]


class AppealSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    assignee = serializers.PrimaryKeyRelatedField(required=False, allow_null=True, queryset=users_with_a_role())
    assignee_name = serializers.SerializerMethodField()
    received_on = serializers.DateField(required=False)
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Appeal
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "visit",
            "category",
            "description",
            "office",
            "office_name",
            "assignee",
            "assignee_name",
            *STATUS,
            "received_on",
            *MILESTONES,
            "deadlines",
        ]
        read_only_fields = [*STATUS, *MILESTONES]

    def get_assignee_name(self, appeal) -> str:
        return user_label(appeal.assignee)

    def get_deadlines(self, appeal) -> list[dict]:
        return DeadlineSerializer(appeal.deadlines(), many=True).data


class AppealStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Appeal.Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    satisfaction = serializers.CharField(required=False, allow_blank=True, default="")
    resolution = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class VisitViewSet(RestrictedViewSet):
    queryset = Visit.objects.all()
    serializer_class = VisitSerializer
    filterset_class = VisitFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related("enterprise", "recorded_by").prefetch_related("officials")


class AppealViewSet(RestrictedViewSet):
    """Appeals the user may see. Status, reason, satisfaction and milestones are read-only here:
    change them with `POST /api/v1/appeals/<id>/status/` {"status", "reason", "satisfaction", "resolution", "note"}."""

    queryset = Appeal.objects.all()
    serializer_class = AppealSerializer
    filterset_class = AppealFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related("enterprise", "office", "assignee")

    @extend_schema(request=AppealStatusSerializer, responses=AppealSerializer)
    @action(detail=True, methods=["post"], url_path="status", serializer_class=AppealStatusSerializer)
    def change_status(self, request, pk=None):
        appeal = self.get_object()  # 404 when the user may not see it
        self._require(appeal, CHANGE)  # 403 when they may see but not change it
        payload = AppealStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            appeal = services.change_appeal_status(actor=request.user, appeal=appeal, **payload.validated_data)
        except (DjangoPermissionDenied, DjangoValidationError) as error:
            raise as_api_error(error) from error
        return Response(AppealSerializer(appeal, context=self.get_serializer_context()).data)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "text", "link", "created", "read_at"]


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="标为已读的通知数")


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own notifications (`?unread=1` for the unread ones)."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer

    def get_queryset(self):
        queryset = Notification.objects.for_recipient(self.request.user)
        return queryset.unread() if self.request.query_params.get("unread") in {"1", "true"} else queryset

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        services.mark_read(actor=request.user, notifications=[notification])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": services.mark_read(actor=request.user)})


router = routers.DefaultRouter()
router.register("visits", VisitViewSet)
router.register("appeals", AppealViewSet)
router.register("notifications", NotificationViewSet)
