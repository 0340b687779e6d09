import django_filters
from django.utils import timezone

from chanye.accounts.models import Office
from chanye.core.filters import StyledFilterSet
from chanye.registry.models import Cluster, Enterprise

from .deadlines import overdue_q
from .forms import users_with_a_role
from .models import Appeal, Visit


class AppealFilter(StyledFilterSet):
    status = django_filters.ChoiceFilter(label="办理状态", choices=Appeal.Status.choices)
    category = django_filters.ChoiceFilter(label="诉求类别", choices=Appeal.Category.choices)
    office = django_filters.ModelChoiceFilter(label="承办部门", queryset=Office.objects.all())
    cluster = django_filters.ModelChoiceFilter(
        label="产业集群", field_name="enterprise__clusters", queryset=Cluster.objects.all()
    )
    enterprise = django_filters.ModelChoiceFilter(label="企业", queryset=Enterprise.objects.all())
    overdue = django_filters.ChoiceFilter(
        label="超期", method="filter_overdue", choices=[("1", "已超期"), ("0", "未超期")]
    )

    class Meta:
        model = Appeal
        fields = ["status", "category", "office", "cluster", "enterprise", "overdue"]

    def filter_overdue(self, queryset, name, value):
        condition = overdue_q(timezone.localdate())
        return queryset.filter(condition) if value == "1" else queryset.exclude(condition)


class VisitFilter(StyledFilterSet):
    cluster = django_filters.ModelChoiceFilter(
        label="产业集群", field_name="enterprise__clusters", queryset=Cluster.objects.all()
    )
    enterprise = django_filters.ModelChoiceFilter(label="企业", queryset=Enterprise.objects.all())
    official = django_filters.ModelChoiceFilter(label="走访人员", field_name="officials", queryset=users_with_a_role())
    date_from = django_filters.DateFilter(label="走访日期不早于", field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label="走访日期不晚于", field_name="date", lookup_expr="lte")

    class Meta:
        model = Visit
        fields = ["cluster", "enterprise", "official", "date_from", "date_to"]
