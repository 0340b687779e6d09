"""资料库: documents (news, reports, notices) with their original file, clean text in paragraphs,
the joins that repaired their reading order, and links between near-duplicate reports."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from chanye.core import roles
from chanye.core.models import actor_field
from chanye.core.querysets import RestrictedQuerySet
from chanye.registry.models import Cluster


class DocumentQuerySet(RestrictedQuerySet):
    """Everyone with a role reads the archive; offices, the bureau and statistics add to it;
    administrators correct and delete."""

    def addable_by(self, user):
        return bool(roles.roles_of(user) & {roles.INDUSTRY_OFFICE, roles.INVESTMENT, roles.STATISTICS})

    def changeable_by(self, user, action):
        if action == "change" and self.addable_by(user):
            return self.filter(ingested_by=user)
        return self.none()

    def search(self, q: str):
        return self.filter(Q(title__icontains=q) | Q(source__icontains=q)) if q else self


class Document(models.Model):
    title = models.CharField("标题", max_length=300)
    source = models.CharField("来源", max_length=100, blank=True, help_text="刊物或网站")
    date = models.DateField("日期", null=True, blank=True, db_index=True)
    edition = models.CharField("版次", max_length=50, blank=True)
    author = models.CharField("作者", max_length=100, blank=True)
    url = models.URLField("网址", max_length=500, blank=True)
    format = models.CharField("格式", max_length=10)
    encoding = models.CharField("编码", max_length=20, blank=True)
    filename = models.CharField("原文件名", max_length=255)
    sha256 = models.CharField("文件指纹", max_length=64, unique=True)
    content_hash = models.CharField("正文指纹", max_length=64, unique=True)
    size = models.PositiveBigIntegerField("文件大小", default=0)
    clusters = models.ManyToManyField(Cluster, verbose_name="相关集群", blank=True, related_name="documents")
    metadata = models.JSONField("识别的元数据", default=dict, blank=True)
    removed_lines = models.JSONField("去除的页面杂项", default=list, blank=True)
    joins = models.JSONField("段落拼接", default=list, blank=True, help_text="阅读顺序修复所做的拼接，可逐条撤销")
    # Undoing a join rebuilds the text from these, so a continuation goes back to where it stood
    # and a chain of joins can be undone link by link. Kept only for documents that were repaired.
    unrepaired = models.JSONField(
        "修复前的段落",
        default=dict,
        blank=True,
        editable=False,
        help_text="阅读顺序修复前的段落（类型、文字）和删去的重复片段，用于撤销拼接",
    )
    sketch = models.JSONField(
        "相似度草图",
        default=dict,
        blank=True,
        editable=False,
        help_text="正文 4 字片段的最小哈希，用于发现相近报道而不必重读全文",
    )
    shingles = models.PositiveIntegerField(
        "片段数", default=0, editable=False, help_text="正文不同 4 字片段的个数，用于按包含度筛选相近报道的候选"
    )
    ingested_by = actor_field("入库人")
    ingested_at = models.DateTimeField("入库时间", default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "文档"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["source", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("archive:document-detail", args=[self.pk])

    def neighbours(self) -> tuple["Document | None", "Document | None"]:
        """Previous and next document of the same source and date, like a newspaper database."""
        same = Document.objects.filter(source=self.source, date=self.date).order_by("pk")
        return same.filter(pk__lt=self.pk).last(), same.filter(pk__gt=self.pk).first()


class Paragraph(models.Model):
    class Kind(models.TextChoices):
        HEADING = "heading", "标题"
        BODY = "body", "正文"
        CAPTION = "caption", "图注"

    document = models.ForeignKey(Document, verbose_name="文档", on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField("段序")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.BODY)
    text = models.TextField("段落")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "段落"
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "position"], name="one_paragraph_per_position")]

    def __str__(self):
        return self.text[:40]


class NearDuplicate(models.Model):
    """Two documents that report the same story (measured, never typed)."""

    first = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField("相似度")

    def __str__(self):
        return f"{self.first_id} ≈ {self.second_id} ({self.similarity:.2f})"

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "相近报道"
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="one_link_per_pair")]


class Fingerprint(models.Model):
    """One sampled shingle of a document (engine.dedupe.signature): how a new document finds the
    stored ones worth comparing with. Kept only while the fingerprint is rare: fewer than services.RARE
    documents hold it (CommonFingerprint)."""

    # (value, document) is the row itself: one B-tree a row goes into, read by value without a second
    # lookup. On SQLite the table is WITHOUT ROWID (migration 0010; a later migration that makes Django
    # rebuild this table must keep that): a rowid table and two indexes beside it made every row three
    # inserts, and hundreds of rows a document on random pages are most of an ingest's writes. No index
    # by document: a document's rows are only ever deleted with it (a scan, rare).
    pk = models.CompositePrimaryKey("value", "document")
    value = models.BigIntegerField("指纹")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+", db_index=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "正文指纹"

    def __str__(self):
        return f"{self.document_id}: {self.value}"


class CommonFingerprint(models.Model):
    """A fingerprint services.RARE documents hold: a set phrase of the genre, not a story. It is no
    longer stored for further documents nor looked up (its rows are those of the first RARE)."""

    value = models.BigIntegerField("指纹", primary_key=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "常见指纹"

    def __str__(self):
        return str(self.value)


class IngestRun(models.Model):
    """One batch of files handed in (page upload or `chanye ingest`), with a result per file."""

    started_by = actor_field("操作人")
    started_at = models.DateTimeField("开始", default=timezone.now)
    finished_at = models.DateTimeField("结束", null=True, blank=True)
    total = models.PositiveIntegerField("文件数", default=0)
    results = models.JSONField("结果", default=list, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "入库批次"
        ordering = ["-started_at"]

    def __str__(self):
        return f"入库 {self.started_at:%Y-%m-%d %H:%M}（{self.total} 个文件）"

    def get_absolute_url(self):
        return reverse("archive:run-detail", args=[self.pk])

    @property
    def job(self):
        """The background job that ingests this run (none for a run of `chanye ingest` in the foreground)."""
        from chanye.jobs.models import Job

        return Job.objects.filter(kind="archive.ingest", params__run_id=self.pk).order_by("-pk").first()

    @property
    def done(self) -> int:
        return len(self.results)
