"""产业链图谱: chains of a cluster as directed graphs of links (环节) in 上游/中游/下游, the
enterprises on each link, and a reference table of enterprises outside the district that
could fill its gaps. The gap analysis itself is computed (chanye/chains/analysis.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from chanye.core import roles
from chanye.core.querysets import RestrictedQuerySet
from chanye.lib.names import split_names
from chanye.reference.models import CityCluster, IndustryCode, StrategicCategory
from chanye.registry.models import Citation, Cluster, Enterprise


def _is_industry_office(user) -> bool:
    return roles.has(user, roles.INDUSTRY_OFFICE)


class OwnedByClusterOfficeQuerySet(RestrictedQuerySet):
    """Rows that belong to a cluster through `cluster_path`: the cluster's office edits them."""

    cluster_path = "cluster"

    @property
    def scope_relations(self) -> tuple[str, ...]:
        return (self.cluster_path.split("__")[0],)

    def changeable_by(self, user, action):
        if _is_industry_office(user):
            return self.filter(**{f"{self.cluster_path}__office__members": user}).distinct()
        return self.none()

    def addable_by(self, user):
        return _is_industry_office(user)


class ChainQuerySet(OwnedByClusterOfficeQuerySet):
    def search(self, q: str):
        return self.filter(models.Q(name__icontains=q) | models.Q(cluster__name__icontains=q)) if q else self


class Chain(models.Model):
    cluster = models.ForeignKey(Cluster, verbose_name="所属集群", on_delete=models.PROTECT, related_name="chains")
    name = models.CharField("产业链名称", max_length=100)
    description = models.TextField("简介", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="chains")

    objects = ChainQuerySet.as_manager()
    region_field = "cluster__region"

    class Meta:
        verbose_name = "产业链"
        ordering = ["cluster__order", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "name"], name="unique_chain_per_cluster")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("chains:chain-detail", args=[self.pk])


class LinkQuerySet(OwnedByClusterOfficeQuerySet):
    cluster_path = "chain__cluster"

    def search(self, q: str):
        return self.filter(models.Q(name__icontains=q) | models.Q(keywords__icontains=q)) if q else self


class ChainLink(models.Model):
    class Segment(models.TextChoices):
        UP = "上游", "上游"
        MID = "中游", "中游"
        DOWN = "下游", "下游"

    chain = models.ForeignKey(Chain, verbose_name="产业链", on_delete=models.CASCADE, related_name="links")
    name = models.CharField("环节名称", max_length=100)
    segment = models.CharField("区段", max_length=2, choices=Segment.choices)
    is_extension = models.BooleanField(
        "延伸环节", default=False, help_text="与本链相邻、本区尚未布局的环节：没有本地企业时标为“可延伸”"
    )
    description = models.CharField("说明", max_length=200, blank=True)
    keywords = models.CharField(
        "产品关键词", max_length=300, blank=True, help_text="用顿号“、”分隔，用于匹配候选企业的主要产品"
    )
    industry_codes = models.ManyToManyField(
        IndustryCode, verbose_name="行业代码", blank=True, related_name="chain_links"
    )
    strategic_categories = models.ManyToManyField(
        StrategicCategory, verbose_name="战略性新兴产业分类", blank=True, related_name="chain_links"
    )
    downstream = models.ManyToManyField(
        "self", verbose_name="下游环节", symmetrical=False, blank=True, through="ChainEdge", related_name="upstream"
    )
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name="本地企业", through="LinkEnterprise", blank=True, related_name="chain_links"
    )
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = LinkQuerySet.as_manager()
    region_field = "chain__cluster__region"

    class Meta:
        verbose_name = "产业链环节"
        ordering = ["chain", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["chain", "name"], name="unique_link_per_chain")]

    def __str__(self):
        return f"{self.chain}·{self.name}"

    def get_absolute_url(self):
        return f"{self.chain.get_absolute_url()}#link-{self.pk}"

    @property
    def keyword_list(self) -> list[str]:
        return split_names(self.keywords)


class EdgeQuerySet(OwnedByClusterOfficeQuerySet):
    cluster_path = "source__chain__cluster"
    scope_relations = ("source", "target")


class ChainEdge(models.Model):
    """source → target: target uses what source makes (upstream → downstream)."""

    source = models.ForeignKey(ChainLink, verbose_name="上游环节", on_delete=models.CASCADE, related_name="out_edges")
    target = models.ForeignKey(ChainLink, verbose_name="下游环节", on_delete=models.CASCADE, related_name="in_edges")

    objects = EdgeQuerySet.as_manager()
    region_field = "source__chain__cluster__region"

    class Meta:
        verbose_name = "环节关系"
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_chain_edge")]

    def __str__(self):
        return f"{self.source.name} → {self.target.name}"

    def clean(self):
        if self.source_id == self.target_id:
            raise ValidationError("环节不能指向自己")
        if self.source.chain_id != self.target.chain_id:
            raise ValidationError("只能连接同一条产业链内的环节")
        if path := _path(self.target_id, self.source_id):
            names = dict(ChainLink.objects.filter(pk__in=path).values_list("pk", "name"))
            loop = " → ".join(names[pk] for pk in [self.source_id, *path])
            raise ValidationError(f"会形成循环：{loop}。产业链必须是有向无环图", code="cycle")


def _path(start: int, goal: int) -> list[int] | None:
    """The link ids of a downstream path start → … → goal, if one exists (depth-first)."""
    parents, stack = {start: None}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = parents[node]
            return path[::-1]
        for nxt in ChainEdge.objects.filter(source_id=node).values_list("target_id", flat=True):
            if nxt not in parents:
                parents[nxt] = node
                stack.append(nxt)
    return None


class PlacementQuerySet(OwnedByClusterOfficeQuerySet):
    cluster_path = "link__chain__cluster"


class LinkEnterprise(models.Model):
    class Role(models.TextChoices):
        CHAIN_LEADER = "链主", "链主"
        CORE = "核心", "核心"
        SUPPLIER = "配套", "配套"
        SERVICE = "服务", "服务"

    link = models.ForeignKey(ChainLink, verbose_name="环节", on_delete=models.CASCADE, related_name="placements")
    enterprise = models.ForeignKey(Enterprise, verbose_name="企业", on_delete=models.CASCADE, related_name="placements")
    role = models.CharField("链上角色", max_length=4, choices=Role.choices, default=Role.SUPPLIER)
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="placements")

    objects = PlacementQuerySet.as_manager()
    region_field = "link__chain__cluster__region"

    class Meta:
        verbose_name = "环节企业"
        constraints = [models.UniqueConstraint(fields=["link", "enterprise"], name="unique_enterprise_on_link")]

    def __str__(self):
        return f"{self.enterprise}（{self.get_role_display()}）@{self.link.name}"

    def get_absolute_url(self):
        return self.link.get_absolute_url()


class CandidateQuerySet(RestrictedQuerySet):
    """The reference table is shared work of the industry offices and the investment bureau."""

    def changeable_by(self, user, action):
        return self if roles.roles_of(user) & {roles.INDUSTRY_OFFICE, roles.INVESTMENT} else self.none()

    def addable_by(self, user):
        return bool(roles.roles_of(user) & {roles.INDUSTRY_OFFICE, roles.INVESTMENT})

    def search(self, q: str):
        return self.filter(models.Q(name__icontains=q) | models.Q(products__icontains=q)) if q else self


class CandidateEnterprise(models.Model):
    """An enterprise outside the district, from an imported reference table (招商目标库)."""

    class Size(models.TextChoices):
        LARGE = "大型", "大型"
        MEDIUM = "中型", "中型"
        SMALL = "小型", "小型"
        MICRO = "微型", "微型"
        UNKNOWN = "", "未注明"

    SIZE_RANK = {"大型": 4, "中型": 3, "小型": 2, "微型": 1, "": 0}

    name = models.CharField("企业名称", max_length=100)
    region = models.CharField("地区", max_length=50)
    industry_code = models.CharField("行业代码", max_length=4, help_text="GB/T 4754-2017 四位小类代码")
    products = models.CharField("主要产品", max_length=500, blank=True)
    size = models.CharField("规模", max_length=2, choices=Size.choices, blank=True)
    # Derived columns, indexed, so that candidates for a link are found by code without scanning.
    code3 = models.CharField(max_length=3, editable=False)
    code2 = models.CharField(max_length=2, editable=False)
    size_rank = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "候选企业"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="unique_candidate")]
        indexes = [models.Index(fields=[column, "size_rank"]) for column in ("industry_code", "code3", "code2")]

    def __str__(self):
        return f"{self.name}（{self.region}）"

    def get_absolute_url(self):
        return reverse("chains:candidate-list") + f"?q={self.name}"

    def clean(self):
        if self.industry_code and not IndustryCode.objects.filter(code=self.industry_code, level=4).exists():
            raise ValidationError(
                {"industry_code": f"未知的行业代码“{self.industry_code}”：应为 GB/T 4754-2017 的四位小类代码"}
            )

    def save(self, *args, **kwargs):
        self.code3, self.code2 = self.industry_code[:3], self.industry_code[:2]
        self.size_rank = self.SIZE_RANK.get(self.size, 0)
        super().save(*args, **kwargs)


class CrosswalkQuerySet(OwnedByClusterOfficeQuerySet):
    pass


class CityClusterMapping(models.Model):
    """A district cluster's place in Chongqing's "33618" system, with the basis for saying so."""

    cluster = models.ForeignKey(
        Cluster, verbose_name="本区集群", on_delete=models.CASCADE, related_name="city_mappings"
    )
    city_cluster = models.ForeignKey(
        CityCluster, verbose_name="“33618”集群", on_delete=models.PROTECT, related_name="district_mappings"
    )
    basis = models.CharField("依据", max_length=200, help_text="文件或报道的表述，或研判理由")
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="city_mappings")

    objects = CrosswalkQuerySet.as_manager()
    region_field = "cluster__region"

    class Meta:
        verbose_name = "“33618”对应"
        constraints = [models.UniqueConstraint(fields=["cluster", "city_cluster"], name="unique_city_mapping")]

    def __str__(self):
        return f"{self.cluster} → {self.city_cluster}"

    def get_absolute_url(self):
        return reverse("chains:crosswalk")
