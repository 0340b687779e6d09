"""The investment pipeline: stage rules, count-once signing totals, reconciliation, permissions, bad input."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chanye.conftest import token_header as token
from chanye.core.models import AuditEntry
from chanye.projects import reports, services
from chanye.projects.models import Project, SigningEvent, StageChange
from chanye.registry.models import Cluster


def today():
    # read at each use, not at import: a run that crosses midnight in the platform's time zone would compare
    # yesterday's date with the services' today
    return timezone.localdate()


DAY = datetime.timedelta(days=1)


def new_project(name="测试项目", cluster="大数据智能化", actor=None, **data):
    return services.create_project(
        actor=actor,
        data={"name": name, "cluster": Cluster.objects.get(name=cluster), **data},
        stage_on=today() - 100 * DAY,
    )


def test_a_project_moves_forward_and_each_stage_keeps_its_date(demo):
    project = new_project()
    services.change_stage(actor=None, project=project, to="在谈", on=today() - 90 * DAY)
    project = services.change_stage(actor=None, project=project, to="签约", on=today() - 60 * DAY, reason="签约仪式")
    assert (project.stage, project.talks_on, project.signed_on) == ("签约", today() - 90 * DAY, today() - 60 * DAY)
    changes = list(StageChange.objects.filter(project=project).values_list("from_stage", "to_stage"))
    assert changes == [("", "线索"), ("线索", "在谈"), ("在谈", "签约")]
    assert AuditEntry.objects.filter(
        object_id=str(project.pk), content_type__model="project", note__contains="在谈 → 签约"
    ).exists()


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("开工", "项目尚未签约，不能开工"),
        ("投产", "项目尚未开工，不能投产"),
        ("线索", "阶段只能向前推进"),
        ("终止", "终止项目须写明原因"),
        ("竣工", "未知的阶段"),
    ],
)
def test_stage_rules_refuse_with_a_clear_message(demo, to, message):
    project = new_project()
    services.change_stage(actor=None, project=project, to="在谈", on=today() - 90 * DAY)
    with pytest.raises(ValidationError, match=message):
        services.change_stage(actor=None, project=Project.objects.get(pk=project.pk), to=to, on=today())
    assert Project.objects.get(pk=project.pk).stage == "在谈"


def test_dates_must_not_go_back_or_into_the_future(demo):
    project = new_project()
    with pytest.raises(ValidationError, match="早于上一阶段"):
        services.change_stage(actor=None, project=project, to="在谈", on=today() - 200 * DAY)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.change_stage(actor=None, project=project, to="在谈", on=today() + DAY)


def test_a_terminated_or_operating_project_cannot_change_again(demo):
    project = services.change_stage(actor=None, project=new_project(), to="终止", reason="投资方撤回")
    assert project.termination_reason == "投资方撤回"
    with pytest.raises(ValidationError, match="项目已终止"):
        services.change_stage(actor=None, project=project, to="在谈")


def test_signing_moves_a_project_to_signed_and_counts_it_once(demo):
    project = new_project()
    first = services.create_signingevent(actor=None, data={"name": "第一次集中签约", "date": today() - 50 * DAY})
    second = services.create_signingevent(actor=None, data={"name": "第二次集中签约", "date": today() - 10 * DAY})
    other = new_project("另一个项目")
    services.create_signing(
        actor=None, data={"event": first, "project": project, "contract_investment": Decimal("1e9")}
    )
    assert Project.objects.get(pk=project.pk).stage == "签约"
    services.create_signing(
        actor=None, data={"event": second, "project": project, "contract_investment": Decimal("1.5e9")}
    )
    services.create_signing(actor=None, data={"event": second, "project": other, "contract_investment": Decimal("2e8")})
    t1, t2 = reports.signing_totals([first, second])
    assert (t1.counted_projects, t1.counted_investment) == (1, Decimal("1e9"))
    # The expanded project adds only its increment and is not counted as a project again.
    assert (t2.counted_projects, t2.counted_investment) == (1, Decimal("5e8") + Decimal("2e8"))
    assert Project.objects.get(pk=project.pk).contract_investment == Decimal("1.5e9")


def test_the_demo_signing_carries_its_announced_totals_and_says_projects_are_missing(personas, client_for):
    event = SigningEvent.objects.get(name="2023年重点项目暨第三次招商引资项目集中签约仪式")
    totals = reports.signing_totals([event])[0]
    assert (event.announced_projects, event.announced_investment) == (23, Decimal("10700000000"))
    assert (totals.complete, totals.missing_projects) == (False, 23)
    html = client_for(personas["leader"]).get(event.get_absolute_url()).content.decode()
    assert "公布数" in html and "尚缺 23 个" in html and "107亿元" in html


def test_the_demo_has_the_articles_projects_with_citations(demo):
    huashao = Project.objects.get(name="重庆华韶智算中心")
    assert (huashao.planned_investment, huashao.stage, str(huashao.park)) == (
        Decimal("38000000000"),
        "开工",
        "建桥工业园",
    )
    assert huashao.citations.filter(quote__contains="380亿元").exists()


def test_funnel_counts_conversions_and_median_days(demo):
    for i, days_to_talks in enumerate([10, 20, 30]):
        project = new_project(f"漏斗项目{i}")
        services.change_stage(actor=None, project=project, to="在谈", on=today() - (100 - days_to_talks) * DAY)
    steps = {s.stage: s for s in reports.funnel(Project.objects.filter(name__startswith="漏斗项目"))}
    assert (steps["线索"].reached, steps["在谈"].reached, steps["签约"].reached) == (3, 3, 0)
    assert steps["线索"].conversion_pct == 100.0 and steps["在谈"].conversion_pct == 0.0
    assert steps["线索"].median_days == 20 and steps["线索"].measured == 3


def test_cluster_totals_compare_contract_with_funds_in_place(demo):
    project = new_project(contract_investment=Decimal("1e9"))
    services.create_fundsinplace(actor=None, data={"project": project, "on": today(), "amount": Decimal("2.5e8")})
    row = next(
        r for r in reports.cluster_totals(Project.objects.filter(pk=project.pk)) if r["cluster"] == "大数据智能化"
    )
    assert (row["contract"], row["funds"], row["ratio_pct"]) == (Decimal("1e9"), Decimal("2.5e8"), Decimal("25.0"))


def test_stale_and_overdue_projects(demo):
    quiet = new_project("沉寂项目")
    late = new_project("超期项目", next_action="报送用地方案", next_action_due=today() - DAY)
    services.create_serviceentry(actor=None, data={"project": late, "on": today(), "kind": "洽谈", "text": "电话沟通"})
    open_projects = Project.objects.filter(name__in=["沉寂项目", "超期项目"])
    assert list(reports.stale(open_projects, 30)) == [quiet]
    assert list(reports.overdue(open_projects)) == [Project.objects.get(pk=late.pk)]


@pytest.mark.parametrize(
    ("role", "cluster", "allowed"),
    [
        ("investment", "新材料", True),
        ("office", "大数据智能化", True),
        ("office", "新材料", False),
        ("leader", "大数据智能化", False),
        ("statistics", "大数据智能化", False),
    ],
)
def test_who_may_change_a_project(personas, role, cluster, allowed):
    project = new_project(cluster=cluster)
    if allowed:
        services.change_stage(actor=personas[role], project=project, to="在谈")
    else:
        with pytest.raises(PermissionDenied):
            services.change_stage(actor=personas[role], project=project, to="在谈")


@pytest.mark.parametrize(
    "page",
    [
        "projects:board",
        "projects:funnel",
        "projects:totals",
        "projects:attention",
        "projects:project-list",
        "projects:signingevent-list",
    ],
)
def test_every_role_reads_the_pipeline_pages_and_norole_is_refused(personas, client_for, page):
    assert client_for(personas["leader"]).get(reverse(page)).status_code == 200
    assert client_for(personas["norole"]).get(reverse(page)).status_code == 403


def test_the_board_shows_the_demo_projects_by_stage_and_htmx_gets_only_the_board(personas, client_for):
    client = client_for(personas["leader"])
    html = client.get(reverse("projects:board")).content.decode()
    assert 'data-stage="开工"' in html and "重庆华韶智算中心" in html
    partial = client.get(
        reverse("projects:board"), {"cluster": Cluster.objects.get(name="大健康生物医药").pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in partial and "中元汇吉生物科技园项目" in partial and "重庆华韶智算中心" not in partial


def test_the_stage_form_reports_a_broken_rule(personas, client_for):
    project = new_project()
    client = client_for(personas["investment"])
    response = client.post(reverse("projects:project-stage", args=[project.pk]), {"to": "开工"}, follow=True)
    assert "项目尚未签约，不能开工" in response.content.decode()
    assert Project.objects.get(pk=project.pk).stage == "线索"


def test_money_is_typed_as_reports_write_it(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    data = {
        "name": "新引进项目",
        "cluster": cluster.pk,
        "planned_investment": "10.6亿元",
        "contract_investment": "1060万元",
    }
    response = client_for(personas["office"]).post(reverse("projects:project-create"), data)
    assert response.status_code == 302
    project = Project.objects.get(name="新引进项目")
    assert (project.planned_investment, project.contract_investment) == (Decimal("1060000000"), Decimal("10600000"))
    bad = client_for(personas["office"]).post(
        reverse("projects:project-create"), {**data, "name": "坏金额", "planned_investment": "450家"}
    )
    assert bad.status_code == 200 and "不是金额" in bad.content.decode()


def test_an_import_with_bad_rows_writes_nothing(personas, client_for):
    text = "项目名称,所属集群,计划总投资\n好项目,大数据智能化,5亿元\n坏集群项目,不存在的集群,1亿元\n坏金额项目,新材料,很多钱\n"
    response = client_for(personas["investment"]).post(
        reverse("projects:project-import"), {"file": SimpleUploadedFile("项目.csv", text.encode())}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "第3行" in html and "第4行" in html
    assert not Project.objects.filter(name__in=["好项目", "坏集群项目", "坏金额项目"]).exists()


def test_the_api_moves_stages_under_the_rules(personas, client):
    project = new_project()
    url = f"/api/v1/projects/{project.pk}/stage/"
    refused = client.post(url, {"to": "开工"}, content_type="application/json", **token(personas["investment"]))
    assert refused.status_code == 400 and "尚未签约" in refused.content.decode()
    assert (
        client.post(url, {"to": "在谈"}, content_type="application/json", **token(personas["leader"])).status_code
        == 403
    )
    moved = client.post(url, {"to": "在谈"}, content_type="application/json", **token(personas["investment"]))
    assert moved.status_code == 200 and moved.json()["stage"] == "在谈"
    signings = client.get("/api/v1/signings/", **token(personas["leader"])).json()["results"]
    assert signings[0]["totals"]["missing_projects"] == 23
    funnel = client.get("/api/v1/projects/funnel/", **token(personas["leader"])).json()
    assert [s["stage"] for s in funnel] == ["线索", "在谈", "签约", "开工", "投产", "终止"]


@pytest.mark.parametrize("days", [[5], [1, 9], [3, 3, 4, 10], [0, 7, 7, 2, 30], list(range(101))])
def test_the_median_from_a_histogram_is_the_median(days):
    import statistics

    histogram = {}
    for d in days:
        histogram[d] = histogram.get(d, 0) + 1
    assert reports._median(histogram) == statistics.median(days)
    assert reports._median({}) is None
