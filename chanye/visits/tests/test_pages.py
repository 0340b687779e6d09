"""Pages through the test client: who sees and changes what, the lists, the bottleneck analysis,
the XLSX export, the panel on the enterprise page."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from chanye.core.models import AuditEntry
from chanye.visits import services
from chanye.visits.models import Appeal, Visit

D = datetime.date
ROLES = ["admin", "leader", "office", "other_office", "investment", "statistics"]


def list_pages():
    return [
        reverse(name)
        for name in (
            "visits:appeal-mine",
            "visits:appeal-list",
            "visits:appeal-overdue",
            "visits:bottlenecks",
            "visits:visit-list",
            "visits:notification-list",
            "visits:officehead-list",
            "visits:appeal-export",
            "visits:visit-export",
        )
    ]


def object_pages(appeal, visit):
    return [
        appeal.get_absolute_url(),
        reverse("visits:appeal-history", args=[appeal.pk]),
        reverse("visits:appeal-update", args=[appeal.pk]),
        reverse("visits:appeal-status", args=[appeal.pk]),
        reverse("visits:appeal-create"),
        visit.get_absolute_url(),
        reverse("visits:visit-create"),
        reverse("visits:visit-update", args=[visit.pk]),
        reverse("visits:visit-history", args=[visit.pk]),
    ]


@pytest.fixture
def visit(hikvision, personas):
    return services.create_visit(
        actor=personas["office"],
        data={
            "date": D(2025, 9, 29),
            "enterprise": hikvision,
            "officials": [personas["office"]],
            "other_officials": "区经信委 李四",
            "purpose": "了解扩产计划",
            "notes": "企业计划扩建二期厂房",
        },
    )


# --- every page refuses users without a role --------------------------------------------------------------------


def test_every_page_needs_a_role_and_a_sign_in(make_appeal, visit, personas, client_for, client):
    appeal = make_appeal(visit=visit)
    pages = list_pages() + object_pages(appeal, visit)
    for url in pages:
        assert client.get(url).status_code == 302, url  # to the sign-in page
    norole = client_for(personas["norole"])
    for url in pages:
        assert norole.get(url).status_code == 403, url
    for url in [reverse("visits:appeal-claim", args=[appeal.pk])]:
        assert norole.post(url).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_every_role_opens_the_list_pages(personas, client_for, role):
    client = client_for(personas[role])
    for url in list_pages():
        assert client.get(url).status_code == 200, url


# --- appeals: an office sees and edits its own ------------------------------------------------------------------


def test_an_office_sees_its_own_appeals_and_not_another_offices(make_appeal, materials_appeal, personas, client_for):
    own = make_appeal(description="本部门的诉求：扩建用地")
    client = client_for(personas["office"])
    page = client.get(reverse("visits:appeal-list")).content.decode()
    assert "本部门的诉求" in page and "技改项目贷款贴息" not in page
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(materials_appeal.get_absolute_url()).status_code == 404
    assert client.get(reverse("visits:appeal-update", args=[materials_appeal.pk])).status_code == 404
    assert client.get(reverse("visits:appeal-status", args=[materials_appeal.pk])).status_code == 404
    assert (
        client.post(reverse("visits:appeal-status", args=[materials_appeal.pk]), {"status": "办理中"}).status_code
        == 404
    )
    materials_appeal.refresh_from_db()
    assert materials_appeal.status == "受理"


def test_an_office_edits_its_own_appeal_and_it_is_audited(make_appeal, personas, client_for, hikvision, bigdata_office):
    appeal = make_appeal()
    url = reverse("visits:appeal-update", args=[appeal.pk])
    client = client_for(personas["office"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "enterprise": hikvision.pk,
            "category": "融资",
            "description": "流动资金贷款",
            "office": bigdata_office.pk,
            "assignee": "",
            "received_on": appeal.received_on,
        },
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.category, appeal.description) == ("融资", "流动资金贷款")
    entry = AuditEntry.objects.for_object(appeal).newest_first().first()
    assert (entry.actor_name, entry.before["category"], entry.after["category"]) == ("office", "用地", "融资")
    history = client.get(reverse("visits:appeal-history", args=[appeal.pk])).content.decode()
    assert "流动资金贷款" in history


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_leaders_and_admins_read_every_appeal(make_appeal, materials_appeal, personas, client_for, role):
    own = make_appeal(description="大数据办的诉求")
    client = client_for(personas[role])
    page = client.get(reverse("visits:appeal-list")).content.decode()
    assert "大数据办的诉求" in page and "技改项目贷款贴息" in page
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(materials_appeal.get_absolute_url()).status_code == 200


def test_a_leader_writes_nothing(make_appeal, visit, personas, client_for, hikvision, bigdata_office):
    appeal = make_appeal()
    client = client_for(personas["leader"])
    assert client.get(reverse("visits:appeal-create")).status_code == 403
    assert client.get(reverse("visits:appeal-update", args=[appeal.pk])).status_code == 403
    assert client.get(reverse("visits:appeal-status", args=[appeal.pk])).status_code == 403
    response = client.post(
        reverse("visits:appeal-status", args=[appeal.pk]), {"status": "已办结", "satisfaction": "满意"}
    )
    assert response.status_code == 403
    assert client.post(reverse("visits:appeal-claim", args=[appeal.pk])).status_code == 403
    assert client.get(reverse("visits:appeal-delete", args=[appeal.pk])).status_code == 403
    assert client.get(reverse("visits:visit-create")).status_code == 403
    assert client.get(reverse("visits:visit-update", args=[visit.pk])).status_code == 403
    detail = client.get(appeal.get_absolute_url()).content.decode()
    assert "变更状态" not in detail and "认领" not in detail
    appeal.refresh_from_db()
    assert appeal.status == "受理" and appeal.assignee is None


@pytest.mark.parametrize("role", ["investment", "statistics"])
def test_roles_without_an_office_see_no_appeals_and_cannot_file_one(make_appeal, personas, client_for, role):
    appeal = make_appeal(description="大数据办的诉求")
    client = client_for(personas[role])
    assert "大数据办的诉求" not in client.get(reverse("visits:appeal-list")).content.decode()
    assert client.get(appeal.get_absolute_url()).status_code == 404
    assert client.get(reverse("visits:appeal-create")).status_code == 403


def test_an_office_cannot_file_an_appeal_with_another_office_through_the_form(
    personas, client_for, composites, materials_office
):
    response = client_for(personas["office"]).post(
        reverse("visits:appeal-create"),
        {"enterprise": composites.pk, "category": "融资", "description": "越权登记", "office": materials_office.pk},
    )
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not Appeal.objects.filter(description="越权登记").exists()


def test_the_appeal_form_reports_bad_input(personas, client_for, hikvision, bigdata_office):
    future = datetime.date.today() + datetime.timedelta(days=3)
    response = client_for(personas["office"]).post(
        reverse("visits:appeal-create"),
        {
            "enterprise": hikvision.pk,
            "category": "",
            "description": "",
            "office": bigdata_office.pk,
            "assignee": personas["other_office"].pk,
            "received_on": future.isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "该字段是必填项" in html and "受理日期不能晚于今天" in html
    assert "选择一个有效的选项" in html  # the other office's member is not among the choices
    assert not Appeal.objects.exists()


def test_claiming_an_unassigned_appeal(make_appeal, personas, client_for):
    appeal = make_appeal()
    client = client_for(personas["office"])
    assert "认领" in client.get(appeal.get_absolute_url()).content.decode()
    assert client.post(reverse("visits:appeal-claim", args=[appeal.pk])).status_code == 302
    appeal.refresh_from_db()
    assert appeal.assignee == personas["office"] and appeal.responded_at is not None
    assert (
        client_for(personas["other_office"]).post(reverse("visits:appeal-claim", args=[appeal.pk])).status_code == 404
    )


def test_my_appeals_are_mine_and_my_offices_unassigned_ones(make_appeal, personas, second_member, client_for):
    make_appeal(description="甲：指派给我", assignee=personas["office"])
    make_appeal(description="乙：尚未指派")
    make_appeal(description="丙：指派给同事", assignee=second_member)
    done = make_appeal(description="丁：已办结", assignee=personas["office"])
    services.change_appeal_status(actor=personas["office"], appeal=done, status="已办结", satisfaction="满意")
    client = client_for(personas["office"])
    page = client.get(reverse("visits:appeal-mine")).content.decode()
    assert "甲：指派给我" in page and "乙：尚未指派" in page
    assert "丙：指派给同事" not in page and "丁：已办结" not in page
    assert "丁：已办结" in client.get(reverse("visits:appeal-mine") + "?closed=1").content.decode()


def test_the_overdue_page_lists_only_overdue_open_appeals(make_appeal, personas, client_for):
    make_appeal(description="国庆前受理的诉求", received_on=D(2025, 9, 30))
    make_appeal(description="今天受理的诉求")
    page = client_for(personas["office"]).get(reverse("visits:appeal-overdue")).content.decode()
    assert "国庆前受理的诉求" in page and "今天受理的诉求" not in page
    assert "已超期" in page
    filtered = client_for(personas["office"]).get(reverse("visits:appeal-list") + "?overdue=0").content.decode()
    assert "今天受理的诉求" in filtered and "国庆前受理的诉求" not in filtered


def test_the_detail_page_shows_the_three_deadlines(holiday_appeal, personas, client_for):
    page = client_for(personas["office"]).get(holiday_appeal.get_absolute_url()).content.decode()
    for text in ("首次响应", "2025-10-09", "研判", "2025-10-11", "反馈办结", "2025-10-14", "已超期"):
        assert text in page, text


def test_the_export_has_the_appeals_the_user_may_see(make_appeal, materials_appeal, personas, client_for):
    make_appeal(description="导出测试：大数据办", received_on=D(2025, 9, 30))
    response = client_for(personas["office"]).get(reverse("visits:appeal-export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("编号", "企业", "来源走访", "诉求类别", "诉求内容")
    assert [r[4] for r in rows[1:]] == ["导出测试：大数据办"]
    header = list(rows[0])
    assert rows[1][header.index("首次响应期限")].date() == D(2025, 10, 9)
    assert "首次响应（已超期）" in rows[1][header.index("超期环节")]
    leader_rows = list(
        load_workbook(
            io.BytesIO(client_for(personas["leader"]).get(reverse("visits:appeal-export") + "?category=融资").content)
        ).active.iter_rows(values_only=True)
    )
    assert [r[4] for r in leader_rows[1:]] == ["技改项目贷款贴息"]


def test_the_bottleneck_analysis_by_category_and_cluster(make_appeal, materials_appeal, personas, client_for):
    fast = make_appeal(category="用地", received_on=D(2025, 9, 26))
    services.change_appeal_status(actor=None, appeal=fast, status="已办结", satisfaction="满意")
    make_appeal(category="用地", received_on=D(2025, 9, 30))
    make_appeal(category="人才")
    from chanye.registry.models import Cluster
    from chanye.visits.reports import bottlenecks

    appeals = Appeal.objects.prefetch_related("enterprise__clusters")
    report = bottlenecks(appeals, Cluster.objects.all(), today=D(2025, 10, 20))
    land = next(g for g in report.categories if g.name == "用地")
    assert (land.total, land.open, land.done, land.missed) == (2, 1, 1, 2)
    assert land.overdue_share == 100.0 and land.satisfaction_share == 100.0
    bigdata = next(g for g in report.clusters if g.name == "大数据智能化")
    materials = next(g for g in report.clusters if g.name == "新材料")
    assert bigdata.total == 3 and materials.total == 1
    assert report.categories[0].name == "用地"  # the most frequent first
    page = client_for(personas["leader"]).get(reverse("visits:bottlenecks")).content.decode()
    assert "按诉求类别" in page and "按产业集群" in page and "大数据智能化" in page and "中位数" in page
    office_page = client_for(personas["other_office"]).get(reverse("visits:bottlenecks")).content.decode()
    assert "融资" in office_page


def test_the_median_counts_working_days(make_appeal, personas):
    from chanye.visits.reports import Group

    appeal = make_appeal(received_on=D(2025, 9, 30))
    appeal.status, appeal.closed_at = "已办结", datetime.datetime(2025, 10, 13, 10, tzinfo=datetime.UTC)
    appeal.satisfaction = "满意"
    group = Group("测试")
    group.add(appeal, D(2025, 10, 20))
    assert group.median_days == 4  # 9, 10, 11 (周六调休) and 13 October


# --- visits -----------------------------------------------------------------------------------------------------


def visit_form(enterprise, **changes):
    data = {
        "date": "2025-09-29",
        "enterprise": enterprise.pk,
        "officials": [],
        "other_officials": "王五",
        "purpose": "走访调研",
        "notes": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [("office", 302), ("admin", 302), ("investment", 302), ("other_office", 200), ("leader", 403), ("statistics", 403)],
)
def test_who_records_a_visit_to_a_bigdata_enterprise(personas, client_for, hikvision, role, status):
    response = client_for(personas[role]).post(reverse("visits:visit-create"), visit_form(hikvision))
    assert response.status_code == status
    if status == 200:  # another office is not offered the enterprise
        assert "选择一个有效的选项" in response.content.decode()
    assert Visit.objects.filter(enterprise=hikvision).exists() == (status == 302)


def test_the_service_refuses_an_office_visit_outside_its_clusters(personas, hikvision):
    with pytest.raises(PermissionDenied, match="不在您的管理范围内"):
        services.create_visit(
            actor=personas["other_office"],
            data={
                "date": D(2025, 9, 29),
                "enterprise": hikvision,
                "officials": [personas["other_office"]],
                "purpose": "越界走访",
            },
        )
    assert not Visit.objects.filter(purpose="越界走访").exists()


def test_investment_visits_any_enterprise_and_edits_only_its_own_visits(personas, client_for, composites, visit):
    client = client_for(personas["investment"])
    assert client.post(reverse("visits:visit-create"), visit_form(composites, purpose="招商对接")).status_code == 302
    own = Visit.objects.get(purpose="招商对接")
    assert own.recorded_by == personas["investment"]
    assert client.get(reverse("visits:visit-update", args=[own.pk])).status_code == 200
    assert client.get(reverse("visits:visit-update", args=[visit.pk])).status_code == 403  # recorded by 产业办
    # The materials office may edit the visit to its enterprise; the bigdata office may not.
    assert client_for(personas["other_office"]).get(reverse("visits:visit-update", args=[own.pk])).status_code == 200
    assert client_for(personas["office"]).get(reverse("visits:visit-update", args=[own.pk])).status_code == 403


def test_a_visit_needs_an_official_and_a_date_not_in_the_future(personas, client_for, hikvision):
    client = client_for(personas["office"])
    future = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("visits:visit-create"), visit_form(hikvision, date=future, other_officials=""))
    html = response.content.decode()
    assert response.status_code == 200 and "走访日期不能晚于今天" in html and "至少填写一名走访人员" in html
    assert not Visit.objects.exists()


def test_every_role_reads_visits_and_the_visit_shows_only_the_appeals_one_may_see(
    make_appeal, visit, personas, client_for
):
    make_appeal(visit=visit, description="走访中提出：用地")
    for role in ROLES:
        page = client_for(personas[role]).get(visit.get_absolute_url())
        assert page.status_code == 200
        assert ("走访中提出：用地" in page.content.decode()) == (role in ("admin", "leader", "office")), role
    page = client_for(personas["statistics"]).get(reverse("visits:visit-list")).content.decode()
    assert "了解扩产计划" in page and "区经信委 李四" in page


def test_a_visit_with_appeals_cannot_be_deleted(make_appeal, visit, personas, client_for):
    make_appeal(visit=visit)
    response = client_for(personas["office"]).post(reverse("visits:visit-delete", args=[visit.pk]), follow=True)
    assert "仍被其他记录引用" in response.content.decode()
    assert Visit.objects.filter(pk=visit.pk).exists()


def test_an_appeal_from_a_visit_is_prefilled(visit, personas, client_for):
    page = client_for(personas["office"]).get(reverse("visits:appeal-create") + f"?visit={visit.pk}").content.decode()
    assert 'value="2025-09-29"' in page and f'<option value="{visit.pk}" selected' in page


# --- the panel on the enterprise page ---------------------------------------------------------------------------


def test_the_enterprise_page_shows_its_visits_and_the_appeals_the_reader_may_see(
    make_appeal, visit, personas, client_for, hikvision
):
    make_appeal(description="面板中的诉求")
    page = client_for(personas["office"]).get(hikvision.get_absolute_url()).content.decode()
    assert 'id="enterprise-visits-panel"' in page and "了解扩产计划" in page and "面板中的诉求" in page
    assert "登记诉求" in page and "记录走访" in page
    other = client_for(personas["other_office"]).get(hikvision.get_absolute_url()).content.decode()
    assert "了解扩产计划" in other and "面板中的诉求" not in other and "登记诉求" in other
    leader = client_for(personas["leader"]).get(hikvision.get_absolute_url()).content.decode()
    assert "面板中的诉求" in leader and "登记诉求" not in leader and "记录走访" not in leader


def test_the_module_works_with_no_data(personas, client_for, demo):
    assert not Visit.objects.exists() and not Appeal.objects.exists()
    client = client_for(personas["leader"])
    assert "尚无您可查看的诉求" in client.get(reverse("visits:bottlenecks")).content.decode()
    assert "没有符合条件的诉求" in client.get(reverse("visits:appeal-overdue")).content.decode()


# --- office heads -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("office", 403), ("leader", 403)])
def test_only_an_admin_sets_office_heads(personas, client_for, bigdata_office, role, status):
    assert client_for(personas[role]).get(reverse("visits:officehead-create")).status_code == status


def test_an_admin_sets_an_office_head(personas, client_for, bigdata_office):
    client = client_for(personas["admin"])
    response = client.post(
        reverse("visits:officehead-create"), {"office": bigdata_office.pk, "user": personas["other_office"].pk}
    )
    assert response.status_code == 200 and "负责人须为" in response.content.decode()
    response = client.post(
        reverse("visits:officehead-create"), {"office": bigdata_office.pk, "user": personas["office"].pk}
    )
    assert response.status_code == 302
    assert "office" in client.get(reverse("visits:officehead-list")).content.decode()
    assert bigdata_office.head.user == personas["office"]


def test_the_search_box_asks_htmx_for_the_results_table_only(make_appeal, personas, client_for):
    make_appeal(description="局部刷新的诉求")
    response = client_for(personas["office"]).get(reverse("visits:appeal-list") + "?q=局部", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "局部刷新的诉求" in html and "<html" not in html
    assert client_for(personas["office"]).get(reverse("visits:appeal-list") + "?q=%231").status_code == 200
