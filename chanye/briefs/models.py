"""A generated brief: which month and region, in which format, by whom, when, and the file it produced
(kept under DATA_DIR/briefs/). Generation runs as background work (tasks.py); the record says where it
stands. The monthly brief kept in the archive links to its archived document."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from chanye.archive.models import Document
from chanye.core import roles
from chanye.core.models import Regional, actor_field, optional_link
from chanye.core.querysets import RestrictedQuerySet

FORMAT_CHOICES = [("docx", "Word（DOCX）"), ("pdf", "PDF"), ("xlsx", "Excel（XLSX）")]


class BriefQuerySet(RestrictedQuerySet):
    """Everyone with a role generates briefs of what they may read. A brief says what its author may
    read (an office's appeals only), so it is read by its author, by 领导, and — when the system made
    it (the scheduled monthly brief, also kept in the archive) — by everyone; administrators read all."""

    def viewable_by(self, user):
        if roles.has(user, roles.LEADER):
            return self
        return self.filter(Q(generated_by=user) | Q(generated_by__isnull=True))

    def addable_by(self, user):
        return roles.has_role(user)


class GeneratedBrief(Regional):
    class Status(models.TextChoices):
        QUEUED = "排队", "排队中"
        DONE = "完成", "已生成"
        FAILED = "失败", "生成失败"

    year = models.PositiveSmallIntegerField("年份")
    month = models.PositiveSmallIntegerField("月份")
    format = models.CharField("格式", max_length=4, choices=FORMAT_CHOICES)
    status = models.CharField("状态", max_length=2, choices=Status.choices, default=Status.QUEUED, editable=False)
    error = models.TextField("失败原因", blank=True, editable=False)
    filename = models.CharField("文件名", max_length=200, blank=True, editable=False)
    sha256 = models.CharField("文件指纹", max_length=64, blank=True, editable=False)
    size = models.PositiveIntegerField("文件大小", default=0, editable=False)
    generated_by = actor_field("生成人", editable=False)
    requested_at = models.DateTimeField("申请时间", default=timezone.now, editable=False)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True, editable=False)
    document = optional_link(Document, models.SET_NULL, verbose_name="资料库文档", editable=False)

    objects = BriefQuerySet.as_manager()

    class Meta:
        verbose_name = "月度简报"
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["region", "year", "month", "format"])]

    def __str__(self):
        return f"{self.region}产业集群经济运行月报（{self.year}年{self.month}月，{self.format.upper()}）"

    def get_absolute_url(self):
        return reverse("briefs:brief-detail", args=[self.pk])

    @property
    def month_text(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE
