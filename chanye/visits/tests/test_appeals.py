"""Appeals: deadlines in working days, status rules, escalation, notifications."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from chanye.core.models import AuditEntry
from chanye.visits import services
from chanye.visits.deadlines import LATE, ON_TIME, OVERDUE, PENDING
from chanye.visits.models import Appeal, Escalation, Notification

D = datetime.date


# --- deadlines --------------------------------------------------------------------------------------------------


def test_the_three_deadlines_skip_the_national_day_holiday(holiday_appeal):
    respond, assess, feedback = holiday_appeal.deadlines(today=D(2025, 10, 9))
    assert (respond.label, respond.due) == ("首次响应", D(2025, 10, 9))
    assert (assess.label, assess.due) == ("研判", D(2025, 10, 11))  # the Saturday worked in lieu
    assert (feedback.label, feedback.due) == ("反馈办结", D(2025, 10, 14))
    assert [d.state for d in (respond, assess, feedback)] == [PENDING] * 3
    assert respond.remaining == 0 and feedback.remaining == 4  # 10, 11 (周六调休), 13, 14 October


def test_a_deadline_is_overdue_the_day_after_it(holiday_appeal):
    assert not Appeal.objects.overdue(D(2025, 10, 9)).filter(pk=holiday_appeal.pk).exists()
    assert Appeal.objects.overdue(D(2025, 10, 10)).filter(pk=holiday_appeal.pk).exists()
    states = [d.state for d in holiday_appeal.deadlines(today=D(2025, 10, 12))]
    assert states == [OVERDUE, OVERDUE, PENDING]  # 研判 was due on Saturday the 11th, a working day
    assert Appeal.objects.overdue(D(2025, 10, 12)).filter(pk=holiday_appeal.pk).count() == 1


def test_the_deadline_policy_comes_from_settings_with_defaults(holiday_appeal, settings):
    settings.CHANYE_APPEAL_DEADLINES = {"respond": 2}
    respond, assess, feedback = holiday_appeal.deadlines(today=D(2025, 10, 10))
    assert (respond.days, assess.days, feedback.days) == (2, 3, 5)
    assert respond.due == D(2025, 10, 10) and respond.state == PENDING
    assert not Appeal.objects.overdue(D(2025, 10, 10)).filter(pk=holiday_appeal.pk).exists()


def test_milestones_met_on_time_and_late(make_appeal, personas):
    fresh = make_appeal()  # received today
    services.change_appeal_status(actor=personas["office"], appeal=fresh, status="办理中")
    fresh.refresh_from_db()
    respond, assess, feedback = fresh.deadlines()
    assert respond.state == assess.state == ON_TIME and feedback.state == PENDING
    old = make_appeal(received_on=D(2025, 9, 30))
    services.change_appeal_status(actor=personas["office"], appeal=old, status="已办结", satisfaction="满意")
    old.refresh_from_db()
    assert [d.state for d in old.deadlines()] == [LATE, LATE, LATE]
    assert not Appeal.objects.overdue().filter(pk=old.pk).exists()  # late, but no longer overdue


# --- status rules -----------------------------------------------------------------------------------------------


def test_received_to_in_progress_to_done_records_each_milestone_and_audit(make_appeal, personas):
    appeal = make_appeal()
    assert appeal.status == "受理" and appeal.responded_at is None
    appeal = services.change_appeal_status(actor=personas["office"], appeal=appeal, status="办理中", note="已联系企业")
    assert appeal.responded_at and appeal.assessed_at and appeal.closed_at is None
    responded = appeal.responded_at
    appeal = services.change_appeal_status(
        actor=personas["office"], appeal=appeal, status="已办结", satisfaction="基本满意", resolution="已协调用地指标"
    )
    assert (appeal.status, appeal.satisfaction, appeal.resolution) == ("已办结", "基本满意", "已协调用地指标")
    assert appeal.closed_at and appeal.responded_at == responded  # the first action stays the first
    notes = list(AuditEntry.objects.for_object(appeal).order_by("pk").values_list("note", flat=True))
    assert notes[-2:] == ["办理状态：受理 → 办理中；已联系企业", "办理状态：办理中 → 已办结"]
    entry = AuditEntry.objects.for_object(appeal).order_by("pk").last()
    assert (entry.before["status"], entry.after["status"], entry.actor_name) == ("办理中", "已办结", "office")


@pytest.mark.parametrize(("start", "target"), [("受理", "已办结"), ("受理", "无法办理"), ("办理中", "无法办理")])
def test_the_other_allowed_transitions(make_appeal, personas, start, target):
    appeal = make_appeal()
    if start == "办理中":
        appeal = services.change_appeal_status(actor=personas["office"], appeal=appeal, status="办理中")
    extra = {"satisfaction": "满意"} if target == "已办结" else {"reason": "不符合用地规划"}
    appeal = services.change_appeal_status(actor=personas["office"], appeal=appeal, status=target, **extra)
    assert appeal.status == target and appeal.closed_at is not None


@pytest.mark.parametrize(
    ("path", "target", "message"),
    [
        (["办理中"], "受理", "不能从“办理中”变更为“受理”"),
        (["已办结"], "办理中", "状态不能再变更"),
        (["已办结"], "无法办理", "状态不能再变更"),
        (["无法办理"], "办理中", "状态不能再变更"),
        (["无法办理"], "已办结", "状态不能再变更"),
        ([], "受理", "诉求已是“受理”状态"),
        ([], "已撤销", "未知的办理状态"),
    ],
)
def test_refused_transitions_change_nothing(make_appeal, personas, path, target, message):
    appeal = make_appeal()
    for status in path:
        extra = (
            {"satisfaction": "满意"} if status == "已办结" else {"reason": "超出职权"} if status == "无法办理" else {}
        )
        appeal = services.change_appeal_status(actor=personas["office"], appeal=appeal, status=status, **extra)
    before = (appeal.status, AuditEntry.objects.for_object(appeal).count())
    extra = {"satisfaction": "满意"} if target == "已办结" else {"reason": "原因"} if target == "无法办理" else {}
    with pytest.raises(ValidationError, match=message):
        services.change_appeal_status(actor=personas["office"], appeal=appeal, status=target, **extra)
    appeal.refresh_from_db()
    assert (appeal.status, AuditEntry.objects.for_object(appeal).count()) == before


@pytest.mark.parametrize(
    ("status", "extra", "field", "message"),
    [
        ("无法办理", {}, "reason", "必须填写原因"),
        ("无法办理", {"reason": "   "}, "reason", "必须填写原因"),
        ("已办结", {}, "satisfaction", "必须填写企业满意度"),
        ("已办结", {"satisfaction": "非常满意"}, "satisfaction", "未知的满意度"),
        ("办理中", {"satisfaction": "满意"}, "satisfaction", "只有办结时"),
        ("已办结", {"satisfaction": "满意", "reason": "多余"}, "reason", "只有“无法办理”时"),
    ],
)
def test_what_each_status_needs(make_appeal, personas, status, extra, field, message):
    appeal = make_appeal()
    with pytest.raises(ValidationError) as caught:
        services.change_appeal_status(actor=personas["office"], appeal=appeal, status=status, **extra)
    assert message in " ".join(caught.value.message_dict[field])
    appeal.refresh_from_db()
    assert appeal.status == "受理" and appeal.responded_at is None


def test_status_is_not_editable_outside_the_status_service(make_appeal, personas):
    appeal = make_appeal()
    with pytest.raises(ValidationError, match="只能通过“变更状态”修改"):
        services.update_appeal(actor=personas["office"], appeal=appeal, data={"status": "已办结"})
    with pytest.raises(ValidationError, match="只能通过“变更状态”修改"):
        services.create_appeal(actor=personas["office"], data={"status": "已办结"})


def test_a_closed_appeal_cannot_be_edited(make_appeal, personas):
    appeal = services.change_appeal_status(
        actor=personas["office"], appeal=make_appeal(), status="无法办理", reason="属市级事权"
    )
    with pytest.raises(ValidationError, match="不能再修改"):
        services.update_appeal(actor=personas["office"], appeal=appeal, data={"description": "改"})


def test_the_status_page_explains_a_missing_reason(make_appeal, personas, client_for):
    appeal = make_appeal()
    url = reverse("visits:appeal-status", args=[appeal.pk])
    client = client_for(personas["office"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "无法办理", "reason": "", "satisfaction": "", "resolution": "", "note": ""})
    assert response.status_code == 200 and "标记为“无法办理”时必须填写原因" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "受理"
    response = client.post(url, {"status": "已办结", "satisfaction": "", "reason": "", "resolution": "", "note": ""})
    assert "办结时必须填写企业满意度" in response.content.decode()
    response = client.post(
        url, {"status": "已办结", "satisfaction": "满意", "reason": "", "resolution": "已供地", "note": ""}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.satisfaction) == ("已办结", "满意")
    page = client.get(url).content.decode()
    assert "状态不能再变更" in page
    response = client.post(url, {"status": "办理中", "satisfaction": "", "reason": "", "resolution": "", "note": ""})
    assert response.status_code == 200 and "状态不能再变更" in response.content.decode()


# --- bad input --------------------------------------------------------------------------------------------------


def test_an_assignee_must_belong_to_the_owning_office(make_appeal, personas):
    with pytest.raises(ValidationError) as caught:
        make_appeal(assignee=personas["other_office"])
    assert "承办人须为承办部门" in caught.value.message_dict["assignee"][0]


def test_the_received_date_cannot_be_in_the_future_or_before_the_visit(make_appeal, personas, hikvision, composites):
    with pytest.raises(ValidationError, match="受理日期不能晚于今天"):
        make_appeal(received_on=datetime.date.today() + datetime.timedelta(days=2))
    visit = services.create_visit(
        actor=None, data={"date": D(2025, 9, 1), "enterprise": hikvision, "purpose": "调研", "other_officials": "张三"}
    )
    with pytest.raises(ValidationError, match="不能早于走访日期"):
        make_appeal(visit=visit, received_on=D(2025, 8, 31))
    with pytest.raises(ValidationError, match="走访的不是"):
        make_appeal(visit=visit, enterprise=composites)
    appeal = make_appeal(visit=visit)
    assert appeal.received_on == D(2025, 9, 1)  # from the visit when not given


def test_an_office_cannot_file_an_appeal_with_another_office(personas, materials_office, hikvision):
    with pytest.raises(PermissionDenied):
        services.create_appeal(
            actor=personas["office"],
            data={"enterprise": hikvision, "category": "人才", "description": "人才公寓", "office": materials_office},
        )
    assert not Appeal.objects.filter(description="人才公寓").exists()


# --- notifications ----------------------------------------------------------------------------------------------


def test_assignment_notifies_the_assignee_but_not_someone_who_takes_it_themselves(make_appeal, personas, second_member):
    appeal = make_appeal()
    services.assign_appeal(actor=personas["office"], appeal=appeal, assignee=second_member)
    note = Notification.objects.get(recipient=second_member)
    assert f"诉求#{appeal.pk}" in note.text and "指派您承办" in note.text and note.link == appeal.get_absolute_url()
    appeal.refresh_from_db()
    assert appeal.responded_at is not None  # assigning a handler is the first action
    services.assign_appeal(actor=personas["office"], appeal=appeal, assignee=personas["office"])
    assert not Notification.objects.filter(recipient=personas["office"]).exists()


def test_an_appeal_created_with_an_assignee_notifies_them(
    personas, client_for, hikvision, bigdata_office, second_member
):
    response = client_for(personas["office"]).post(
        reverse("visits:appeal-create"),
        {
            "enterprise": hikvision.pk,
            "category": "审批",
            "description": "环评审批进度",
            "office": bigdata_office.pk,
            "assignee": second_member.pk,
            "received_on": "",
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get(description="环评审批进度")
    assert appeal.received_on == datetime.date.today() and appeal.recorded_by == personas["office"]
    assert Notification.objects.filter(recipient=second_member, link=appeal.get_absolute_url()).count() == 1


def test_the_badge_counts_unread_and_the_list_marks_them_read(make_appeal, personas, second_member, client_for):
    client = client_for(second_member)
    assert 'id="notification-badge"' in client.get(reverse("visits:appeal-list")).content.decode()
    first, second = make_appeal(), make_appeal()
    services.assign_appeal(actor=personas["office"], appeal=first, assignee=second_member)
    services.assign_appeal(actor=personas["office"], appeal=second, assignee=second_member)
    page = client.get(reverse("visits:appeal-list")).content.decode()
    assert "2 条未读" in page
    one = Notification.objects.filter(recipient=second_member).order_by("pk").first()
    assert client.post(reverse("visits:notification-list"), {"id": [one.pk]}).status_code == 302
    assert Notification.objects.filter(recipient=second_member, read_at__isnull=True).count() == 1
    other = Notification.objects.filter(recipient=second_member, read_at__isnull=True).get()
    response = client.get(reverse("visits:notification-open", args=[other.pk]))
    assert response.status_code == 302 and response["Location"] == second.get_absolute_url()
    assert "条未读" not in client.get(reverse("visits:notification-list")).content.decode()


def test_nobody_reads_or_marks_another_users_notifications(make_appeal, personas, second_member, client_for):
    services.assign_appeal(actor=personas["office"], appeal=make_appeal(), assignee=second_member)
    note = Notification.objects.get(recipient=second_member)
    assert client_for(personas["admin"]).get(reverse("visits:notification-open", args=[note.pk])).status_code == 404
    client_for(personas["office"]).post(reverse("visits:notification-list"), {"id": [note.pk]})
    with pytest.raises(PermissionDenied):
        services.mark_read(actor=personas["office"], notifications=[note])
    note.refresh_from_db()
    assert note.read_at is None


def test_the_badge_renders_nothing_for_anonymous_users_and_users_without_a_role(client, personas, client_for):
    login = client.get(reverse("login")).content.decode()
    assert "notification-badge" not in login
    assert client_for(personas["norole"]).get(reverse("visits:notification-list")).status_code == 403


# --- escalation -------------------------------------------------------------------------------------------------


def test_escalation_notifies_the_office_head_and_assignee_once(holiday_appeal, head, personas, second_member):
    services.assign_appeal(actor=personas["office"], appeal=holiday_appeal, assignee=second_member)
    assert services.escalate_overdue(today=D(2025, 10, 9)) == []  # the first deadline is today: not yet overdue
    # 首次响应 is met (assignment), so the 研判 deadline (Saturday 11th, worked in lieu) is the first to pass.
    made = services.escalate_overdue(today=D(2025, 10, 13))
    assert [(e.milestone, e.due) for e in made] == [("assess", D(2025, 10, 11))]
    head_notes = Notification.objects.filter(recipient=head)
    assert head_notes.count() == 1 and "“研判”已超期" in head_notes.get().text
    assert Notification.objects.filter(recipient=second_member, text__contains="超期").count() == 1
    assert services.escalate_overdue(today=D(2025, 10, 13)) == []  # idempotent
    assert Notification.objects.filter(recipient=head).count() == 1
    later = services.escalate_overdue(today=D(2025, 10, 15))
    assert [e.milestone for e in later] == ["feedback"]
    assert Notification.objects.filter(recipient=head).count() == 2
    assert AuditEntry.objects.filter(content_type__model="escalation").count() == 2


def test_the_command_is_idempotent(holiday_appeal, head):
    out = io.StringIO()
    call_command("escalate_appeals", "--date", "2025-10-20", stdout=out)
    assert "新升级 3 个超期环节" in out.getvalue()
    assert Notification.objects.filter(recipient=head).count() == 3
    out = io.StringIO()
    call_command("escalate_appeals", "--date", "2025-10-20", stdout=out)
    assert "新升级 0 个超期环节" in out.getvalue()
    assert Notification.objects.filter(recipient=head).count() == 3
    assert Escalation.objects.filter(appeal=holiday_appeal).count() == 3


def test_an_office_without_a_head_is_reported(materials_office, personas, composites):
    appeal = services.create_appeal(
        actor=None,
        data={
            "enterprise": composites,
            "category": "物流",
            "description": "货运通道",
            "office": materials_office,
            "received_on": D(2025, 9, 30),
        },
    )
    err = io.StringIO()
    call_command("escalate_appeals", "--date", "2025-10-10", stdout=io.StringIO(), stderr=err)
    assert "新材料产业发展办公室" in err.getvalue() and "未设置负责人" in err.getvalue()
    assert Escalation.objects.get(appeal=appeal, milestone="respond").recipients == "部门未设负责人"


def test_a_bad_date_for_the_command_is_explained(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("escalate_appeals", "--date", "2025年10月1日")


def test_closed_appeals_are_never_escalated(make_appeal, head, personas):
    appeal = make_appeal(received_on=D(2025, 9, 30))
    services.change_appeal_status(actor=personas["office"], appeal=appeal, status="无法办理", reason="企业已迁出")
    assert services.escalate_overdue(today=D(2025, 12, 1)) == []


def test_the_office_head_must_be_a_member(bigdata_office, personas):
    with pytest.raises(ValidationError, match="负责人须为"):
        services.create_officehead(actor=None, data={"office": bigdata_office, "user": personas["other_office"]})


@pytest.mark.parametrize("policy", [{"respond": -1}, {"respond": "1"}, {"reply": 2}])
def test_a_bad_deadline_policy_is_a_configuration_error(holiday_appeal, settings, policy):
    from django.core.exceptions import ImproperlyConfigured

    settings.CHANYE_APPEAL_DEADLINES = policy
    with pytest.raises(ImproperlyConfigured, match="CHANYE_APPEAL_DEADLINES"):
        holiday_appeal.deadlines()
