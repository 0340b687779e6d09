import django_filters

from chanye.core.filters import RegionFilter, StyledFilterSet

from .models import Cluster, Designation, Enterprise, Park


class EnterpriseFilter(StyledFilterSet):
    region = RegionFilter()
    cluster = django_filters.ModelChoiceFilter(field_name="clusters", queryset=Cluster.objects.all(), label="所属集群")
    role = django_filters.ChoiceFilter(choices=Enterprise.Role.choices, label="角色")
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.all(), label="所在载体")
    listed = django_filters.BooleanFilter(method="filter_listed", label="已上市")

    class Meta:
        model = Enterprise
        fields = ["region", "cluster", "role", "park", "listed"]

    def filter_listed(self, queryset, name, value):
        return queryset.exclude(listing_exchange="") if value else queryset.filter(listing_exchange="")


class ParkFilter(StyledFilterSet):
    region = RegionFilter()
    cluster = django_filters.ModelChoiceFilter(field_name="clusters", queryset=Cluster.objects.all(), label="服务集群")
    kind = django_filters.ChoiceFilter(choices=Park.Kind.choices, label="类型")

    class Meta:
        model = Park
        fields = ["region", "cluster", "kind"]


class DesignationFilter(StyledFilterSet):
    region = RegionFilter()
    cluster = django_filters.ModelChoiceFilter(queryset=Cluster.objects.all(), label="相关集群")
    level = django_filters.ChoiceFilter(choices=Designation.Level.choices, label="级别")
    holder_kind = django_filters.ChoiceFilter(choices=Designation.HolderKind.choices, label="获得者类型")

    class Meta:
        model = Designation
        fields = ["region", "cluster", "level", "holder_kind", "year"]


class ClusterFilter(StyledFilterSet):
    region = RegionFilter()
    kind = django_filters.ChoiceFilter(choices=Cluster.Kind.choices, label="类型")

    class Meta:
        model = Cluster
        fields = ["region", "kind", "office"]
