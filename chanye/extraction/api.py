"""GET /api/v1/facts/: the proposed facts with their status, evidence and the record an accepted one
became; POST /api/v1/facts/<id>/accept/ and /reject/ decide one (same services and rules as the pages)."""

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import routers, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from chanye.core.api import RestrictedReadViewSet, _as_api_error

from . import services
from .models import ExtractedFact


class FactSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="key", read_only=True)
    record = serializers.SerializerMethodField()

    class Meta:
        model = ExtractedFact
        fields = [
            "id",
            "document",
            "kind",
            "status",
            "subject",
            "cluster",
            "enterprise",
            "park",
            "is_district",
            "indicator",
            "value",
            "unit",
            "qualifier",
            "period_start",
            "period_end",
            "yoy_pct",
            "target_year",
            "projects",
            "extra",
            "evidence",
            "span_start",
            "span_end",
            "confidence",
            "decided_by",
            "decided_at",
            "decision_note",
            "record",
        ]

    def get_record(self, fact) -> dict | None:
        if fact.record_type_id is None:
            return None
        return {"type": fact.record_type.model, "id": fact.record_id}


class FactViewSet(RestrictedReadViewSet):
    queryset = ExtractedFact.objects.all()
    serializer_class = FactSerializer
    filterset_fields = ["document", "kind", "status", "cluster"]

    def optimise(self, queryset):
        return queryset.select_related("indicator", "record_type")

    def _decide(self, request, decide):
        fact = self.get_object()
        self._require(fact, "change")
        try:
            fact = decide(actor=request.user, fact=fact, note=str(request.data.get("note", "")))
        except (PermissionDenied, ValidationError) as error:
            raise _as_api_error(error) from error
        return Response(FactSerializer(fact).data)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, services.accept_fact)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.reject_fact)


router = routers.DefaultRouter()
router.register("facts", FactViewSet)
