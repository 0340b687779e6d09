"""经济运行监测: an indicator catalogue, observations (a value of an indicator for a subject
over a period, with where it comes from) and targets. Money in 元 as Decimal."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from chanye.chains.models import ChainLink
from chanye.core import roles
from chanye.core.models import PeriodMixin, Regional, actor_field, optional_link
from chanye.core.querysets import RestrictedQuerySet
from chanye.core.regions import home_region_pk, peer_q
from chanye.lib.names import split_names
from chanye.registry.models import Citation, Cluster, Enterprise, Park

REGION = "region"
SUBJECT_KINDS = [
    (REGION, "区域整体（全区、全市）"),
    ("cluster", "产业集群"),
    ("chainlink", "产业链环节"),
    ("enterprise", "企业"),
    ("park", "产业载体"),
]
SUBJECT_FIELDS = {
    REGION: "region",
    "cluster": "cluster",
    "chainlink": "chain_link",
    "enterprise": "enterprise",
    "park": "park",
}
# Where the region of a figure comes from when its subject is not the region itself.
SUBJECT_REGION = {
    "cluster": lambda f: f.cluster.region_id,
    "chainlink": lambda f: f.chain_link.chain.cluster.region_id,
    "enterprise": lambda f: f.enterprise.region_id,
    "park": lambda f: f.park.region_id,
}


class IndicatorQuerySet(RestrictedQuerySet):
    def by_any_name(self) -> dict[str, "Indicator"]:
        """Key, name and every alias -> indicator, for imports and extraction."""
        names = {}
        for indicator in self:
            for name in [indicator.key, indicator.name, *indicator.alias_list]:
                names.setdefault(name, indicator)
        return names


class Indicator(models.Model):
    class Kind(models.TextChoices):
        FLOW = "flow", "时期数（按期累加）"
        STOCK = "stock", "时点数（某日水平）"

    CYCLE_MONTHS = {"月": 1, "季": 3, "年": 12}

    key = models.SlugField("标识", max_length=40, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    unit = models.CharField("基本单位", max_length=10)
    kind = models.CharField("类型", max_length=5, choices=Kind.choices)
    cycle = models.CharField("报告周期", max_length=1, choices=[(c, c) for c in CYCLE_MONTHS], default="月")
    aliases = models.CharField("别称", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "指标"
        ordering = ["order", "key"]

    def __str__(self):
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return split_names(self.aliases)

    @property
    def is_money(self) -> bool:
        return self.unit == "元"


def office_subjects_q(user, prefix: str = "") -> Q:
    """Rows about the clusters an 产业办 user's office owns, their enterprises, parks and chain links."""
    clusters = Cluster.objects.of_office_member(user)
    return (
        Q(**{f"{prefix}cluster__in": clusters})
        | Q(**{f"{prefix}enterprise__clusters__in": clusters})
        | Q(**{f"{prefix}park__clusters__in": clusters})
        | Q(**{f"{prefix}chain_link__chain__cluster__in": clusters})
    )


class FigureQuerySet(RestrictedQuerySet):
    """统计 enters and corrects every figure; an 产业办 those of its own clusters and peers' figures
    (对标); 领导 reads. All within the regions the user works for (restrict)."""

    scope_relations = ("cluster", "enterprise", "park", "chain_link")

    def changeable_by(self, user, action):
        if roles.has(user, roles.STATISTICS):
            return self
        if roles.has(user, roles.INDUSTRY_OFFICE):
            return self.filter(office_subjects_q(user) | peer_q("region")).distinct()
        return self.none()

    def addable_by(self, user):
        return bool(roles.roles_of(user) & {roles.STATISTICS, roles.INDUSTRY_OFFICE})

    def attachable(self, user, relation):
        return None if roles.has(user, roles.STATISTICS) else super().attachable(user, relation)

    def for_subject(self, kind: str, obj=None):
        return self.filter(subject_key=subject_key(kind, obj))

    def search(self, q: str):
        return self.filter(Q(indicator__name__icontains=q) | Q(note__icontains=q)) if q else self


def subject_key(kind: str, obj=None) -> str:
    """ "region:7", "cluster:3", …: a figure's subject in one indexed column. A region's figure without
    a region named is the instance's own region's."""
    if kind == REGION and obj is None:
        return f"{REGION}:{home_region_pk()}"
    return f"{kind}:{obj.pk}"


def whole_region_name(region) -> str:
    """大渡口区 → 大渡口区全区, 重庆市 → 重庆市全市: a region's figure as reports name it."""
    for ending in ("区", "县", "市", "省", "旗"):
        if region.name.endswith(ending):
            return f"{region.name}全{ending}"
    return f"{region.name}全域"


class Subject(Regional):
    """What a figure is about: a region as a whole (全区, 全市), or one cluster, chain link, enterprise
    or park of it. `region` is always the figure's region: the subject itself, or where the subject is."""

    subject_kind = models.CharField("主体类型", max_length=10, choices=SUBJECT_KINDS, default=REGION)
    cluster = optional_link(Cluster, models.CASCADE)
    chain_link = optional_link(ChainLink, models.CASCADE)
    enterprise = optional_link(Enterprise, models.CASCADE)
    park = optional_link(Park, models.CASCADE)
    # "region:7", "cluster:3", …: one column for uniqueness and lookups (NULLs never collide in SQL). Not indexed
    # alone: each model's unique constraint (and Observation's index) begins with it and serves its lookups, and
    # one index fewer is one less to write for each of a million imported rows.
    subject_key = models.CharField(max_length=30, editable=False)

    class Meta:
        abstract = True

    @property
    def subject(self):
        return getattr(self, SUBJECT_FIELDS[self.subject_kind])

    @property
    def subject_name(self) -> str:
        return whole_region_name(self.region) if self.subject_kind == REGION else str(self.subject)

    def clean_subject(self) -> None:
        wanted = SUBJECT_FIELDS.get(self.subject_kind)
        if (wanted != "region" and getattr(self, f"{wanted}_id", None) is not None) or wanted == "region":
            self.default_region()
        for kind, field in SUBJECT_FIELDS.items():
            if field not in (wanted, "region") and getattr(self, f"{field}_id") is not None:
                raise ValidationError(f"主体类型为“{self.get_subject_kind_display()}”，不应填写{kind}")
        if wanted and getattr(self, f"{wanted}_id") is None:
            raise ValidationError(f"请选择{self.get_subject_kind_display()}")
        self.subject_key = subject_key(self.subject_kind, self.subject)  # so that a repeat is found before saving

    def default_region(self) -> None:
        """A cluster's (enterprise's, park's, link's) figure belongs to the cluster's region."""
        if self.subject_kind in SUBJECT_REGION and self.subject is not None:
            self.region_id = SUBJECT_REGION[self.subject_kind](self)
        super().default_region()

    def save(self, *args, **kwargs):
        self.default_region()
        self.subject_key = subject_key(self.subject_kind, self.subject)
        super().save(*args, **kwargs)


class ImportBatch(models.Model):
    """One imported statistics file: its fingerprint makes a second import of the same file a no-op."""

    filename = models.CharField("文件名", max_length=200)
    sha256 = models.CharField("文件指纹", max_length=64, unique=True)
    rows = models.PositiveIntegerField("行数", default=0)
    entered_by = actor_field("导入人")
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = "导入批次"
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.filename}（{self.rows}行）"


class ImportTemplateQuerySet(RestrictedQuerySet):
    """Everyone with a role reads the templates of their regions; 统计 and 产业办 save them; 统计
    changes any, an 产业办 those its members saved."""

    def changeable_by(self, user, action):
        if roles.has(user, roles.STATISTICS):
            return self
        if roles.has(user, roles.INDUSTRY_OFFICE):
            return self.filter(created_by=user)
        return self.none()

    def addable_by(self, user):
        return bool(roles.roles_of(user) & {roles.STATISTICS, roles.INDUSTRY_OFFICE})

    def search(self, q: str):
        return self.filter(name__icontains=q) if q else self


class ImportTemplate(Regional):
    """How to read one bureau table layout: the corrections of its import mapping (header rows, each
    column's role, the region, period, unit, row labels), found again by the header's signature."""

    name = models.CharField("模板名称", max_length=60)
    signature = models.CharField("表头签名", max_length=16, db_index=True, editable=False)
    header = models.CharField("表头", max_length=500, blank=True, editable=False)
    mapping = models.JSONField("映射", default=dict, blank=True)
    created_by = actor_field("创建人")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ImportTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "导入模板"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="one_import_template_name_per_region")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("monitoring:importtemplate-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if not isinstance(self.mapping, dict):
            raise ValidationError({"mapping": "映射应为 JSON 对象"})


class ObservationQuerySet(FigureQuerySet):
    pass


class Observation(PeriodMixin, Subject):
    class Origin:
        STATISTICS = "stats"  # entered or imported by the statistics office: one official figure per period

    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.PROTECT, related_name="observations")
    period_start = models.DateField("期间开始")
    period_end = models.DateField("期间结束")
    period_kind = models.CharField("期间类型", max_length=7)
    value = models.DecimalField(
        "数值",
        max_digits=24,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="基本单位（金额为元）；只报了增速时为空",
    )
    qualifier = models.CharField(
        "约数",
        max_length=1,
        blank=True,
        choices=[("", "精确"), ("多", "多"), ("近", "近"), ("超", "超"), ("约", "约"), ("余", "余")],
    )
    yoy_pct = models.DecimalField("同比（报告值，%）", max_digits=9, decimal_places=2, null=True, blank=True)
    origin = models.CharField("来源类别", max_length=20, default=Origin.STATISTICS, editable=False)
    citation = models.ForeignKey(
        Citation, verbose_name="引用", null=True, blank=True, on_delete=models.PROTECT, related_name="observations"
    )
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    import_row = models.PositiveIntegerField("导入行号", null=True, blank=True)
    import_sheet = models.CharField("导入工作表", max_length=31, blank=True)
    import_column = models.CharField("导入列", max_length=3, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    entered_by = actor_field("录入人")
    entered_at = models.DateTimeField("录入时间", default=timezone.now)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = "观测值"
        ordering = ["subject_key", "indicator", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key", "indicator", "period_kind", "period_start", "period_end", "origin"],
                name="one_figure_per_subject_period_origin",
            )
        ]
        indexes = [models.Index(fields=["subject_key", "indicator", "period_end"])]

    def __str__(self):
        return f"{self.subject_name}·{self.indicator}·{self.period.label}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("monitoring:observation-detail", args=[self.pk])

    def is_stale(self, today: datetime.date | None = None) -> bool:
        """Older than its indicator's reporting cycle, allowing one month for publication."""
        today = today or timezone.localdate()
        months = Indicator.CYCLE_MONTHS[self.indicator.cycle] + 1
        due = self.period_end + datetime.timedelta(days=31 * months)
        return today > due

    def clean(self):
        self.clean_subject()
        if self.value is None and self.yoy_pct is None:
            raise ValidationError("数值和同比至少填写一项")
        if self.period_end and (error := observation_year_error(self.period_end.year)):
            raise ValidationError(error)
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError("期间开始晚于结束")
        if self.indicator_id and self.indicator.kind == Indicator.Kind.STOCK and self.period_kind not in ("point", ""):
            # A level is stated at a date; a stock reported "for 1-11月" means at its end.
            self.period_start, self.period_kind = self.period_end, "point"

    def source_label(self) -> str:
        if self.citation_id:
            return f"{self.citation.source}"
        if self.import_batch_id:
            sheet = f"“{self.import_sheet}”表 " if self.import_sheet else ""
            column = f"{self.import_column}列" if self.import_column else ""
            return f"导入：{self.import_batch.filename} {sheet}第{self.import_row}行{column}"
        return f"录入：{self.entered_by or '系统'}"


# Statistics of the People's Republic begin in 1949: an earlier year is a typing error (1818 for 2018).
FIRST_STATISTICS_YEAR = 1949
LAST_TARGET_YEAR = 2100


def observation_year_error(year: int, today: datetime.date | None = None) -> str | None:
    """Why a figure cannot be for `year`, or None: between 1949 and next year (a figure is reported
    after its period). The one rule of the import, the pages and the API."""
    last = (today or timezone.localdate()).year + 1
    if FIRST_STATISTICS_YEAR <= year <= last:
        return None
    return f"年份{year}超出范围：统计数据的年份应在{FIRST_STATISTICS_YEAR}—{last}年之间"


class Target(Subject):
    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField("目标年份")
    value = models.DecimalField("目标值", max_digits=24, decimal_places=4, help_text="基本单位（金额为元）")
    qualifier = models.CharField("表述", max_length=1, blank=True, choices=[("", "达到"), ("超", "突破")])
    citation = models.ForeignKey(
        Citation, verbose_name="引用", null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    note = models.CharField("说明", max_length=300, blank=True)

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = "目标"
        ordering = ["subject_key", "indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["subject_key", "indicator", "year"], name="one_target_per_year")]

    def __str__(self):
        return f"{self.subject_name}·{self.indicator}·{self.year}年目标"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("monitoring:target-detail", args=[self.pk])

    def clean(self):
        self.clean_subject()
        if self.year is not None and not FIRST_STATISTICS_YEAR <= self.year <= LAST_TARGET_YEAR:
            raise ValidationError({"year": f"目标年份应在{FIRST_STATISTICS_YEAR}—{LAST_TARGET_YEAR}年之间"})
