from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, routers, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from chanye.core.api import RegionRelatedField, RestrictedViewSet

from . import reports, services
from .filters import ProjectFilter
from .models import STAGE_DATE_FIELD, Project, ServiceEntry, Signing, SigningEvent

# Set only by moving a project through the pipeline (services.change_stage; POST …/stage/): read-only here.
PIPELINE = ["stage", *STAGE_DATE_FIELD.values(), "termination_reason"]


class ProjectSerializer(serializers.ModelSerializer):
    funds_in_place = serializers.SerializerMethodField()
    region = RegionRelatedField()

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "investor",
            "investor_name",
            "region",
            "cluster",
            "chain_link",
            *PIPELINE,
            "planned_investment",
            "contract_investment",
            "funds_in_place",
            "expected_output",
            "land_mu",
            "park",
            "office",
            "task_force",
            "task_force_lead",
            "task_force_members",
            "next_action",
            "next_action_due",
            "last_activity_on",
            "note",
        ]
        read_only_fields = [*PIPELINE, "last_activity_on"]

    def get_funds_in_place(self, project) -> str:
        return str(sum((f.amount for f in project.funds.all()), 0))


class StageSerializer(serializers.Serializer):
    to = serializers.CharField()
    on = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FunnelStepSerializer(serializers.Serializer):
    """One stage of the pipeline's funnel (documentation of GET /api/v1/projects/funnel/)."""

    stage = serializers.CharField()
    reached = serializers.IntegerField()
    conversion_pct = serializers.FloatField(allow_null=True, help_text="到达本阶段的项目中进入下一阶段的比例")
    median_days = serializers.FloatField(allow_null=True, help_text="本阶段到下一阶段的天数中位数")
    measured = serializers.IntegerField()


class ServiceEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceEntry
        fields = ["id", "project", "on", "kind", "office", "text", "entered_by"]
        read_only_fields = ["entered_by"]


class SigningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signing
        fields = ["id", "event", "project", "contract_investment"]


class SigningEventSerializer(serializers.ModelSerializer):
    totals = serializers.SerializerMethodField()

    class Meta:
        model = SigningEvent
        fields = [
            "id",
            "name",
            "date",
            "date_note",
            "venue",
            "announced_projects",
            "announced_investment",
            "announced_basis",
            "totals",
        ]

    def get_totals(self, event) -> dict:
        t = reports.signing_totals([event])[0]
        return {
            "counted_projects": t.counted_projects,
            "counted_investment": str(t.counted_investment),
            "known_projects": t.known_projects,
            "complete": t.complete,
            "missing_projects": t.missing_projects,
        }


class ProjectViewSet(RestrictedViewSet):
    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    services = services

    def optimise(self, queryset):
        return queryset.prefetch_related("funds", "task_force_members")

    @extend_schema(request=StageSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"], serializer_class=StageSerializer)
    def stage(self, request, pk=None):
        """Move the project to another stage, under the pipeline's rules."""
        project = self.get_object()
        self._require(project, "change")
        data = StageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            project = services.change_stage(actor=request.user, project=project, **data.validated_data)
        except DjangoValidationError as error:
            raise exceptions.ValidationError(error.messages) from error
        return Response(ProjectSerializer(project).data)

    @extend_schema(responses=FunnelStepSerializer(many=True))
    @action(detail=False, pagination_class=None)
    def funnel(self, request):
        steps = reports.funnel(self.filter_queryset(self.get_queryset()))
        return Response([step.__dict__ for step in steps])


class ServiceEntryViewSet(RestrictedViewSet):
    queryset = ServiceEntry.objects.all()
    serializer_class = ServiceEntrySerializer
    filterset_fields = ["project", "kind", "office"]
    services = services


class SigningEventViewSet(RestrictedViewSet):
    queryset = SigningEvent.objects.all()
    serializer_class = SigningEventSerializer
    services = services


class SigningViewSet(RestrictedViewSet):
    queryset = Signing.objects.all()
    serializer_class = SigningSerializer
    filterset_fields = ["event", "project"]
    services = services


router = routers.DefaultRouter()
router.register("projects", ProjectViewSet)
router.register("project-service-log", ServiceEntryViewSet)
router.register("signings", SigningEventViewSet)
router.register("signed-projects", SigningViewSet)
