"""Pipeline pages: the board by stage, the funnel, per-cluster totals, stale and overdue
projects, project pages with their stages, funds and service log, and signing events."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views import View, generic

from chanye.core.imports import Importer
from chanye.core.querysets import CHANGE, VIEW
from chanye.core.views import Crud, RestrictedDetailView, RestrictedListView, RoleRequiredMixin, get_restricted_object
from chanye.monitoring.models import Observation

from . import reports, services
from .filters import ProjectFilter
from .forms import FundsForm, ProjectForm, ServiceEntryForm, SigningEventForm, SigningForm, StageForm
from .models import FundsInPlace, Project, ServiceEntry, Signing, SigningEvent


class FilteredProjects(RoleRequiredMixin):
    """Pages over the projects a user may see, narrowed by ?cluster= and ?stage=."""

    def projects(self):
        self.filterset = ProjectFilter(self.request.GET, queryset=Project.objects.restrict(self.request.user, VIEW))
        return self.filterset.qs

    def get_template_names(self):
        names = super().get_template_names()
        return [f"{names[0]}#body"] if self.request.htmx else names


class Board(FilteredProjects, generic.TemplateView):
    template_name = "projects/board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(columns=reports.board(self.projects()), filterset=self.filterset)
        return context


class Funnel(FilteredProjects, generic.TemplateView):
    template_name = "projects/funnel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(steps=reports.funnel(self.projects()), filterset=self.filterset)
        return context


class Totals(FilteredProjects, generic.TemplateView):
    """Per cluster, contract investment against funds in place; beside it, the totals the
    statistics report for the cluster (which also count projects not entered one by one)."""

    template_name = "projects/totals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reported = (
            Observation.objects.restrict(self.request.user, VIEW)
            .filter(
                subject_kind="cluster",
                indicator__key__in=["projects_introduced", "contract_investment", "funds_in_place"],
            )
            .select_related("indicator", "cluster", "citation__source")
            .order_by("cluster__order", "-period_end")
        )
        context.update(rows=reports.cluster_totals(self.projects()), reported=reported, filterset=self.filterset)
        return context


class Attention(FilteredProjects, generic.TemplateView):
    """Projects that need attention: no activity for N days, or a next action past its date."""

    template_name = "projects/attention.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = max(1, int(self.request.GET.get("days", 30)))
        except ValueError:
            days = 30
        projects = self.projects().select_related("cluster", "office")
        context.update(
            days=days,
            stale=reports.stale(projects, days)[:200],
            overdue=reports.overdue(projects)[:200],
            filterset=self.filterset,
        )
        return context


class ProjectDetail(RestrictedDetailView):
    model = Project
    stage_form = None  # a refused stage change, shown again with its reason and what was typed

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context.update(
            stage_form=self.stage_form or StageForm(),
            funds=project.funds.all(),
            service_log=project.service_log.select_related("office"),
            signings=project.signings.select_related("event"),
            changes=project.stage_changes.all(),
            funds_total=sum((f.amount for f in project.funds.all()), 0),
        )
        return context


class ChangeStage(RoleRequiredMixin, View):
    def post(self, request, pk):
        project = get_restricted_object(Project, request.user, pk, CHANGE)
        form = StageForm(request.POST)
        if form.is_valid():
            try:
                services.change_stage(
                    actor=request.user,
                    project=project,
                    to=form.cleaned_data["to"],
                    on=form.cleaned_data["on"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, f"“{project}”已进入“{form.cleaned_data['to']}”阶段")
                return redirect(project.get_absolute_url())
            except ValidationError as error:
                form.add_error(None, error)
        # the project's page again, the stage form keeping what was typed, with the reason
        page = ProjectDetail(stage_form=form)
        page.setup(request, pk=pk)
        page.object = project
        return page.render_to_response(page.get_context_data(object=project))


class SigningEventDetail(RestrictedDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = reports.signing_totals([self.object])[0]
        return context


class SigningEventList(RestrictedListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = reports.signing_totals(context["object_list"].prefetch_related("signings"))
        return context


crud = partial(Crud, services=services, namespace="projects")  # the six pages of each model here
projects = crud(model=Project, form_class=ProjectForm, detail_view=ProjectDetail, filterset_class=ProjectFilter)
funds = crud(model=FundsInPlace, form_class=FundsForm)
service_log = crud(model=ServiceEntry, form_class=ServiceEntryForm)
events = crud(
    model=SigningEvent, form_class=SigningEventForm, list_view=SigningEventList, detail_view=SigningEventDetail
)
signings = crud(model=Signing, form_class=SigningForm)

PROJECT_IMPORTER = Importer(model=Project, form_class=ProjectForm, create_service=services.create_project)
