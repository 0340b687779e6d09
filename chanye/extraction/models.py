"""The review queue: facts the engine proposed from an archived document, waiting for an officer to
accept (it then becomes an observation, target, project, signing event or designation citing its
evidence sentence), edit, or reject. A fact is stored once per document: its fingerprint is what
makes two proposals the same statement, so extracting a document again adds only what is new."""

import hashlib
import json

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse

from chanye.archive.models import Document
from chanye.core import roles
from chanye.core.models import PeriodMixin, Region, actor_field, optional_link
from chanye.core.querysets import RestrictedQuerySet
from chanye.monitoring.models import Indicator
from chanye.registry.models import Citation, Cluster, Enterprise, Park

KIND_CHOICES = [
    ("metric", "指标数字"),
    ("target", "目标"),
    ("signing", "集中签约"),
    ("project", "项目"),
    ("designation", "荣誉/名单"),
    ("listing", "上市"),
]
# Who may decide on a fact of each kind: the roles that may create what it becomes.
DECIDERS = {
    "metric": {roles.STATISTICS, roles.INDUSTRY_OFFICE},
    "target": {roles.STATISTICS, roles.INDUSTRY_OFFICE},
    "signing": {roles.INVESTMENT},
    "project": {roles.INVESTMENT, roles.INDUSTRY_OFFICE},
    "designation": {roles.INDUSTRY_OFFICE},
    "listing": {roles.INDUSTRY_OFFICE},
}
# How the engine's notes on a fact (Fact.extra) are labelled on the fact page.
EXTRA_LABELS = {
    "title": "名单或称号",
    "event": "签约活动",
    "exchange": "交易所",
    "board": "板块",
    "issuer": "发布单位",
    "when": "时间（原文）",
    "verb": "表述",
    "project": "项目",
    "amount": "金额（原文）",
    "investment": "投资额（原文）",
    "growth": "增速（原文）",
    "subject_text": "主体（原文）",
    "subject_how": "主体的读法",
    "indicator_text": "指标（原文）",
    "indicator_how": "指标的读法",
    "period_how": "期间的读法",
}
# The kinds whose figure is recorded on a subject (a region, cluster, enterprise or park); the others
# become records named after themselves (a project, a signing, a designation).
SUBJECT_KINDS = ("metric", "target")
HIGH_CONFIDENCE = 0.8  # every part of the fact was written in its own sentence (see engine/facts.py)


PARAGRAPH_BREAK = "\n\n"  # how the engine reads a document: its paragraphs joined by a blank line


def paragraphs_at(document):
    """(paragraph, offset) in order: where each paragraph starts in the text the engine read, so that
    fact spans can be found again in the stored paragraphs."""
    offset = 0
    for paragraph in document.paragraphs.order_by("position"):
        yield paragraph, offset
        offset += len(paragraph.text) + len(PARAGRAPH_BREAK)


def fingerprint(key: tuple) -> str:
    """A stable hash of an engine Fact.key(): the same statement extracted again has the same one."""
    return hashlib.sha256(json.dumps([str(part) for part in key], ensure_ascii=False).encode()).hexdigest()[:32]


class FactQuerySet(RestrictedQuerySet):
    """Everyone with a role reads the queue; a fact is decided by the roles that may create what it
    becomes, and an 产业办 only decides facts about its own clusters and their enterprises (or facts
    whose subject is not registered yet)."""

    def changeable_by(self, user, action):
        if action != "change":
            return self.none()
        held = roles.roles_of(user)
        decided = Q(pk__in=[])
        for kind, deciders in DECIDERS.items():
            if held & (deciders - {roles.INDUSTRY_OFFICE}):
                decided |= Q(kind=kind)
            elif roles.INDUSTRY_OFFICE in held and roles.INDUSTRY_OFFICE in deciders:
                decided |= Q(kind=kind) & self._office_scope(user)
        return self.filter(pk__in=self.filter(decided).values("pk"))

    @staticmethod
    def _office_scope(user) -> Q:
        clusters = Cluster.objects.of_office_member(user)
        return Q(cluster__in=clusters) | Q(enterprise__clusters__in=clusters) | Q(cluster=None, enterprise=None)

    def addable_by(self, user):
        return Document.objects.none().addable_by(user)  # proposals come with a document

    def pending(self):
        return self.filter(status=ExtractedFact.Status.PENDING)

    def unresolved(self):
        """Figures whose subject is not a record yet (江津区新材料产业 before anyone mapped it)."""
        return self.filter(kind__in=SUBJECT_KINDS, cluster=None, enterprise=None, park=None, is_district=False)

    def search(self, q: str):
        return (
            self.filter(Q(subject__icontains=q) | Q(evidence__icontains=q) | Q(document__title__icontains=q))
            if q
            else self
        )


class ExtractedFact(PeriodMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        ACCEPTED = "accepted", "已采纳"
        REJECTED = "rejected", "已驳回"

    document = models.ForeignKey(Document, verbose_name="文档", on_delete=models.CASCADE, related_name="facts")
    fingerprint = models.CharField("事实指纹", max_length=32, editable=False)
    kind = models.CharField("类型", max_length=12, choices=KIND_CHOICES)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    subject = models.CharField("主体（原文）", max_length=200)
    cluster = optional_link(Cluster, models.SET_NULL)
    enterprise = optional_link(Enterprise, models.SET_NULL)
    park = optional_link(Park, models.SET_NULL)
    is_district = models.BooleanField("主体为区域整体", default=False, help_text="全区、全市的数字：主体是“区域”本身")
    region = optional_link(Region, models.SET_NULL)
    industry = models.CharField("产业（原文）", max_length=100, blank=True)
    industry_code = models.CharField("行业代码", max_length=40, blank=True)
    entity = models.CharField("企业/载体/项目（原文）", max_length=200, blank=True)
    entity_kind = models.CharField("对象类型", max_length=12, blank=True)
    needs_date = models.BooleanField("待补发布日期", default=False)
    region_assumed = models.BooleanField(
        "地区为推定", default=False, help_text="原文未写地区，按本平台所在区推定：采纳前请确认"
    )
    indicator = optional_link(Indicator, models.SET_NULL)
    value = models.DecimalField(
        "数值", max_digits=24, decimal_places=4, null=True, blank=True, help_text="基本单位（金额为元）"
    )
    unit = models.CharField("单位", max_length=10, blank=True)
    qualifier = models.CharField("约数", max_length=1, blank=True)
    # As observations store them (read and written as one Period through PeriodMixin); all empty when the
    # fact has no period, an "open" span (今年以来) has a start and no end.
    period_start = models.DateField("期间开始", null=True, blank=True)
    period_end = models.DateField("期间结束", null=True, blank=True)
    period_kind = models.CharField("期间类型", max_length=7, blank=True)
    yoy_pct = models.DecimalField("同比（%）", max_digits=9, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("目标年份", null=True, blank=True)
    projects = models.PositiveIntegerField("项目数", null=True, blank=True)
    extra = models.JSONField("其他要素", default=dict, blank=True, help_text="活动名称、名单、交易所与板块、读法等")
    evidence = models.TextField("证据句")
    span_start = models.PositiveIntegerField("证据起点")
    span_end = models.PositiveIntegerField("证据终点")
    confidence = models.FloatField("置信度")
    decided_by = actor_field("审核人")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.CharField("审核说明", max_length=300, blank=True)
    citation = optional_link(Citation, models.SET_NULL)
    record_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    created_at = models.DateTimeField("抽取时间", auto_now_add=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        verbose_name = "抽取的事实"
        ordering = ["document", "span_start", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "fingerprint"], name="one_fact_per_statement")]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self):
        return f"{self.get_kind_display()}·{self.subject}"

    def get_absolute_url(self):
        return reverse("extraction:fact-detail", args=[self.pk])

    @property
    def is_resolved(self) -> bool:
        """Whether the figure's subject is a record: a region as a whole, a cluster, enterprise or park
        (a project, signing or designation is recorded under its own name)."""
        if self.kind not in SUBJECT_KINDS:
            return True
        return self.is_district or any((self.cluster_id, self.enterprise_id, self.park_id))

    @property
    def subject_record(self):
        """The record the figure is about, or None while unresolved."""
        if self.is_district:
            return self.region
        return self.enterprise or self.park or self.cluster

    @property
    def is_high_confidence(self) -> bool:
        return self.confidence >= HIGH_CONFIDENCE

    @property
    def extra_items(self) -> list[tuple[str, str]]:
        """The engine's notes with Chinese labels (where else the statement stands is left out)."""
        return [(EXTRA_LABELS.get(key, key), value) for key, value in (self.extra or {}).items() if key != "also_at"]

    @property
    def what(self) -> str:
        """The indicator, or for an event the list, title, signing event or exchange it names."""
        if self.indicator_id:
            return str(self.indicator)
        extra = self.extra or {}
        if self.kind == "listing":
            return f"{extra.get('exchange', '')}{extra.get('board', '')}上市"
        return str(extra.get("title") or extra.get("event") or "")

    @property
    def period_label(self) -> str:
        if self.needs_date and self.period is None and self.target_year is None:
            return "待补发布日期（原文为“今年”“去年底”等）"
        if self.period_kind == self.OPEN:
            return f"{self.period_start.year}年以来（止期未写明）"
        return self.period.label if self.period else ""

    def evidence_url(self, located=None) -> str:
        """查看原文: the document opened at the evidence's paragraph (#p-N) with its sentence marked."""
        paragraph, start, end = self.evidence_in_paragraph(located)
        url = self.document.get_absolute_url()
        if paragraph is None:
            return url
        return f"{url}?mark={paragraph.position}:{start}:{end}#p-{paragraph.position}"

    @property
    def paragraph_anchor(self) -> str:
        return f"{self.document.get_absolute_url()}#fact-{self.pk}"

    def evidence_in_paragraph(self, located=None):
        """(paragraph, start, end): the paragraph holding the evidence and where the sentence stands in it.
        `located`: the document's paragraphs_at, when the caller reads them once for many facts."""
        for paragraph, offset in located if located is not None else paragraphs_at(self.document):
            end = offset + len(paragraph.text)
            if offset <= self.span_start < end or (self.span_start == end and paragraph.text):
                return paragraph, self.span_start - offset, min(self.span_end, end) - offset
        return None, 0, 0


class AliasQuerySet(RestrictedQuerySet):
    """Everyone with a role reads the aliases; whoever decides facts of figures may add and correct them."""

    ROLES = frozenset({roles.STATISTICS, roles.INDUSTRY_OFFICE, roles.INVESTMENT})

    def addable_by(self, user):
        return bool(roles.roles_of(user) & self.ROLES)

    def changeable_by(self, user, action):
        return self if self.addable_by(user) else self.none()

    def search(self, q: str):
        return self.filter(name__icontains=q) if q else self


class SubjectAlias(models.Model):
    """A name as documents write it — an industry in a region, a firm, a park — that an officer has said
    stands for a record of the platform. The next document that writes it resolves by itself."""

    name = models.CharField("名称（原文）", max_length=200)
    region = optional_link(
        Region,
        models.CASCADE,
        verbose_name="写于区域",
        help_text="产业名称按区域区分（江津的“新材料产业”不是大渡口的）；企业与载体名称不分区域",
    )
    cluster = optional_link(Cluster, models.CASCADE)
    enterprise = optional_link(Enterprise, models.CASCADE)
    park = optional_link(Park, models.CASCADE)
    target_region = optional_link(Region, models.CASCADE, verbose_name="区域（整体）")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AliasQuerySet.as_manager()

    class Meta:
        verbose_name = "主体别名"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="one_alias_per_name_and_region")]

    def __str__(self):
        return f"{self.name} → {self.target}"

    @property
    def target(self):
        return self.cluster or self.enterprise or self.park or self.target_region

    def clean(self):
        from django.core.exceptions import ValidationError

        if sum(x is not None for x in (self.cluster, self.enterprise, self.park, self.target_region)) != 1:
            raise ValidationError("别名须且只能指向一个集群、企业、载体或区域")
