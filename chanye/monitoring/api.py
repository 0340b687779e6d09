from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import routers, serializers, viewsets

from chanye.core.api import RegionRelatedField, RestrictedViewSet
from chanye.lib.periods import Period, PeriodError

from . import reports, services
from .filters import ObservationFilter, TargetFilter
from .models import Indicator, Observation, Target

# What a figure is about, as observations and targets give it: its kind and key, its name, its region and
# the cluster, enterprise, park or chain link it is of.
SUBJECT = ["subject_kind", "subject_key", "subject", "region", "cluster", "enterprise", "park", "chain_link"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "key", "name", "unit", "kind", "cycle", "aliases"]


class PeriodField(serializers.Field):
    """A period as Chinese statistics write it ("2023年1-10月"); read back with its dates."""

    def to_representation(self, observation):
        period = observation.period
        return {"label": period.label, "kind": period.kind, "start": period.start_date, "end": period.end_date}

    def to_internal_value(self, data):
        try:
            return {"period": Period.parse(str(data))}  # source="*": merged into validated_data
        except PeriodError as error:
            raise serializers.ValidationError(str(error)) from error


class PeriodFieldSchema(OpenApiSerializerFieldExtension):
    """Written as text, read back as an object with its dates."""

    target_class = PeriodField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {
                "type": "string",
                "description": "统计期，如 2023年1-10月、2023年11月、2023年11月底",
                "example": "2023年1-10月",
            }
        return {
            "type": "object",
            "properties": {
                "label": {"type": "string", "example": "2023年1-10月"},
                "kind": {"type": "string", "example": "ytd"},
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
            },
            "required": ["label", "kind", "start", "end"],
        }


class SourceField(serializers.Field):
    def to_representation(self, observation):
        if observation.citation_id:
            c = observation.citation
            return {"kind": "citation", "source": str(c.source), "heading": c.heading, "quote": c.quote}
        if observation.import_batch_id:
            return {"kind": "import", "file": observation.import_batch.filename, "row": observation.import_row}
        return {"kind": "entered", "user": str(observation.entered_by or "")}


class SourceFieldSchema(OpenApiSerializerFieldExtension):
    """Where a figure comes from: a document's passage, a row of an imported file, or a person."""

    target_class = SourceField

    def map_serializer_field(self, auto_schema, direction):
        def kind(name: str, **properties) -> dict:
            return {
                "type": "object",
                "properties": {"kind": {"type": "string", "enum": [name]}, **properties},
                "required": ["kind", *properties],
            }

        text, nullable_int = {"type": "string"}, {"type": "integer", "nullable": True}
        return {
            "readOnly": True,
            "oneOf": [
                kind("citation", source=text, heading=text, quote=text),
                kind("import", file=text, row=nullable_int),
                kind("entered", user=text),
            ],
        }


class ObservationSerializer(serializers.ModelSerializer):
    period = PeriodField(source="*")
    source = SourceField(source="*", read_only=True)
    subject = serializers.CharField(source="subject_name", read_only=True)
    region = RegionRelatedField()

    class Meta:
        model = Observation
        fields = [
            "id",
            *SUBJECT,
            "indicator",
            "period",
            "value",
            "qualifier",
            "yoy_pct",
            "note",
            "source",
            "entered_by",
            "entered_at",
        ]
        read_only_fields = ["subject_key", "entered_by", "entered_at"]


class TargetSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(source="subject_name", read_only=True)
    progress = serializers.SerializerMethodField()
    region = RegionRelatedField()

    class Meta:
        model = Target
        fields = ["id", *SUBJECT, "indicator", "year", "value", "qualifier", "note", "progress"]
        read_only_fields = ["subject_key"]

    def get_progress(self, target) -> dict:
        observations = self.context.setdefault("_observations", {})
        if target.subject_key not in observations:
            observations[target.subject_key] = reports.subject_observations([target.subject_key])
        p = reports.target_views([target], observations[target.subject_key])[0].progress
        return {
            "status": p.status,
            "reasons": p.reasons,
            "progress_pct": p.progress_pct,
            "level": None
            if p.level is None
            else {"value": p.level.value, "year": p.level.year, "basis": p.level.basis, "estimated": p.level.estimated},
            "growth_pct": p.growth_pct,
            "growth_basis": p.growth_basis,
            "needed_pct": p.needed_pct,
            "projected_year": p.projected_year,
        }


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        return Indicator.objects.restrict(self.request.user, "view")


class ObservationViewSet(RestrictedViewSet):
    queryset = Observation.objects.all()
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related(
            "indicator", "citation__source", "import_batch", "entered_by", "cluster", "enterprise", "park", "chain_link"
        )


class TargetViewSet(RestrictedViewSet):
    queryset = Target.objects.all()
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related("indicator", "cluster", "enterprise", "park")


router = routers.DefaultRouter()
router.register("indicators", IndicatorViewSet)
router.register("observations", ObservationViewSet)
router.register("targets", TargetViewSet)
