import django_filters

from chanye.core.filters import StyledFilterSet
from chanye.registry.models import Cluster

from .models import SUBJECT_KINDS, Indicator, Observation, Target


class FigureFilter(StyledFilterSet):
    subject_kind = django_filters.ChoiceFilter(choices=SUBJECT_KINDS, label="主体类型")
    cluster = django_filters.ModelChoiceFilter(queryset=Cluster.objects.all(), label="产业集群")
    indicator = django_filters.ModelChoiceFilter(queryset=Indicator.objects.all(), label="指标")
    subject = django_filters.CharFilter(field_name="subject_key", label="主体标识", help_text="如 cluster:3")


class ObservationFilter(FigureFilter):
    period_from = django_filters.DateFilter(field_name="period_end", lookup_expr="gte", label="期间结束不早于")
    period_to = django_filters.DateFilter(field_name="period_end", lookup_expr="lte", label="期间结束不晚于")
    period_kind = django_filters.ChoiceFilter(
        label="期间类型",
        choices=[
            ("month", "单月"),
            ("ytd", "累计"),
            ("quarter", "季度"),
            ("half", "半年"),
            ("year", "全年"),
            ("point", "时点"),
        ],
    )

    class Meta:
        model = Observation
        fields = ["subject_kind", "cluster", "indicator", "period_kind"]


class TargetFilter(FigureFilter):
    class Meta:
        model = Target
        fields = ["subject_kind", "cluster", "indicator", "year"]
