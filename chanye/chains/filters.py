import django_filters

from chanye.core.filters import StyledFilterSet
from chanye.registry.models import Cluster

from .models import CandidateEnterprise, Chain, ChainLink


class ChainFilter(StyledFilterSet):
    cluster = django_filters.ModelChoiceFilter(queryset=Cluster.objects.all(), label="所属集群")

    class Meta:
        model = Chain
        fields = ["cluster"]


class ChainLinkFilter(StyledFilterSet):
    segment = django_filters.ChoiceFilter(choices=ChainLink.Segment.choices, label="区段")

    class Meta:
        model = ChainLink
        fields = ["chain", "segment", "is_extension"]


class CandidateFilter(StyledFilterSet):
    size = django_filters.ChoiceFilter(choices=CandidateEnterprise.Size.choices, label="规模")
    industry_code = django_filters.CharFilter(lookup_expr="startswith", label="行业代码")
    region = django_filters.CharFilter(lookup_expr="icontains", label="地区")

    class Meta:
        model = CandidateEnterprise
        fields = ["industry_code", "region", "size"]
