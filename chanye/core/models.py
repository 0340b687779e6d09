import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from chanye.core import roles
from chanye.core.querysets import RestrictedQuerySet
from chanye.lib.periods import Period


class AuditQuerySet(RestrictedQuerySet):
    def viewable_by(self, user):
        # 领导 reads everything, the site-wide log included; others see the history of
        # objects through each object's own page (see for_object).
        if roles.has(user, roles.LEADER):
            return self
        return self.none()

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def newest_first(self):
        return self.order_by("-time", "-pk")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "新建"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"

    time = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    # Kept as text so the entry still says who it was after the account is gone; "系统" for the demo loader.
    actor_name = models.CharField("操作人账号", max_length=150)
    action = models.CharField("操作", max_length=10, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name="对象类型", on_delete=models.PROTECT)
    object_id = models.CharField("对象编号", max_length=64, db_index=True)
    object_repr = models.CharField("对象", max_length=300)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        # The table and index keep the names they had when the log was an app of its own ("audit"),
        # so that databases created before the kernel was merged need no change.
        db_table = "audit_auditentry"
        indexes = [models.Index(fields=["content_type", "object_id", "time"], name="audit_audit_content_4c87ca_idx")]

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs."""
        before, after = self.before or {}, self.after or {}
        return [
            (k, before.get(k), after.get(k))
            for k in sorted(before.keys() | after.keys())
            if before.get(k) != after.get(k)
        ]


class PeriodMixin:
    """`period_start`, `period_end` and `period_kind` read and written as one chanye.lib.periods.Period,
    so that every figure, stored or proposed, is converted by lib/periods and nothing else. A model
    declares the three fields itself (whether they may be empty is the model's rule). An "open" span
    (今年以来: from January, end not said) has a start and no end; its `period` is None."""

    OPEN = "open"

    @property
    def period(self) -> Period | None:
        if self.period_end is None:
            return None
        day = self.period_end.day if self.period_kind == "point" else None
        return Period(year=self.period_end.year, start=self.period_start.month, end=self.period_end.month, day=day)

    @period.setter
    def period(self, period: Period | None) -> None:
        if period is None:
            self.period_start = self.period_end = None
            self.period_kind = ""
        else:
            self.period_start, self.period_end, self.period_kind = period.start_date, period.end_date, period.kind

    def set_open_period(self, year: int) -> None:
        self.period_start, self.period_end, self.period_kind = datetime.date(year, 1, 1), None, self.OPEN
