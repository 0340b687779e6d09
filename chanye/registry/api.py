from rest_framework import routers, serializers

from chanye.core.api import RegionRelatedField, RestrictedViewSet
from chanye.reference.models import IndustryCode

from . import services
from .filters import ClusterFilter, DesignationFilter, EnterpriseFilter, ParkFilter
from .models import Citation, Cluster, Designation, Enterprise, Park


class CitationSerializer(serializers.ModelSerializer):
    source = serializers.StringRelatedField()

    class Meta:
        model = Citation
        fields = ["source", "heading", "quote"]


class ClusterSerializer(serializers.ModelSerializer):
    office_name = serializers.StringRelatedField(source="office", read_only=True, allow_null=True)  # no office: null
    citations = CitationSerializer(many=True, read_only=True)
    region = RegionRelatedField()

    class Meta:
        model = Cluster
        fields = ["id", "name", "region", "kind", "office", "office_name", "description", "order", "peers", "citations"]
        extra_kwargs = {"peers": {"required": False}}
        validators = []  # a name unique in its region: checked by the service's model validation, region defaulted


class EnterpriseSerializer(serializers.ModelSerializer):
    cluster_names = serializers.StringRelatedField(source="clusters", many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    region = RegionRelatedField()
    industry_code = serializers.SlugRelatedField(
        slug_field="code", queryset=IndustryCode.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "short_name",
            "aliases",
            "credit_code",
            "region",
            "industry_code",
            "clusters",
            "cluster_names",
            "role",
            "listing_exchange",
            "listing_board",
            "listing_date",
            "listing_note",
            "park",
            "citations",
        ]


class ParkSerializer(serializers.ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)
    region = RegionRelatedField()

    class Meta:
        model = Park
        fields = ["id", "name", "region", "kind", "location", "clusters", "citations"]
        validators = []  # a name unique in its region: checked by the service's model validation, region defaulted


class DesignationSerializer(serializers.ModelSerializer):
    citations = CitationSerializer(many=True, read_only=True)
    region = RegionRelatedField()

    class Meta:
        model = Designation
        fields = [
            "id",
            "holder",
            "holder_kind",
            "region",
            "title",
            "issuer",
            "level",
            "year",
            "date",
            "cluster",
            "enterprise",
            "park",
            "citations",
        ]


class ClusterViewSet(RestrictedViewSet):
    queryset = Cluster.objects.all()
    serializer_class = ClusterSerializer
    filterset_class = ClusterFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related("office", "region").prefetch_related("citations__source", "peers")


class EnterpriseViewSet(RestrictedViewSet):
    queryset = Enterprise.objects.all()
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    services = services

    def optimise(self, queryset):
        return queryset.select_related("region", "industry_code").prefetch_related("clusters", "citations__source")


class ParkViewSet(RestrictedViewSet):
    queryset = Park.objects.all()
    serializer_class = ParkSerializer
    filterset_class = ParkFilter
    services = services

    def optimise(self, queryset):
        return queryset.prefetch_related("clusters", "citations__source")


class DesignationViewSet(RestrictedViewSet):
    queryset = Designation.objects.all()
    serializer_class = DesignationSerializer
    filterset_class = DesignationFilter
    services = services

    def optimise(self, queryset):
        return queryset.prefetch_related("citations__source")


router = routers.DefaultRouter()
router.register("clusters", ClusterViewSet)
router.register("enterprises", EnterpriseViewSet)
router.register("parks", ParkViewSet)
router.register("designations", DesignationViewSet)
