"""Job pages: my jobs (everyone's for 领导 and administrators), one job with its progress polled by htmx,
retrying a failed one, and the administrators' page of schedules with their last run and result."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View, generic

from chanye.core import roles
from chanye.core.querysets import CHANGE
from chanye.core.views import RestrictedDetailView, RestrictedListView, RoleRequiredMixin, get_restricted_object

from . import schedule, services
from .models import Job


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


class JobList(RestrictedListView):
    model = Job

    def get_queryset(self):
        queryset = super().get_queryset().select_related("created_by")
        if (state := self.request.GET.get("state")) in Job.State.values:
            queryset = queryset.filter(state=state)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(states=Job.State.choices, state=self.request.GET.get("state", ""))
        return context


class JobDetail(RestrictedDetailView):
    model = Job

    def get_template_names(self):
        return ["jobs/job_detail.html#status"] if self.request.htmx else ["jobs/job_detail.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job_can_retry"] = context["can_change"]
        return context


class JobRetry(RoleRequiredMixin, View):
    def post(self, request, pk):
        job = get_restricted_object(Job, request.user, pk, CHANGE)
        try:
            job = services.retry(actor=request.user, job=job)
            messages.success(request, f"已重新提交：{job.title}")
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        return redirect(_next(request, job.get_absolute_url()))


class AdminOnlyMixin(RoleRequiredMixin):
    """管理员 runs schedules; 领导 reads the page (as they read everything)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (roles.is_admin(user) or roles.has(user, roles.LEADER)):
            raise PermissionDenied("只有管理员和领导可以查看定时任务")
        return super().dispatch(request, *args, **kwargs)


class Schedules(AdminOnlyMixin, generic.TemplateView):
    template_name = "jobs/schedules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recent = Job.objects.select_related("created_by").order_by("-created_at", "-pk")
        context.update(
            rows=schedule.overview(),
            recent=recent[:30],
            failed=Job.objects.filter(state=Job.State.FAILED).count(),
            active=Job.objects.active().count(),
            can_run=roles.is_admin(self.request.user),
        )
        return context


class RunSchedule(AdminOnlyMixin, View):
    def post(self, request, name):
        try:
            job = services.run_schedule_now(actor=request.user, name=name)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("jobs:schedules")
        messages.success(request, f"已提交：{job.title}")
        return redirect(job.get_absolute_url())


class CheckWorkers(AdminOnlyMixin, View):
    def post(self, request):
        job = services.check_workers(actor=request.user)
        messages.success(request, "已提交检查任务：工作进程运行时它会在几秒内完成")
        return redirect(job.get_absolute_url())
