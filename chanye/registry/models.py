"""The cluster registry: clusters, enterprises, parks (产业载体), designations, and the
citations that tie every record of the demo to the article it comes from."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from chanye.accounts.models import Office
from chanye.core import roles
from chanye.core.models import Regional, optional_link
from chanye.core.querysets import RestrictedQuerySet
from chanye.core.regions import peer_q
from chanye.lib.names import split_names
from chanye.reference.models import IndustryCode

from .validators import CreditCodeField


def _office_clusters(user):
    return Cluster.objects.of_office_member(user)


def _is_industry_office(user) -> bool:
    return roles.has(user, roles.INDUSTRY_OFFICE)


# Whoever records peers' figures (对标) also keeps the peers' clusters, enterprises and parks those
# figures are about: a region's cluster read in a news article is created from the review queue
# (registry.services.create_peer) and corrected afterwards.
PEER_KEEPERS = frozenset({roles.STATISTICS, roles.INDUSTRY_OFFICE})


def keeps_peers(user) -> bool:
    return bool(roles.roles_of(user) & PEER_KEEPERS)


def _or_peers(own: models.QuerySet, user, action: str) -> models.QuerySet:
    """`own` (the rows a role changes in the instance), plus, for a peer keeper, the rows of regions
    outside the instance (never deleted from here: a peer's record may carry accepted figures)."""
    if action != "change" or not keeps_peers(user):
        return own
    return own.model.objects.filter(Q(pk__in=own.values("pk")) | peer_q("region"))


def _count_in(through) -> Coalesce:
    rows = through.objects.filter(cluster_id=models.OuterRef("pk")).values("cluster_id")
    return Coalesce(models.Subquery(rows.annotate(n=models.Count("*")).values("n")), 0)


class CitableQuerySet(RestrictedQuerySet):
    """Whoever records a figure, project or title may add and correct the source and quote it stands
    on (accepting an extracted fact cites its document); deleting them stays with administrators."""

    CITING_ROLES = frozenset({roles.STATISTICS, roles.INDUSTRY_OFFICE, roles.INVESTMENT})

    def addable_by(self, user):
        return bool(roles.roles_of(user) & self.CITING_ROLES)

    def changeable_by(self, user, action):
        return self if action == "change" and self.addable_by(user) else self.none()


class Source(models.Model):
    """A publication a record is cited from (an article, a report, a notice)."""

    objects = CitableQuerySet.as_manager()

    key = models.SlugField("标识", max_length=60, unique=True)
    publication = models.CharField("刊物/发布者", max_length=100, blank=True)
    title = models.CharField("标题", max_length=200)
    date = models.DateField("日期", null=True, blank=True)
    date_note = models.CharField("日期说明", max_length=200, blank=True)
    page = models.CharField("版次", max_length=50, blank=True)
    authors = models.CharField("作者", max_length=100, blank=True)
    url = models.URLField("网址", blank=True)

    class Meta:
        verbose_name = "来源"
        ordering = ["-date", "title"]

    ARCHIVE_KEY = "archive-"  # the source of an archived document, made when one of its facts is accepted

    @property
    def archive_url(self) -> str:
        """The archived document this source stands for, if it is one: records link to their evidence."""
        number = self.key.removeprefix(self.ARCHIVE_KEY)
        if self.key.startswith(self.ARCHIVE_KEY) and number.isdigit():
            return reverse("archive:document-detail", args=[int(number)])
        return ""

    def __str__(self):
        parts = [self.publication or "刊物未注明", self.date.isoformat() if self.date else "日期未注明"]
        if self.page:
            parts.append(self.page)
        return f"《{self.title}》（{'，'.join(parts)}）"


class Citation(models.Model):
    """Where in a source a record is stated: the heading it stands under and a short quote."""

    objects = CitableQuerySet.as_manager()

    source = models.ForeignKey(Source, verbose_name="来源", on_delete=models.PROTECT, related_name="citations")
    heading = models.CharField("所在标题", max_length=200, blank=True)
    quote = models.CharField("引文", max_length=120, help_text="证据短句，不超过120字")

    class Meta:
        verbose_name = "引用"
        constraints = [models.UniqueConstraint(fields=["source", "heading", "quote"], name="unique_citation")]

    def __str__(self):
        return f"{self.source}·{self.heading}：“{self.quote}”"


class ClusterQuerySet(RestrictedQuerySet):
    def changeable_by(self, user, action):
        own = self.of_office_member(user) if action == "change" and _is_industry_office(user) else self.none()
        return self.filter(pk__in=_or_peers(own, user, action).values("pk"))

    def of_office_member(self, user):
        """The clusters owned by an office the user belongs to."""
        return self.filter(office__members=user)

    def search(self, q: str):
        return self.filter(Q(name__icontains=q) | Q(description__icontains=q)) if q else self

    def with_counts(self):
        """Enterprises and parks per cluster, each counted in its own subquery: two COUNTs over one
        join would multiply the enterprises by the parks of a cluster before counting."""
        return self.annotate(
            enterprise_count=_count_in(Enterprise.clusters.through), park_count=_count_in(Park.clusters.through)
        )


class Cluster(Regional):
    class Kind(models.TextChoices):
        HUNDRED_BILLION = "百亿级产业集群", "百亿级产业集群"
        FIELD = "产业领域", "产业领域"

    name = models.CharField("名称", max_length=50)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    office = models.ForeignKey(
        Office, verbose_name="牵头产业办", null=True, blank=True, on_delete=models.PROTECT, related_name="clusters"
    )
    description = models.TextField("简介", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="clusters")
    peers = models.ManyToManyField(
        "self", verbose_name="对标集群", blank=True, symmetrical=False, help_text="其他区域的同类集群，用于对标"
    )

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = "产业集群"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="one_cluster_name_per_region",
                violation_error_message="该区域已存在同名的产业集群",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:cluster-detail", args=[self.pk])


class InOfficeClustersQuerySet(RestrictedQuerySet):
    """Rows with a `clusters` relation: an 产业办 changes those in a cluster its office owns, and
    may create them (the service then checks the new row lies in one of its clusters)."""

    scope_relations = ("clusters",)

    def changeable_by(self, user, action):
        own = self.filter(clusters__in=_office_clusters(user)) if _is_industry_office(user) else self.none()
        return self.filter(pk__in=_or_peers(own, user, action).values("pk"))

    def addable_by(self, user):
        return _is_industry_office(user)


class ParkQuerySet(InOfficeClustersQuerySet):
    def search(self, q: str):
        return self.filter(Q(name__icontains=q) | Q(location__icontains=q)) if q else self


class Park(Regional):
    """产业载体: an industrial estate, a specialised park, a platform, a scenic or consumption area."""

    class Kind(models.TextChoices):
        INDUSTRIAL = "工业园区", "工业园区"
        SPECIALISED = "专业园区", "专业园区"
        PLATFORM = "服务平台", "服务平台"
        TOURISM = "文旅载体", "文旅载体"
        COMMERCE = "商业街区", "商业街区"
        OTHER = "其他", "其他"

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.OTHER)
    location = models.CharField("位置", max_length=200, blank=True)
    # Where the park is on the map (一图): longitude and latitude in degrees, as the vendored map reads them;
    # empty: the park is listed but not drawn.
    latitude = models.DecimalField(
        "纬度",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "经度",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    clusters = models.ManyToManyField(Cluster, verbose_name="服务集群", blank=True, related_name="parks")
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="parks")

    objects = ParkQuerySet.as_manager()

    class Meta:
        verbose_name = "产业载体"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="one_park_name_per_region",
                violation_error_message="该区域已存在同名的产业载体",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:park-detail", args=[self.pk])


class EnterpriseQuerySet(InOfficeClustersQuerySet):
    def search(self, q: str):
        """By name, short name or alias: officials type whatever name they know a firm by."""
        if not q:
            return self
        return self.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(aliases__icontains=q))


class Enterprise(Regional):
    class Role(models.TextChoices):
        CHAIN_LEADER = "链主", "链主"
        LEADER = "龙头", "龙头"
        ABOVE_SCALE = "规上", "规上"
        SPECIALISED = "专精特新", "专精特新"
        CULTIVATED = "培育", "培育"
        OTHER = "其他", "其他"

    name = models.CharField("企业名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    aliases = models.CharField("别名", max_length=300, blank=True, help_text="多个别名用顿号“、”分隔")
    credit_code = CreditCodeField("统一社会信用代码", blank=True, null=True, unique=True)
    industry_code = optional_link(
        IndustryCode, models.SET_NULL, verbose_name="行业代码", help_text="GB/T 4754-2017 小类，如 3922"
    )
    clusters = models.ManyToManyField(Cluster, verbose_name="所属集群", blank=True, related_name="enterprises")
    role = models.CharField("角色", max_length=10, choices=Role.choices, default=Role.OTHER)
    listing_exchange = models.CharField("上市交易所", max_length=50, blank=True)
    listing_board = models.CharField("上市板块", max_length=50, blank=True)
    listing_date = models.DateField("上市日期", null=True, blank=True)
    listing_note = models.CharField("上市说明", max_length=200, blank=True)
    park = models.ForeignKey(
        Park, verbose_name="所在载体", null=True, blank=True, on_delete=models.SET_NULL, related_name="enterprises"
    )
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="enterprises")

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = "企业"
        ordering = ["name"]
        # location quotients count a city's firms by district and class: one index scan, no table read
        indexes = [models.Index(fields=["region", "industry_code"], name="enterprise_region_class")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:enterprise-detail", args=[self.pk])

    @property
    def alias_list(self) -> list[str]:
        return split_names(self.aliases)

    @property
    def is_listed(self) -> bool:
        return bool(self.listing_exchange)


class DesignationQuerySet(RestrictedQuerySet):
    scope_relations = ("cluster", "enterprise", "park")

    def changeable_by(self, user, action):
        if _is_industry_office(user):
            clusters = _office_clusters(user)
            return self.filter(Q(cluster__in=clusters) | Q(enterprise__clusters__in=clusters)).distinct()
        return self.none()

    def addable_by(self, user):
        return _is_industry_office(user)

    def search(self, q: str):
        return self.filter(Q(holder__icontains=q) | Q(title__icontains=q) | Q(issuer__icontains=q)) if q else self


class Designation(Regional):
    """An honour, list or title (荣誉/名单) held by the district, a cluster, an enterprise, a park or a product."""

    class Level(models.TextChoices):
        NATIONAL = "国家", "国家级"
        CITY = "市", "市级"
        DISTRICT = "区", "区级"
        UNSTATED = "", "未注明"

    class HolderKind(models.TextChoices):
        DISTRICT = "district", "区"
        CLUSTER = "cluster", "产业集群"
        ENTERPRISE = "enterprise", "企业"
        PARK = "park", "产业载体"
        PRODUCT = "product", "产品/品牌"

    holder = models.CharField("获得者", max_length=100)
    holder_kind = models.CharField("获得者类型", max_length=12, choices=HolderKind.choices)
    title = models.CharField("名单或称号", max_length=200)
    issuer = models.CharField("发布单位", max_length=100, blank=True)
    level = models.CharField("级别", max_length=4, choices=Level.choices, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    date = models.DateField("日期", null=True, blank=True)
    cluster = models.ForeignKey(
        Cluster, verbose_name="相关集群", null=True, blank=True, on_delete=models.SET_NULL, related_name="designations"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="相关企业",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="designations",
    )
    park = models.ForeignKey(
        Park, verbose_name="相关载体", null=True, blank=True, on_delete=models.CASCADE, related_name="designations"
    )
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="designations")

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = "荣誉/名单"
        ordering = ["-year", "holder"]
        constraints = [models.UniqueConstraint(fields=["holder", "title"], name="unique_designation")]

    def __str__(self):
        return f"{self.holder}·{self.title}"

    def get_absolute_url(self):
        return reverse("registry:designation-detail", args=[self.pk])


class NamesVersion(models.Model):
    """The version of the names the registry gives: of clusters (and the offices that run them),
    enterprises and parks. One row whose token changes in the same transaction as any of those names,
    so that a process holding them compiled (fact extraction's lexicon) knows with one cheap read
    whether its copy is current, whichever process made the change. A random token, not a counter:
    a change rolled back leaves the old token, and no later change repeats a token that a process may
    have read inside the transaction that was rolled back."""

    token = models.CharField("版本", max_length=32, default="")

    class Meta:
        verbose_name = "名称版本"

    def __str__(self):
        return self.token
