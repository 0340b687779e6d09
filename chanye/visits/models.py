"""企业走访与诉求: visits to enterprises, the appeals (诉求) they raise, their deadlines in Chinese
working days, escalation to the office head, and in-platform notifications.

Who may do what (read through `restrict(user, action)` like every other domain):

- Visit (走访): every role reads. 产业办 records and edits visits to the enterprises of the
  clusters its office owns (as it edits those enterprises); 招商局 courts firms across every
  cluster, so it records visits to any enterprise and edits the visits it recorded or took part
  in. 管理员 everything; 领导 and 统计 read.
- Appeal (诉求): the members of the owning office read and change it; 领导 and 管理员 read all;
  领导 writes nothing; other roles read only the appeals of their own offices. Only 管理员
  deletes an appeal (it is a record of what an enterprise asked). Status changes only through
  `services.change_appeal_status`.
- OfficeHead (部门负责人, who escalations go to): every role reads, 管理员 sets.
- Notification: each user reads and marks their own (not through `restrict`: an inbox is personal,
  an administrator does not read other people's).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from chanye.accounts.models import Office
from chanye.core import roles
from chanye.core.models import actor_field
from chanye.core.querysets import CHANGE, RestrictedQuerySet
from chanye.registry.models import Enterprise


def user_label(user) -> str:
    """How a user is named on pages: full name when known, with the account name."""
    if user is None:
        return ""
    full = user.get_full_name().strip()
    return f"{full}（{user.get_username()}）" if full else user.get_username()


def _offices_of(user):
    return Office.objects.filter(members=user)


def _writes(user) -> bool:
    """领导 writes nothing, whatever else they hold."""
    return not roles.has(user, roles.LEADER)


class VisitQuerySet(RestrictedQuerySet):
    def changeable_by(self, user, action):
        if not _writes(user):
            return self.none()
        rules = []
        if roles.has(user, roles.INDUSTRY_OFFICE):
            rules.append(Q(enterprise__clusters__office__members=user))
        if roles.has(user, roles.INVESTMENT):
            rules.append(Q(recorded_by=user) | Q(officials=user))
        if not rules:
            return self.none()
        condition = rules[0]
        for rule in rules[1:]:
            condition |= rule
        # Through a subquery: the joins above would repeat a visit once per matching row.
        return self.filter(pk__in=Visit.objects.filter(condition).values("pk"))

    def addable_by(self, user):
        return _writes(user) and bool(roles.roles_of(user) & {roles.INDUSTRY_OFFICE, roles.INVESTMENT})

    def search(self, q: str):
        if not q:
            return self
        return self.filter(
            Q(enterprise__name__icontains=q)
            | Q(enterprise__short_name__icontains=q)
            | Q(purpose__icontains=q)
            | Q(notes__icontains=q)
            | Q(other_officials__icontains=q)
        )


class Visit(models.Model):
    date = models.DateField("走访日期")
    enterprise = models.ForeignKey(Enterprise, verbose_name="走访企业", on_delete=models.PROTECT, related_name="visits")
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="走访人员",
        blank=True,
        related_name="visits",
        help_text="有平台账户的走访人员",
    )
    other_officials = models.CharField(
        "其他走访人员", max_length=200, blank=True, help_text="没有平台账户的人员，多人用顿号“、”分隔"
    )
    purpose = models.CharField("走访事由", max_length=200)
    notes = models.TextField("走访纪要", blank=True)
    recorded_by = actor_field("录入人", editable=False)
    created_at = models.DateTimeField("录入时间", default=timezone.now, editable=False)

    objects = VisitQuerySet.as_manager()
    region_field = "enterprise__region"

    class Meta:
        verbose_name = "走访记录"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} 走访{self.enterprise}"

    def get_absolute_url(self):
        return reverse("visits:visit-detail", args=[self.pk])

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "走访日期不能晚于今天"})

    @property
    def official_names(self) -> list[str]:
        names = [user_label(u) for u in self.officials.all()]
        return names + [
            n for n in (p.strip() for p in self.other_officials.replace(",", "、").replace("，", "、").split("、")) if n
        ]


class AppealQuerySet(RestrictedQuerySet):
    def viewable_by(self, user):
        if roles.has(user, roles.LEADER):
            return self
        return self.filter(office__in=_offices_of(user))

    def changeable_by(self, user, action):
        if action != CHANGE or not _writes(user):
            return self.none()  # deleting an appeal is for administrators only
        return self.filter(office__in=_offices_of(user))

    def addable_by(self, user):
        return _writes(user) and _offices_of(user).exists()

    def search(self, q: str):
        if not q:
            return self
        condition = (
            Q(description__icontains=q)
            | Q(enterprise__name__icontains=q)
            | Q(enterprise__short_name__icontains=q)
            | Q(reason__icontains=q)
            | Q(resolution__icontains=q)
        )
        if q.lstrip("#").isdigit():
            condition |= Q(pk=int(q.lstrip("#")))
        return self.filter(condition)

    def open(self):
        return self.filter(status__in=Appeal.OPEN)

    def closed(self):
        return self.exclude(status__in=Appeal.OPEN)

    def mine(self, user):
        """Assigned to the user, or waiting unassigned in one of the user's offices."""
        return self.filter(Q(assignee=user) | Q(assignee__isnull=True, office__in=_offices_of(user)))

    def overdue(self, today=None):
        """Open appeals with a milestone whose deadline has passed unmet."""
        from .deadlines import overdue_q

        return self.filter(overdue_q(today))


class Appeal(models.Model):
    class Category(models.TextChoices):
        LAND = "用地", "用地"
        FINANCE = "融资", "融资"
        TALENT = "人才", "人才"
        APPROVAL = "审批", "审批"
        LABOUR = "用工", "用工"
        UTILITIES = "水电气", "水电气"
        LOGISTICS = "物流", "物流"
        POLICY = "政策兑现", "政策兑现"
        OTHER = "其他", "其他"

    class Status(models.TextChoices):
        RECEIVED = "受理", "受理"
        IN_PROGRESS = "办理中", "办理中"
        DONE = "已办结", "已办结"
        UNABLE = "无法办理", "无法办理"

    class Satisfaction(models.TextChoices):
        SATISFIED = "满意", "满意"
        FAIRLY = "基本满意", "基本满意"
        DISSATISFIED = "不满意", "不满意"

    OPEN = (Status.RECEIVED, Status.IN_PROGRESS)
    TRANSITIONS = {
        Status.RECEIVED: (Status.IN_PROGRESS, Status.DONE, Status.UNABLE),
        Status.IN_PROGRESS: (Status.DONE, Status.UNABLE),
        Status.DONE: (),
        Status.UNABLE: (),
    }

    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.PROTECT, related_name="appeals")
    visit = models.ForeignKey(
        Visit,
        verbose_name="来源走访",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        help_text="在走访中提出的诉求请选择该次走访",
    )
    category = models.CharField("诉求类别", max_length=10, choices=Category.choices)
    description = models.TextField("诉求内容")
    office = models.ForeignKey(Office, verbose_name="承办部门", on_delete=models.PROTECT, related_name="appeals")
    assignee = actor_field("承办人", related_name="assigned_appeals", help_text="承办部门的成员；可暂不指定")
    status = models.CharField(
        "办理状态", max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True, editable=False
    )
    reason = models.TextField("无法办理原因", blank=True, editable=False)
    resolution = models.TextField("办结情况", blank=True, editable=False)
    satisfaction = models.CharField(
        "企业满意度", max_length=10, choices=Satisfaction.choices, blank=True, editable=False
    )
    received_on = models.DateField("受理日期", default=timezone.localdate, help_text="办理期限从受理日期起按工作日计算")
    responded_at = models.DateTimeField("首次响应时间", null=True, blank=True, editable=False)
    assessed_at = models.DateTimeField("研判时间", null=True, blank=True, editable=False)
    closed_at = models.DateTimeField("反馈办结时间", null=True, blank=True, editable=False)
    recorded_by = actor_field("登记人", editable=False)
    created_at = models.DateTimeField("登记时间", default=timezone.now, editable=False)

    objects = AppealQuerySet.as_manager()
    region_field = "enterprise__region"

    class Meta:
        verbose_name = "企业诉求"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["office", "status"]), models.Index(fields=["received_on"])]

    def __str__(self):
        return f"诉求#{self.pk}·{self.enterprise}·{self.category}"

    def get_absolute_url(self):
        return reverse("visits:appeal-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def next_statuses(self) -> tuple:
        return self.TRANSITIONS[self.Status(self.status)]

    def deadlines(self, today=None):
        from .deadlines import deadlines_for

        return deadlines_for(self, today)

    def clean(self):
        errors = {}
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = "受理日期不能晚于今天"
        if self.visit_id and self.enterprise_id:
            if self.visit.enterprise_id != self.enterprise_id:
                errors["visit"] = f"“{self.visit}”走访的不是{self.enterprise}"
            elif self.received_on and self.received_on < self.visit.date:
                errors["received_on"] = f"受理日期不能早于走访日期（{self.visit.date:%Y-%m-%d}）"
        if self.assignee_id and self.office_id and not self.office.members.filter(pk=self.assignee_id).exists():
            errors["assignee"] = f"承办人须为承办部门“{self.office}”的成员"
        if errors:
            raise ValidationError(errors)
        # The status rules are enforced by services.change_appeal_status; these keep a row coherent.
        if self.status == self.Status.UNABLE and not self.reason.strip():
            raise ValidationError("“无法办理”的诉求必须写明原因")
        if self.status == self.Status.DONE and not self.satisfaction:
            raise ValidationError("已办结的诉求必须记录企业满意度")
        if self.satisfaction and self.status != self.Status.DONE:
            raise ValidationError("只有已办结的诉求才记录企业满意度")


class OfficeHead(models.Model):
    """The head (负责人) of an office: the one escalations of the office's overdue appeals go to.
    A field of this app rather than of accounts.Office, so that this module stays in its own app."""

    office = models.OneToOneField(Office, verbose_name="部门", on_delete=models.CASCADE, related_name="head")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="负责人",
        on_delete=models.CASCADE,
        related_name="headed_offices",
        help_text="须为该部门的成员",
    )

    objects = RestrictedQuerySet.as_manager()  # every role reads; administrators set

    class Meta:
        verbose_name = "部门负责人"
        ordering = ["office__name"]

    def __str__(self):
        return f"{self.office}负责人：{user_label(self.user)}" if self.user_id else f"{self.office}负责人"

    def get_absolute_url(self):
        return reverse("visits:officehead-list")

    def clean(self):
        if self.office_id and self.user_id and not self.office.members.filter(pk=self.user_id).exists():
            raise ValidationError({"user": f"负责人须为“{self.office}”的成员"})


class Milestone(models.TextChoices):
    RESPOND = "respond", "首次响应"
    ASSESS = "assess", "研判"
    FEEDBACK = "feedback", "反馈办结"


class EscalationQuerySet(RestrictedQuerySet):
    def viewable_by(self, user):
        return self.filter(appeal__in=Appeal.objects.restrict(user, "view"))


class Escalation(models.Model):
    """One milestone of one appeal that passed its deadline unmet and was escalated: the row makes
    `chanye escalate_appeals` notify once, however often it runs."""

    appeal = models.ForeignKey(Appeal, verbose_name="诉求", on_delete=models.CASCADE, related_name="escalations")
    milestone = models.CharField("环节", max_length=10, choices=Milestone.choices)
    due = models.DateField("期限")
    created = models.DateTimeField("升级时间", default=timezone.now)
    recipients = models.CharField("通知对象", max_length=300, blank=True)

    objects = EscalationQuerySet.as_manager()
    region_field = "appeal__enterprise__region"

    class Meta:
        verbose_name = "超期升级"
        ordering = ["created", "pk"]
        constraints = [models.UniqueConstraint(fields=["appeal", "milestone"], name="one_escalation_per_milestone")]

    def __str__(self):
        return f"诉求#{self.appeal_id}“{self.get_milestone_display()}”超期升级"


class NotificationQuerySet(models.QuerySet):
    def for_recipient(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField("内容", max_length=300)
    link = models.CharField("链接", max_length=300, blank=True)
    created = models.DateTimeField("时间", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "通知"
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("visits:notification-open", args=[self.pk])
