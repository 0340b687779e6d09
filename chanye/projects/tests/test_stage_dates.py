"""A stage's date may not precede the latest stage the project is known to have reached, even when
that stage was entered without a date of its own (a project imported or loaded at 签约)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chanye.projects import services
from chanye.projects.models import Project
from chanye.registry.models import Cluster


def today():
    # read at each use, not at import: a run that crosses midnight in the platform's time zone would compare
    # yesterday's date with the services' today
    return timezone.localdate()


def imported_at_signing() -> Project:
    """Entered at 签约 today with no 签约日期: only the recorded stage change says when."""
    data = {"name": "导入的签约项目", "cluster": Cluster.objects.get(name="大数据智能化")}
    project = services.create_project(actor=None, data=data, stage="签约")
    assert project.signed_on is None
    return project


def test_a_start_before_an_undated_signing_is_refused(demo):
    project = imported_at_signing()
    with pytest.raises(ValidationError, match="早于上一阶段（签约于"):
        services.change_stage(actor=None, project=project, to="开工", on=datetime.date(2020, 1, 1))
    assert Project.objects.get(pk=project.pk).stage == "签约"
    assert services.change_stage(actor=None, project=project, to="开工", on=today()).started_on == today()


def test_the_project_page_says_why_the_date_is_refused(client_for, personas, demo):
    project = imported_at_signing()
    response = client_for(personas["investment"]).post(
        reverse("projects:project-stage", args=[project.pk]), {"to": "开工", "on": "2020-01-01", "reason": "补录"}
    )
    assert response.status_code == 200  # the project's page again, not a redirect that forgets the input
    html = response.content.decode()
    assert "早于上一阶段" in html
    assert 'value="2020-01-01"' in html and 'value="补录"' in html and '<option value="开工" selected>' in html
    assert Project.objects.get(pk=project.pk).stage == "签约"
