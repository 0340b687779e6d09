"""The site-wide audit log page: every change, readable (chanye.core.diffs), paginated and filterable by what
changed, who changed it and when; for administrators and 领导."""

import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.views import generic

from chanye.core.filters import StyledFilterSet
from chanye.core.querysets import VIEW
from chanye.core.views import RoleRequiredMixin

from .diffs import readable
from .models import AuditEntry

# Every app of the platform, and Django's auth (accounts are audited as users).
CHANYE_APPS = [app.label for app in apps.get_app_configs() if app.name.startswith("chanye.")] + ["auth"]


def object_kinds() -> list[tuple[int, str]]:
    """(content type, Chinese name) of every kind of object the platform records, by name."""
    kinds = ContentType.objects.filter(app_label__in=CHANYE_APPS)
    return sorted(((kind.pk, str(kind.name)) for kind in kinds if kind.model_class() is not None), key=lambda k: k[1])


class UserChoiceFilter(django_filters.ModelChoiceFilter):
    """Accounts listed by name, the account name beside it."""

    def __init__(self, **kwargs):
        super().__init__(queryset=get_user_model().objects.order_by("username"), **kwargs)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda user: (
            f"{user.get_full_name()}（{user.username}）" if user.get_full_name() else user.username
        )
        return field


class AuditFilter(StyledFilterSet):
    actor = UserChoiceFilter(label="操作人", empty_label="全部")
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices, label="操作", empty_label="全部")
    content_type = django_filters.ChoiceFilter(
        field_name="content_type", choices=object_kinds, label="对象类型", empty_label="全部"
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
    paginate_by = 50

    def get_queryset(self):
        queryset = AuditEntry.objects.restrict(self.request.user, VIEW)
        if queryset.query.is_empty():  # restrict() gave .none(): the user may not read the whole log
            raise PermissionDenied("只有管理员和领导可以查看全站操作记录")
        self.filterset = AuditFilter(self.request.GET, queryset=queryset.select_related("actor", "content_type"))
        return self.filterset.qs.newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = getattr(self, "filterset", None)
        context["object_list"] = readable(context["object_list"])
        return context
