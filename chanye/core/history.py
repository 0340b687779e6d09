"""The site-wide audit log page: every change, filterable; for administrators and 领导."""

import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.views import generic

from chanye.core.filters import StyledFilterSet
from chanye.core.querysets import VIEW
from chanye.core.views import RoleRequiredMixin

from .models import AuditEntry

# Every app of the platform, and Django's auth (accounts are audited as users).
CHANYE_APPS = [app.label for app in apps.get_app_configs() if app.name.startswith("chanye.")] + ["auth"]


class AuditFilter(StyledFilterSet):
    actor = django_filters.ModelChoiceFilter(queryset=get_user_model().objects.all(), label="操作人")
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices, label="操作")
    content_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(app_label__in=CHANYE_APPS), label="对象类型"
    )
    since = django_filters.DateFilter(field_name="time", lookup_expr="date__gte", label="起始日期")
    until = django_filters.DateFilter(field_name="time", lookup_expr="date__lte", label="截止日期")
    q = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label="对象名称")

    class Meta:
        model = AuditEntry
        fields = ["actor", "action", "content_type", "since", "until", "q"]


class SiteHistory(RoleRequiredMixin, generic.ListView):
    """The whole site's audit log, filterable; for administrators and 领导."""

    template_name = "audit/site_history.html"
    paginate_by = 100

    def get_queryset(self):
        queryset = AuditEntry.objects.restrict(self.request.user, VIEW)
        if queryset.query.is_empty():  # restrict() gave .none(): the user may not read the whole log
            raise PermissionDenied("只有管理员和领导可以查看全站操作记录")
        self.filterset = AuditFilter(self.request.GET, queryset=queryset.select_related("actor", "content_type"))
        return self.filterset.qs.newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = getattr(self, "filterset", None)
        return context
