from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import routers, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from chanye.core.api import RestrictedViewSet
from chanye.reference.models import IndustryCode

from . import services
from .filters import CandidateFilter, ChainFilter, ChainLinkFilter
from .models import CandidateEnterprise, Chain, ChainLink, LinkEnterprise
from .reports import chain_report, gaps_with_candidates


class PlacementSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = LinkEnterprise
        fields = ["id", "link", "enterprise", "enterprise_name", "role"]


class ChainLinkSerializer(serializers.ModelSerializer):
    industry_codes = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=IndustryCode.objects.filter(level=4)
    )
    downstream = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    placements = PlacementSerializer(many=True, read_only=True)

    class Meta:
        model = ChainLink
        fields = [
            "id",
            "chain",
            "name",
            "segment",
            "is_extension",
            "description",
            "keywords",
            "industry_codes",
            "strategic_categories",
            "downstream",
            "placements",
            "order",
        ]


class ChainSerializer(serializers.ModelSerializer):
    cluster_name = serializers.CharField(source="cluster.name", read_only=True)
    links = ChainLinkSerializer(many=True, read_only=True)

    class Meta:
        model = Chain
        fields = ["id", "cluster", "cluster_name", "name", "description", "order", "links"]


class CandidateSerializer(serializers.ModelSerializer):
    class Meta:
        model = CandidateEnterprise
        fields = ["id", "name", "region", "industry_code", "products", "size"]


class GapEnterpriseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()


class GapCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    region = serializers.CharField()
    industry_code = serializers.CharField()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class GapSerializer(serializers.Serializer):
    link = serializers.IntegerField()
    name = serializers.CharField()
    segment = serializers.CharField()
    status = serializers.CharField()
    action = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    priority = serializers.IntegerField()
    priority_reasons = serializers.ListField(child=serializers.CharField())
    enterprises = GapEnterpriseSerializer(many=True)
    candidates = GapCandidateSerializer(many=True, required=False, help_text="仅当 ?candidates=1")


class LeaderDependenceSerializer(serializers.Serializer):
    leaders = serializers.ListField(child=serializers.CharField())
    tied_enterprises = serializers.IntegerField()
    enterprises = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)
    revenue_share = serializers.FloatField(allow_null=True)


class ChainGapsSerializer(serializers.Serializer):
    """The answer of GET /api/v1/chains/<id>/gaps/ (documentation only)."""

    chain = serializers.IntegerField()
    name = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    leader_dependence = LeaderDependenceSerializer()
    links = GapSerializer(many=True)


def gap_payload(gap, candidates: dict | None) -> dict:
    payload = {
        "link": gap.link.id,
        "name": gap.link.name,
        "segment": gap.link.segment,
        "status": gap.status,
        "action": gap.action,
        "reasons": gap.reasons,
        "priority": gap.score,
        "priority_reasons": gap.score_reasons,
        "enterprises": [{"id": p.enterprise_id, "name": p.name, "role": p.link_role} for p in gap.link.placements],
    }
    if candidates is not None:
        payload["candidates"] = candidates.get(gap.link.id, [])
    return payload


class ChainViewSet(RestrictedViewSet):
    queryset = Chain.objects.all()
    serializer_class = ChainSerializer
    filterset_class = ChainFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related("cluster").prefetch_related(
            "links__industry_codes", "links__downstream", "links__placements__enterprise"
        )

    @extend_schema(
        responses=ChainGapsSerializer,
        parameters=[OpenApiParameter("candidates", bool, description="附上每个缺口的候选企业")],
    )
    @action(detail=True)
    def gaps(self, request, pk=None):
        """Each link's status with reasons, ranked; `?candidates=1` adds the top candidates of each gap."""
        report = chain_report(self.get_object())
        candidates = None
        if request.query_params.get("candidates") in {"1", "true"}:
            candidates = {
                link_id: [
                    {
                        "id": s.candidate.id,
                        "name": s.candidate.name,
                        "region": s.candidate.region,
                        "industry_code": s.candidate.industry_code,
                        "score": s.score,
                        "reasons": s.reasons,
                    }
                    for s in scored
                ]
                for link_id, scored in gaps_with_candidates(report).items()
            }
        dependence = report.dependence
        return Response(
            {
                "chain": report.chain.pk,
                "name": report.chain.name,
                "counts": report.counts(),
                "leader_dependence": {
                    "leaders": dependence.leaders,
                    "tied_enterprises": dependence.tied,
                    "enterprises": dependence.total,
                    "share": dependence.share,
                    "revenue_share": None,
                },
                "links": [gap_payload(g, candidates) for g in report.gaps],
            }
        )


class ChainLinkViewSet(RestrictedViewSet):
    queryset = ChainLink.objects.all()
    serializer_class = ChainLinkSerializer
    filterset_class = ChainLinkFilter
    services = services

    def optimise(self, queryset):
        return queryset.prefetch_related("industry_codes", "downstream", "placements__enterprise")


class PlacementViewSet(RestrictedViewSet):
    queryset = LinkEnterprise.objects.all()
    serializer_class = PlacementSerializer
    filterset_fields = ["link", "enterprise", "role"]
    services = services
    service_name = "placement"

    def optimise(self, queryset):
        return queryset.select_related("enterprise")


class CandidateViewSet(RestrictedViewSet):
    queryset = CandidateEnterprise.objects.all()
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    services = services
    service_name = "candidate"


router = routers.DefaultRouter()
router.register("chains", ChainViewSet)
router.register("chain-links", ChainLinkViewSet)
router.register("chain-placements", PlacementViewSet)
router.register("candidates", CandidateViewSet)
