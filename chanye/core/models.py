import datetime
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import class_prepared
from django.dispatch import receiver
from django.utils import timezone

from chanye.core import roles
from chanye.core.querysets import RestrictedQuerySet
from chanye.lib.periods import Period


@receiver(class_prepared)
def plural_is_the_name(sender, **kwargs) -> None:
    """Chinese nouns have no plural: a chanye model that gives its Meta a verbose_name and no
    verbose_name_plural is called by its name in the plural too, not by Django's English default
    ("部门s"). Recorded in `original_attrs` as if the Meta had said it, so that the migrations see the
    options they always had. Connected here, above the first chanye model (chanye.core is the first
    chanye app), so that it sees every one."""
    meta = sender._meta
    own = meta.original_attrs
    if sender.__module__.startswith("chanye.") and "verbose_name" in own and "verbose_name_plural" not in own:
        meta.verbose_name_plural = own["verbose_name_plural"] = meta.verbose_name


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


class RegionQuerySet(RestrictedQuerySet):
    """Everyone with a role reads the regions; administrators add the zones (开发区, 新区, 园区) the
    division codes do not list."""

    def search(self, q: str):
        if not q:
            return self
        return self.filter(
            models.Q(name__icontains=q)
            | models.Q(short_name__icontains=q)
            | models.Q(aliases__icontains=q)
            | models.Q(code__startswith=q)
        )

    def within(self, region: "Region"):
        """The region and every region that lies in it."""
        return self.filter(path__startswith=region.path)

    def named(self, name: str, near: "Region | None" = None) -> "Region | None":
        """The region a name or code stands for (大渡口区, 大渡口, 500104), the one nearest `near`
        among several; None if none or too many fit."""
        name = (name or "").strip()
        if not name:
            return None
        found = list(
            self.filter(models.Q(code=name) | models.Q(name=name) | models.Q(short_name=name))
            | self.filter(aliases__contains=name)
        )
        found = [r for r in found if name in (r.code, r.name, r.short_name, *r.alias_list)]
        if len(found) > 1 and near is not None:
            for scope in [near, *near.ancestors()]:
                inside = [r for r in found if r.path.startswith(scope.path)]
                if len(inside) == 1:
                    return inside[0]
        if len(found) > 1:
            exact = [r for r in found if r.name == name or r.code == name]
            found = exact if len(exact) == 1 else found
        return found[0] if len(found) == 1 else None


class Region(models.Model):
    """A province, city, county (区/县/县级市) from the 统计用区划代码, or a zone (新区, 开发区, 高新区,
    园区) under one of them. Everything the platform records belongs to a region."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "地级"
        COUNTY = "county", "县级"
        ZONE = "zone", "功能区"

    code = models.CharField("区划代码", max_length=6, unique=True, null=True, blank=True, help_text="功能区可不填")
    name = models.CharField("名称", max_length=60)
    short_name = models.CharField("简称", max_length=30, db_index=True)
    level = models.CharField("级别", max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # "/1/35/123/": the ids from the root down. A region's subtree is one indexed prefix query.
    path = models.CharField(max_length=200, editable=False, db_index=True)
    aliases = models.CharField("别名", max_length=200, blank=True, help_text="多个别名用顿号“、”分隔")

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "区域"
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="one_region_name_per_parent")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("regions:region-detail", args=[self.pk])

    @property
    def alias_list(self) -> list[str]:
        return [a for a in re.split(r"[、,，;；]", self.aliases) if a.strip()]

    def ancestors(self) -> list["Region"]:
        """The regions it lies in, nearest first."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        by_id = Region.objects.in_bulk(ids)
        return [by_id[i] for i in reversed(ids) if i in by_id]

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            Region.objects.filter(pk=self.pk).update(path=path)


class Profile(models.Model):
    """What the platform keeps about an account beyond Django's user: the region it works for (its
    records and figures; none: the instance's own region) and whether its password must be changed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chanye_profile")
    region = models.ForeignKey(
        Region, verbose_name="所属区域", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "账户设置"

    def __str__(self):
        return f"{self.user}·{self.region or '本级'}"


class Regional(models.Model):
    """A record that belongs to a region (chanye.core.regions): the instance's own unless one is set.
    `restrict` keeps each user to the regions they work for through `region_field`."""

    region = models.ForeignKey(
        Region, verbose_name="所属区域", on_delete=models.PROTECT, blank=True, related_name="%(class)s_set"
    )
    region_field = "region"

    class Meta:
        abstract = True

    def default_region(self) -> None:
        if self.region_id is None:
            from chanye.core.regions import home_region_pk  # reads this module's Region

            self.region_id = home_region_pk()

    def clean(self):
        self.default_region()
        super().clean()

    def save(self, *args, **kwargs):
        self.default_region()
        super().save(*args, **kwargs)


def actor_field(verbose_name: str, *, related_name: str = "+", **options) -> models.ForeignKey:
    """The account that did something to a record (entered, imported, decided it). Optional, and emptied
    when the account is deleted: the record outlives the account, and the audit log keeps its name."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def optional_link(to: type[models.Model], on_delete, **options) -> models.ForeignKey:
    """An optional link to a record, labelled with the record's own name (产业集群, 企业) unless given a
    verbose_name, and with no way back from the record (related_name "+"): what a figure, a fact or an
    alias is about, the document a brief was kept as, an enterprise's industry class. Whoever needs the
    other direction asks with its own query."""
    options.setdefault("verbose_name", to._meta.verbose_name)
    return models.ForeignKey(to, null=True, blank=True, on_delete=on_delete, related_name="+", **options)
