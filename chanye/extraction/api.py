"""GET /api/v1/facts/: the proposed facts with their status, evidence and the record an accepted one
became; POST /api/v1/facts/<id>/accept/ and /reject/ decide one, POST /api/v1/facts/<id>/resolve/ says
what its subject is (same services and rules as the pages):
{"cluster": id} | {"enterprise": id} | {"park": id} | {"region": "江津区" or "500116"} [+ "remember": false],
or {"new": "cluster" | "enterprise" | "park"} to create it (a peer region's record)."""

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import routers, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from chanye.core.api import RestrictedReadViewSet
from chanye.core.api_settings import as_api_error
from chanye.core.models import Region
from chanye.registry.models import Cluster, Enterprise, Park

from . import services
from .models import ExtractedFact


class FactSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="key", read_only=True)
    region = serializers.SerializerMethodField()
    resolved = serializers.BooleanField(source="is_resolved", read_only=True)
    record = serializers.SerializerMethodField()

    class Meta:
        model = ExtractedFact
        fields = [
            "id",
            "document",
            "kind",
            "status",
            *services.SUBJECT_FIELDS,
            "industry",
            "industry_code",
            "entity",
            "entity_kind",
            "resolved",
            "needs_date",
            "region_assumed",
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

    def get_region(self, fact) -> dict | None:
        return {"id": fact.region_id, "name": fact.region.name, "code": fact.region.code} if fact.region else None

    def get_record(self, fact) -> dict | None:
        if fact.record_type_id is None:
            return None
        return {"type": fact.record_type.model, "id": fact.record_id}


class FactViewSet(RestrictedReadViewSet):
    queryset = ExtractedFact.objects.all()
    serializer_class = FactSerializer
    filterset_fields = ["document", "kind", "status", "cluster"]

    def optimise(self, queryset):
        return queryset.select_related("indicator", "record_type", "region")

    def _decide(self, request, decide):
        fact = self.get_object()
        self._require(fact, "change")
        try:
            fact = decide(actor=request.user, fact=fact, note=str(request.data.get("note", "")))
        except (PermissionDenied, ValidationError) as error:
            raise as_api_error(error) from error
        return Response(FactSerializer(fact).data)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, services.accept_fact)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, services.reject_fact)

    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        fact = self.get_object()
        self._require(fact, "change")
        try:
            if kind := request.data.get("new"):
                fact = services.create_subject(actor=request.user, fact=fact, kind=str(kind))
            else:
                fact = services.resolve_fact(
                    actor=request.user,
                    fact=fact,
                    target=_target(request.user, request.data),
                    remember=request.data.get("remember", True) not in (False, "false", "0"),
                )
        except (PermissionDenied, ValidationError) as error:
            raise as_api_error(error) from error
        return Response(FactSerializer(fact).data)


def _target(user, data):
    """The record named in a resolve request: exactly one of cluster, enterprise, park (ids the user
    may read) or region (a name, short name or code)."""
    named = [name for name in ("cluster", "enterprise", "park", "region") if data.get(name) not in (None, "")]
    if len(named) != 1:
        raise ValidationError("请给出且只给出 cluster、enterprise、park、region 之一")
    name, value = named[0], data[named[0]]
    if name == "region":
        region = Region.objects.named(str(value))
        if region is None:
            raise ValidationError(f"没有区域“{value}”")
        return region
    model = {"cluster": Cluster, "enterprise": Enterprise, "park": Park}[name]
    if not str(value).isdigit() or (record := model.objects.restrict(user).filter(pk=int(value)).first()) is None:
        raise ValidationError(f"没有可见的{model._meta.verbose_name}“{value}”")
    return record


router = routers.DefaultRouter()
router.register("facts", FactViewSet)
