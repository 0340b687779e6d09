"""Every write on visits, appeals, office heads and notifications. Keyword-only functions that
own their transaction; visits, appeals, office heads and escalations are audited through
chanye.core.services / chanye.core.audit.

Notifications are messages, not records: they are created inside the audited action that causes
them (an assignment, an escalation), and a user marking their own notifications read is not
audited (it is the state of a personal inbox, like a last-login time).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from chanye.core import audit
from chanye.core import services as core
from chanye.core.querysets import CHANGE

from . import deadlines
from .models import Appeal, Escalation, Notification, OfficeHead, Visit, user_label

# Written only by change_appeal_status (and the milestones by the services themselves).
STATUS_FIELDS = ("status", "reason", "resolution", "satisfaction", "responded_at", "assessed_at", "closed_at")


# --- visits -----------------------------------------------------------------------------------------------------


def _check_officials(data: dict, visit: Visit | None = None) -> None:
    officials = data["officials"] if "officials" in data else (list(visit.officials.all()) if visit else [])
    others = data.get("other_officials", visit.other_officials if visit else "")
    if not officials and not (others or "").strip():
        raise ValidationError({"officials": "请至少填写一名走访人员（平台用户或其他走访人员）"})


def create_visit(*, actor, data: dict, note: str = "") -> Visit:
    _check_officials(data)
    return core.create(actor=actor, model=Visit, data={**data, "recorded_by": audit.acting_user(actor)}, note=note)


def update_visit(*, actor, visit: Visit, data: dict, note: str = "") -> Visit:
    _check_officials(data, visit)
    return core.update(actor=actor, obj=visit, data=data, note=note)


def delete_visit(*, actor, visit: Visit) -> None:
    core.delete(actor=actor, obj=visit)  # refused while appeals point to it (PROTECT)


# --- notifications ----------------------------------------------------------------------------------------------


def notify(*, recipient, text: str, link: str = "") -> Notification:
    return Notification.objects.create(recipient=recipient, text=text[:300], link=link[:300])


def _notify_assignment(actor, appeal: Appeal) -> None:
    if appeal.assignee_id is None or appeal.assignee_id == getattr(actor, "pk", None):
        return  # nobody to tell, or people who take a case themselves
    who = user_label(actor) if audit.acting_user(actor) else "系统"
    notify(
        recipient=appeal.assignee,
        link=appeal.get_absolute_url(),
        text=f"{who}指派您承办{appeal}：{appeal.description[:60]}",
    )


@transaction.atomic
def mark_read(*, actor, notifications=None) -> int:
    """Mark the actor's own notifications read (all unread ones when none are named)."""
    mine = Notification.objects.for_recipient(actor).unread()
    if notifications is not None:
        ids = [getattr(n, "pk", n) for n in notifications]
        if Notification.objects.filter(pk__in=ids).exclude(recipient=actor).exists():
            raise PermissionDenied("只能标记自己的通知")
        mine = mine.filter(pk__in=ids)
    return mine.update(read_at=timezone.now())


# --- appeals ----------------------------------------------------------------------------------------------------


def _refuse_status_fields(data: dict) -> None:
    if given := [f for f in STATUS_FIELDS if f in data]:
        raise ValidationError(f"办理状态、原因、满意度和办理时间只能通过“变更状态”修改（收到：{'、'.join(given)}）")


@transaction.atomic
def create_appeal(*, actor, data: dict, note: str = "") -> Appeal:
    _refuse_status_fields(data)
    data = {**data, "recorded_by": audit.acting_user(actor)}
    if data.get("visit") is not None and not data.get("received_on"):
        data["received_on"] = data["visit"].date
    if data.get("assignee") is not None:
        data["responded_at"] = timezone.now()  # assigning a handler is the first action
    appeal = core.create(actor=actor, model=Appeal, data=data, note=note)
    _notify_assignment(actor, appeal)
    return appeal


@transaction.atomic
def update_appeal(*, actor, appeal: Appeal, data: dict, note: str = "") -> Appeal:
    _refuse_status_fields(data)
    core.ensure_can(actor, appeal, CHANGE)
    current = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not current.is_open:
        raise ValidationError(f"诉求已“{current.status}”，不能再修改")
    data = dict(data)
    assigned = (
        "assignee" in data
        and data["assignee"] is not None
        and getattr(data["assignee"], "pk", None) != current.assignee_id
    )
    if assigned and current.responded_at is None:
        data["responded_at"] = timezone.now()
    appeal = core.update(actor=actor, obj=current, data=data, note=note)
    if assigned:
        _notify_assignment(actor, appeal)
    return appeal


def assign_appeal(*, actor, appeal: Appeal, assignee, note: str = "") -> Appeal:
    """Give the appeal to a member of its office (or take it: assignee=actor, 认领)."""
    return update_appeal(
        actor=actor,
        appeal=appeal,
        data={"assignee": assignee},
        note=note or ("认领" if assignee == actor else f"指派承办人：{user_label(assignee)}"),
    )


def delete_appeal(*, actor, appeal: Appeal) -> None:
    core.delete(actor=actor, obj=appeal)


@transaction.atomic
def change_appeal_status(
    *,
    actor,
    appeal: Appeal,
    status: str,
    reason: str = "",
    satisfaction: str = "",
    resolution: str = "",
    note: str = "",
) -> Appeal:
    """Move an appeal along 受理 → 办理中 → 已办结, or to 无法办理 (with its reason); 已办结 and
    无法办理 are final. Records the milestones it reaches and the audit entry."""
    core.ensure_can(actor, appeal, CHANGE)
    current = Appeal.objects.select_for_update().get(pk=appeal.pk)
    reason, resolution, note = (reason or "").strip(), (resolution or "").strip(), (note or "").strip()
    satisfaction = satisfaction or ""
    if status not in Appeal.Status.values:
        raise ValidationError({"status": f"未知的办理状态“{status}”（应为{'、'.join(Appeal.Status.values)}）"})
    if status == current.status:
        raise ValidationError({"status": f"诉求已是“{status}”状态"})
    if not current.is_open:
        raise ValidationError({"status": f"诉求已“{current.status}”，状态不能再变更"})
    if status not in current.next_statuses:
        allowed = "、".join(current.next_statuses)
        raise ValidationError({"status": f"不能从“{current.status}”变更为“{status}”（可变更为：{allowed}）"})
    errors = {}
    if status == Appeal.Status.UNABLE and not reason:
        errors["reason"] = "标记为“无法办理”时必须填写原因"
    if status != Appeal.Status.UNABLE and reason:
        errors["reason"] = "只有“无法办理”时才填写无法办理原因"
    if status == Appeal.Status.DONE and satisfaction not in Appeal.Satisfaction.values:
        errors["satisfaction"] = (
            "办结时必须填写企业满意度（满意、基本满意或不满意）"
            if not satisfaction
            else f"未知的满意度“{satisfaction}”（应为满意、基本满意或不满意）"
        )
    if status != Appeal.Status.DONE and satisfaction:
        errors["satisfaction"] = "只有办结时才填写企业满意度"
    if status != Appeal.Status.DONE and resolution:
        errors["resolution"] = "只有办结时才填写办结情况"
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    data = {"status": status, "responded_at": current.responded_at or now, "assessed_at": current.assessed_at or now}
    if status == Appeal.Status.UNABLE:
        data.update(reason=reason, closed_at=now)
    elif status == Appeal.Status.DONE:
        data.update(satisfaction=satisfaction, resolution=resolution, closed_at=now)
    summary = f"办理状态：{current.status} → {status}"
    return core.update(actor=actor, obj=current, data=data, note=f"{summary}；{note}" if note else summary)


# --- escalation -------------------------------------------------------------------------------------------------


def _head_of(office) -> OfficeHead | None:
    return OfficeHead.objects.select_related("user").filter(office=office).first()


@transaction.atomic
def _escalate(appeal: Appeal, key: str, due: datetime.date) -> Escalation | None:
    escalation, created = Escalation.objects.get_or_create(appeal=appeal, milestone=key, defaults={"due": due})
    if not created:
        return None
    label = deadlines.LABELS[key]
    head = _head_of(appeal.office)
    recipients = [u for u in {head.user if head else None, appeal.assignee} if u is not None and u.is_active]
    text = (
        f"{appeal}“{label}”已超期（期限 {due:%Y-%m-%d}，受理于 {appeal.received_on:%Y-%m-%d}），"
        f"承办部门：{appeal.office}，承办人：{user_label(appeal.assignee) or '未指派'}，请督办"
    )
    for user in sorted(recipients, key=lambda u: u.pk):
        notify(recipient=user, text=text, link=appeal.get_absolute_url())
    names = "、".join(user_label(u) for u in sorted(recipients, key=lambda u: u.pk))
    if head is None:
        names = f"{names}（部门未设负责人）" if names else "部门未设负责人"
    escalation.recipients = names[:300]
    escalation.save(update_fields=["recipients"])
    audit.record(actor=None, action="create", obj=escalation, before=None, note=f"{appeal}“{label}”超期升级")
    return escalation


def escalate_overdue(*, today: datetime.date | None = None) -> list[Escalation]:
    """Escalate every milestone that passed its deadline unmet and was not escalated yet: the office
    head and the assignee are notified, once per appeal and milestone (run it as often as you like)."""
    today = today or timezone.localdate()
    cutoffs = deadlines.overdue_cutoffs(today)
    days = deadlines.policy()
    made = []
    for key, _label, field in deadlines.MILESTONES:
        pending = (
            Appeal.objects.filter(**{f"{field}__isnull": True, "received_on__lte": cutoffs[key]})
            .exclude(escalations__milestone=key)
            .select_related("office", "assignee", "enterprise")
            .order_by("pk")
        )
        for appeal in pending:
            due = deadlines.workdays.add_workdays(appeal.received_on, days[key])
            if escalation := _escalate(appeal, key, due):
                made.append(escalation)
    return made


def notify_stale_figures(*, today: datetime.date | None = None) -> int:
    """过期数据周报: each member of an office that owns clusters with out-of-date figures is told which,
    once a week (a second run in the same week tells nobody again). Returns the notifications sent."""
    from django.urls import reverse

    from .reminders import stale_figures_by_office

    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    sent = 0
    for office, figures in stale_figures_by_office(today).items():
        clusters = sorted({f.cluster for f in figures}, key=lambda c: c.name)
        shown = "、".join(f"{f.cluster.name}·{f.indicator.name}（{f.period.label}）" for f in figures[:3])
        more = f"等 {len(figures)} 项" if len(figures) > 3 else f"共 {len(figures)} 项"
        text = f"过期数据周报（{year}年第{week}周）：{office}负责集群的 {shown}{more}数据已过期，请及时更新"
        link = f"{reverse('monitoring:cluster-figures', args=[clusters[0].pk])}?week={year}-W{week:02d}"
        for user in office.members.filter(is_active=True).order_by("pk"):
            if not Notification.objects.filter(recipient=user, link=link).exists():
                notify(recipient=user, text=text, link=link)
                sent += 1
    return sent


# --- office heads -----------------------------------------------------------------------------------------------


def create_officehead(*, actor, data: dict, note: str = "") -> OfficeHead:
    return core.create(actor=actor, model=OfficeHead, data=data, note=note)


def update_officehead(*, actor, officehead: OfficeHead, data: dict, note: str = "") -> OfficeHead:
    return core.update(actor=actor, obj=officehead, data=data, note=note)


def delete_officehead(*, actor, officehead: OfficeHead) -> None:
    core.delete(actor=actor, obj=officehead)
