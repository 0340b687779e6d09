"""/api/v1/visits/, /api/v1/appeals/ and /api/v1/notifications/: the rules of the pages."""

import datetime

import pytest

from chanye.conftest import token_header as token
from chanye.core.models import AuditEntry
from chanye.visits import services
from chanye.visits.models import Appeal, Notification, Visit

D = datetime.date
ENDPOINTS = ["/api/v1/visits/", "/api/v1/appeals/", "/api/v1/notifications/"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_without_credentials_401_and_without_a_role_403(personas, client, url):
    assert client.get(url).status_code == 401
    assert client.get(url, **token(personas["norole"])).status_code == 403


def test_appeals_are_listed_as_each_user_may_see_them(make_appeal, materials_appeal, personas, client):
    own = make_appeal(received_on=D(2025, 9, 30))
    body = client.get("/api/v1/appeals/", **token(personas["office"])).json()
    assert [a["id"] for a in body["results"]] == [own.pk]
    first = body["results"][0]
    assert first["status"] == "受理" and first["office_name"] == "大数据智能化产业发展办公室"
    assert [(d["key"], d["due"], d["state"]) for d in first["deadlines"]] == [
        ("respond", "2025-10-09", "已超期"),
        ("assess", "2025-10-11", "已超期"),
        ("feedback", "2025-10-14", "已超期"),
    ]
    leader = client.get("/api/v1/appeals/", **token(personas["leader"])).json()
    assert leader["count"] == 2
    assert client.get(f"/api/v1/appeals/{materials_appeal.pk}/", **token(personas["office"])).status_code == 404
    filtered = client.get("/api/v1/appeals/?category=融资", **token(personas["leader"])).json()
    assert [a["id"] for a in filtered["results"]] == [materials_appeal.pk]
    overdue = client.get("/api/v1/appeals/?overdue=1", **token(personas["leader"])).json()
    assert [a["id"] for a in overdue["results"]] == [own.pk]


def test_an_office_files_an_appeal_and_the_status_stays_received(personas, client, hikvision, bigdata_office):
    response = client.post(
        "/api/v1/appeals/",
        {
            "enterprise": hikvision.pk,
            "category": "用工",
            "description": "招工难",
            "office": bigdata_office.pk,
            "status": "已办结",
        },
        content_type="application/json",
        **token(personas["office"]),
    )
    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get(description="招工难")
    assert appeal.status == "受理" and appeal.recorded_by == personas["office"]  # status is read-only here
    assert AuditEntry.objects.for_object(appeal).get().action == "create"


@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("investment", 403), ("statistics", 403)])
def test_who_cannot_file_an_appeal_through_the_api(personas, client, hikvision, bigdata_office, role, status):
    response = client.post(
        "/api/v1/appeals/",
        {"enterprise": hikvision.pk, "category": "用工", "description": "招工难", "office": bigdata_office.pk},
        content_type="application/json",
        **token(personas[role]),
    )
    assert response.status_code == status
    assert not Appeal.objects.exists()


def test_an_office_cannot_file_with_another_office_through_the_api(personas, client, composites, materials_office):
    response = client.post(
        "/api/v1/appeals/",
        {"enterprise": composites.pk, "category": "用工", "description": "越权", "office": materials_office.pk},
        content_type="application/json",
        **token(personas["office"]),
    )
    assert response.status_code == 403 and not Appeal.objects.exists()


def test_status_changes_through_the_status_action(make_appeal, personas, client):
    appeal = make_appeal()
    url = f"/api/v1/appeals/{appeal.pk}/status/"
    headers = token(personas["office"])
    response = client.post(url, {"status": "办理中"}, content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["status"] == "办理中"
    assert response.json()["responded_at"] and response.json()["assessed_at"]
    refused = client.post(url, {"status": "受理"}, content_type="application/json", **headers)
    assert refused.status_code == 400 and "不能从“办理中”变更为“受理”" in refused.json()["status"][0]
    missing = client.post(url, {"status": "无法办理"}, content_type="application/json", **headers)
    assert missing.status_code == 400 and "必须填写原因" in missing.json()["reason"][0]
    unknown = client.post(url, {"status": "撤销"}, content_type="application/json", **headers)
    assert unknown.status_code == 400
    done = client.post(
        url,
        {"status": "已办结", "satisfaction": "不满意", "resolution": "已答复"},
        content_type="application/json",
        **headers,
    )
    assert done.status_code == 200 and done.json()["satisfaction"] == "不满意"
    again = client.post(url, {"status": "无法办理", "reason": "x"}, content_type="application/json", **headers)
    assert again.status_code == 400 and "状态不能再变更" in again.json()["status"][0]


@pytest.mark.parametrize(
    ("role", "status"), [("leader", 403), ("other_office", 404), ("investment", 404), ("admin", 200)]
)
def test_who_may_change_a_status_through_the_api(make_appeal, personas, client, role, status):
    appeal = make_appeal()
    response = client.post(
        f"/api/v1/appeals/{appeal.pk}/status/",
        {"status": "办理中"},
        content_type="application/json",
        **token(personas[role]),
    )
    assert response.status_code == status
    appeal.refresh_from_db()
    assert appeal.status == ("办理中" if status == 200 else "受理")


def test_patching_an_appeal_assigns_and_notifies(make_appeal, personas, client, second_member):
    appeal = make_appeal()
    response = client.patch(
        f"/api/v1/appeals/{appeal.pk}/",
        {"assignee": second_member.pk, "status": "已办结"},
        content_type="application/json",
        **token(personas["office"]),
    )
    assert response.status_code == 200
    appeal.refresh_from_db()
    assert appeal.assignee == second_member and appeal.status == "受理"
    assert Notification.objects.filter(recipient=second_member).count() == 1
    wrong = client.patch(
        f"/api/v1/appeals/{appeal.pk}/",
        {"assignee": personas["other_office"].pk},
        content_type="application/json",
        **token(personas["office"]),
    )
    assert wrong.status_code == 400 and "承办人须为承办部门" in str(wrong.json())
    leader = client.patch(
        f"/api/v1/appeals/{appeal.pk}/",
        {"description": "改"},
        content_type="application/json",
        **token(personas["leader"]),
    )
    assert leader.status_code == 403
    delete = client.delete(f"/api/v1/appeals/{appeal.pk}/", **token(personas["office"]))
    assert delete.status_code == 403 and Appeal.objects.filter(pk=appeal.pk).exists()


def test_visits_through_the_api(personas, client, hikvision, composites):
    response = client.post(
        "/api/v1/visits/",
        {
            "date": "2025-09-29",
            "enterprise": composites.pk,
            "officials": [personas["investment"].pk],
            "purpose": "招商回访",
        },
        content_type="application/json",
        **token(personas["investment"]),
    )
    assert response.status_code == 201, response.content
    visit = Visit.objects.get(purpose="招商回访")
    assert response.json()["official_names"] == ["investment"] and visit.recorded_by == personas["investment"]
    future = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    bad = client.post(
        "/api/v1/visits/",
        {"date": future, "enterprise": hikvision.pk, "purpose": "未来走访", "other_officials": "张三"},
        content_type="application/json",
        **token(personas["office"]),
    )
    assert bad.status_code == 400 and "走访日期不能晚于今天" in str(bad.json())
    nobody = client.post(
        "/api/v1/visits/",
        {"date": "2025-09-29", "enterprise": hikvision.pk, "purpose": "无人走访"},
        content_type="application/json",
        **token(personas["office"]),
    )
    assert nobody.status_code == 400 and "至少填写一名走访人员" in str(nobody.json())
    outside = client.post(
        "/api/v1/visits/",
        {"date": "2025-09-29", "enterprise": hikvision.pk, "purpose": "越界", "other_officials": "张三"},
        content_type="application/json",
        **token(personas["other_office"]),
    )
    assert outside.status_code == 403
    leader = client.post(
        "/api/v1/visits/",
        {"date": "2025-09-29", "enterprise": hikvision.pk, "purpose": "领导", "other_officials": "张三"},
        content_type="application/json",
        **token(personas["leader"]),
    )
    assert leader.status_code == 403
    assert client.get("/api/v1/visits/", **token(personas["statistics"])).json()["count"] == 1
    patch = client.patch(
        f"/api/v1/visits/{visit.pk}/", {"notes": "改"}, content_type="application/json", **token(personas["office"])
    )
    assert patch.status_code == 403  # a 新材料 enterprise, visited by 招商局


def test_a_visit_lists_only_the_appeals_the_reader_may_see(make_appeal, personas, client, hikvision):
    visit = services.create_visit(
        actor=None, data={"date": D(2025, 9, 29), "enterprise": hikvision, "purpose": "调研", "other_officials": "张三"}
    )
    appeal = make_appeal(visit=visit)
    assert client.get(f"/api/v1/visits/{visit.pk}/", **token(personas["office"])).json()["appeals"] == [appeal.pk]
    assert client.get(f"/api/v1/visits/{visit.pk}/", **token(personas["other_office"])).json()["appeals"] == []


def test_notifications_through_the_api(make_appeal, personas, client, second_member):
    services.assign_appeal(actor=personas["office"], appeal=make_appeal(), assignee=second_member)
    mine = client.get("/api/v1/notifications/?unread=1", **token(second_member)).json()
    assert mine["count"] == 1
    note_id = mine["results"][0]["id"]
    assert client.get(f"/api/v1/notifications/{note_id}/", **token(personas["office"])).status_code == 404
    assert client.post(f"/api/v1/notifications/{note_id}/read/", **token(personas["office"])).status_code == 404
    read = client.post(f"/api/v1/notifications/{note_id}/read/", **token(second_member))
    assert read.status_code == 200 and read.json()["read_at"]
    assert client.get("/api/v1/notifications/?unread=1", **token(second_member)).json()["count"] == 0
    assert client.post("/api/v1/notifications/read-all/", **token(second_member)).json() == {"marked": 0}


def test_the_schema_describes_the_endpoints(personas, client_for):
    schema = client_for(personas["leader"]).get("/api/v1/schema/").content.decode()
    assert "/api/v1/appeals/{id}/status/" in schema and "/api/v1/visits/" in schema
