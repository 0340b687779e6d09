"""Visit and appeal pages: the visit log, all / my / overdue appeals, an appeal's deadlines and
status changes, the bottleneck analysis, the XLSX export, notifications and office heads.
Reads go through `restrict`, writes through chanye.visits.services."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View, generic

from chanye.accounts.models import Office
from chanye.core import roles
from chanye.core.querysets import CHANGE, VIEW
from chanye.core.views import (
    Crud,
    RestrictedDetailView,
    RestrictedListView,
    RoleRequiredMixin,
    ServiceCreateView,
    add_service_error,
    get_restricted_object,
)
from chanye.core.views_exchange import xlsx_response
from chanye.registry.models import Cluster, Enterprise

from . import deadlines, reports, services, workdays
from .filters import AppealFilter, VisitFilter
from .forms import AppealForm, AppealStatusForm, OfficeHeadForm, VisitForm
from .models import Appeal, Notification, OfficeHead, Visit, user_label


class FromVisitMixin:
    """An appeal filed from a visit's page (?visit=…, prefilled by ServiceCreateView) is about
    that visit's enterprise and was received on the visit's date."""

    def get_initial(self):
        initial = super().get_initial()
        if str(initial.get("visit", "")).isdigit():
            visit = Visit.objects.filter(pk=initial["visit"]).first()
            if visit is not None:
                initial.update(enterprise=visit.enterprise_id, received_on=visit.date)
        return initial


def appeal_rows(appeals, today=None) -> list[dict]:
    today = today or timezone.localdate()
    rows = []
    for appeal in appeals:
        items = appeal.deadlines(today)
        rows.append({"appeal": appeal, "deadlines": items, "overdue": any(d.overdue for d in items)})
    return rows


# --- visits -----------------------------------------------------------------------------------------------------


class VisitList(RestrictedListView):
    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "recorded_by").prefetch_related("officials")


class VisitDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appeals = (
            Appeal.objects.restrict(self.request.user, VIEW)
            .filter(visit=self.object)
            .select_related("enterprise", "office", "assignee")
        )
        context.update(rows=appeal_rows(appeals), can_add_appeal=Appeal.objects.can_add(self.request.user))
        return context


crud = partial(Crud, services=services, namespace="visits")  # the six pages of each model here
visits = crud(
    model=Visit, form_class=VisitForm, list_view=VisitList, detail_view=VisitDetail, filterset_class=VisitFilter
)


class VisitExport(RoleRequiredMixin, View):
    def get(self, request):
        queryset = Visit.objects.restrict(request.user, VIEW).search(request.GET.get("q", "").strip())
        queryset = VisitFilter(request.GET, queryset=queryset).qs.select_related("enterprise", "recorded_by")
        rows = [
            [
                v.pk,
                v.date,
                v.enterprise.name,
                "、".join(v.official_names),
                v.purpose,
                v.notes,
                user_label(v.recorded_by),
            ]
            for v in queryset.prefetch_related("officials")
        ]
        return xlsx_response(
            "走访记录", ["编号", "走访日期", "走访企业", "走访人员", "走访事由", "走访纪要", "录入人"], rows
        )


# --- appeals ----------------------------------------------------------------------------------------------------


class AppealList(RestrictedListView):
    model = Appeal
    filterset_class = AppealFilter
    template_name = "visits/appeal_list.html"
    title = "全部诉求"
    intro = ""

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "office", "assignee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = appeal_rows(context["object_list"])
        context.update(
            rows=rows,
            title=self.title,
            intro=self.intro,
            policy=deadlines.policy(),
            estimated_years=workdays.uncovered_years(*[d.due for r in rows for d in r["deadlines"]]),
            export_query=self.request.GET.urlencode(),
        )
        return context


class AppealMine(AppealList):
    title = "我的诉求"
    intro = "指派给我的诉求，以及我所在部门尚未指派承办人的诉求。"

    def get_queryset(self):
        queryset = super().get_queryset().mine(self.request.user)
        self.show_closed = self.request.GET.get("closed") == "1"
        return queryset if self.show_closed else queryset.open()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_closed"] = self.show_closed
        return context


class AppealOverdue(AppealList):
    title = "超期诉求"
    intro = "尚未办结、至少有一个环节已超过期限的诉求（期限按工作日计算，法定节假日不计、调休上班日计入）。"

    def get_queryset(self):
        return super().get_queryset().overdue(timezone.localdate())


class AppealDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appeal = self.object
        context.update(
            deadlines=appeal.deadlines(),
            policy=deadlines.policy(),
            escalations=appeal.escalations.all(),
            status_form=AppealStatusForm(appeal=appeal) if context["can_change"] and appeal.is_open else None,
            can_claim=context["can_change"]
            and appeal.is_open
            and appeal.assignee_id != self.request.user.pk
            and appeal.office.members.filter(pk=self.request.user.pk).exists(),
            head=OfficeHead.objects.select_related("user").filter(office=appeal.office).first(),
        )
        context["estimated_years"] = workdays.uncovered_years(*[d.due for d in context["deadlines"]])
        return context


class AppealCreate(FromVisitMixin, ServiceCreateView):
    pass


appeals = crud(
    model=Appeal,
    form_class=AppealForm,
    list_view=AppealList,
    detail_view=AppealDetail,
    create_view=AppealCreate,
    filterset_class=AppealFilter,
)


class AppealStatus(RoleRequiredMixin, generic.FormView):
    """变更办理状态: the allowed next statuses, and what each needs (a reason, the satisfaction)."""

    form_class = AppealStatusForm
    template_name = "visits/appeal_status.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and roles.has_role(request.user):
            self.appeal = get_restricted_object(Appeal, request.user, kwargs["pk"], CHANGE)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "appeal": self.appeal}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.appeal, deadlines=self.appeal.deadlines())
        return context

    def form_valid(self, form):
        try:
            appeal = services.change_appeal_status(actor=self.request.user, appeal=self.appeal, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{appeal}：已变更为“{appeal.status}”")
        return redirect(appeal.get_absolute_url())


class AppealClaim(RoleRequiredMixin, View):
    """认领: a member of the owning office takes the appeal."""

    def post(self, request, pk):
        appeal = get_restricted_object(Appeal, request.user, pk, CHANGE)
        try:
            services.assign_appeal(actor=request.user, appeal=appeal, assignee=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, f"已认领{appeal}")
        return redirect(appeal.get_absolute_url())


APPEAL_HEADERS = [
    "编号",
    "企业",
    "来源走访",
    "诉求类别",
    "诉求内容",
    "承办部门",
    "承办人",
    "办理状态",
    "受理日期",
    "首次响应期限",
    "首次响应时间",
    "研判期限",
    "研判时间",
    "反馈办结期限",
    "反馈办结时间",
    "超期环节",
    "企业满意度",
    "无法办理原因",
    "办结情况",
]


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class AppealExport(RoleRequiredMixin, View):
    """The appeals the user may see, narrowed like the list (?q=, filters), as XLSX."""

    def get(self, request):
        queryset = Appeal.objects.restrict(request.user, VIEW).search(request.GET.get("q", "").strip())
        queryset = AppealFilter(request.GET, queryset=queryset).qs.select_related(
            "enterprise", "office", "assignee", "visit"
        )
        today = timezone.localdate()
        rows = []
        for appeal in queryset:
            respond, assess, feedback = appeal.deadlines(today)
            missed = "、".join(f"{d.label}（{d.state}）" for d in (respond, assess, feedback) if d.missed)
            rows.append(
                [
                    appeal.pk,
                    appeal.enterprise.name,
                    str(appeal.visit or ""),
                    appeal.category,
                    appeal.description,
                    appeal.office.name,
                    user_label(appeal.assignee),
                    appeal.status,
                    appeal.received_on,
                    respond.due,
                    _moment(appeal.responded_at),
                    assess.due,
                    _moment(appeal.assessed_at),
                    feedback.due,
                    _moment(appeal.closed_at),
                    missed,
                    appeal.satisfaction,
                    appeal.reason,
                    appeal.resolution,
                ]
            )
        return xlsx_response("企业诉求", APPEAL_HEADERS, rows)


class BottleneckView(RoleRequiredMixin, generic.TemplateView):
    template_name = "visits/bottlenecks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        appeals = (
            Appeal.objects.restrict(user, VIEW).select_related("enterprise").prefetch_related("enterprise__clusters")
        )
        year = self.request.GET.get("year", "")
        if year.isdigit():
            appeals = appeals.filter(received_on__year=int(year))
        years = sorted({d.year for d in Appeal.objects.restrict(user, VIEW).dates("received_on", "year")}, reverse=True)
        result = reports.bottlenecks(appeals, Cluster.objects.restrict(user, VIEW).order_by("order", "name"))
        context.update(report=result, rules=reports.RULES, policy=deadlines.policy(), years=years, year=year)
        return context


# --- notifications ----------------------------------------------------------------------------------------------


class NotificationList(RoleRequiredMixin, generic.ListView):
    template_name = "visits/notification_list.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = Notification.objects.for_recipient(self.request.user)
        return queryset.unread() if self.request.GET.get("unread") == "1" else queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_count"] = Notification.objects.for_recipient(self.request.user).unread().count()
        return context

    def post(self, request):
        """Mark read: the ticked notifications (`id`), or all of them (`all`)."""
        ids = request.POST.getlist("id")
        if "all" in request.POST:
            count = services.mark_read(actor=request.user)
        elif ids and all(i.isdigit() for i in ids):
            count = services.mark_read(actor=request.user, notifications=[int(i) for i in ids])
        else:
            messages.error(request, "请选择要标为已读的通知")
            return redirect("visits:notification-list")
        messages.success(request, f"已将 {count} 条通知标为已读")
        return redirect("visits:notification-list")


class NotificationOpen(RoleRequiredMixin, View):
    """Open a notification: mark it read and go where it points (only within this site)."""

    def get(self, request, pk):
        notification = Notification.objects.for_recipient(request.user).filter(pk=pk).first()
        if notification is None:
            raise Http404
        services.mark_read(actor=request.user, notifications=[notification])
        if notification.link and url_has_allowed_host_and_scheme(
            notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(notification.link)
        return redirect("visits:notification-list")


# --- office heads -----------------------------------------------------------------------------------------------


class OfficeHeadList(RoleRequiredMixin, generic.TemplateView):
    """Every office with its head (or none): escalations go to the head."""

    template_name = "visits/officehead_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        heads = {h.office_id: h for h in OfficeHead.objects.restrict(self.request.user, VIEW).select_related("user")}
        context.update(
            rows=[(office, heads.get(office.pk)) for office in Office.objects.order_by("name")],
            can_add=OfficeHead.objects.can_add(self.request.user),
        )
        return context


heads = crud(model=OfficeHead, form_class=OfficeHeadForm)


# --- the panel on the enterprise page ---------------------------------------------------------------------------


def enterprise_panel_context(user, enterprise: Enterprise) -> dict:
    visible = Appeal.objects.restrict(user, VIEW).filter(enterprise=enterprise).select_related("office", "assignee")
    return {
        "enterprise": enterprise,
        "visits": Visit.objects.restrict(user, VIEW).filter(enterprise=enterprise).prefetch_related("officials")[:10],
        "visit_count": Visit.objects.restrict(user, VIEW).filter(enterprise=enterprise).count(),
        "rows": appeal_rows(visible[:20]),
        "appeal_count": visible.count(),
        "open_count": visible.open().count(),
        "can_add_visit": Visit.objects.can_add(user),
        "can_add_appeal": Appeal.objects.can_add(user),
    }
