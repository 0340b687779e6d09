"""National reference classifications: GB/T 4754-2017 industry codes and the 战略性新兴产业分类
(2018) categories mapped onto them. Read-only for users; loaded by `chanye reference load`."""

from django.db import models

from chanye.core.querysets import RestrictedQuerySet


class Dataset(models.Model):
    """One loaded reference table, with where it comes from and under which licence."""

    key = models.SlugField("标识", unique=True)
    name = models.CharField("名称", max_length=100)
    source = models.CharField("来源", max_length=200)
    licence = models.CharField("许可", max_length=50)
    rows = models.PositiveIntegerField("行数", default=0)
    loaded_at = models.DateTimeField("载入时间", null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "参考数据集"
        ordering = ["key"]

    def __str__(self):
        return self.name


class IndustryCodeQuerySet(RestrictedQuerySet):
    def search(self, q: str):
        return self.filter(models.Q(code__startswith=q) | models.Q(name__icontains=q)) if q else self

    def leaves(self):
        return self.filter(level=4)


class IndustryCode(models.Model):
    """A GB/T 4754-2017 class: 门类 (A), 大类 (01), 中类 (011) or 小类 (0111)."""

    code = models.CharField("代码", max_length=5, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.PositiveSmallIntegerField("层级", choices=[(1, "门类"), (2, "大类"), (3, "中类"), (4, "小类")])
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    objects = IndustryCodeQuerySet.as_manager()

    class Meta:
        verbose_name = "国民经济行业分类"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class StrategicCategory(models.Model):
    """A 战略性新兴产业分类(2018) category, by its full path (产业 > 领域 > 类别)."""

    path = models.CharField("分类路径", max_length=300, unique=True)
    name = models.CharField("名称", max_length=100)
    industry_codes = models.ManyToManyField(
        IndustryCode, verbose_name="对应行业", through="StrategicMapping", related_name="strategic_categories"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "战略性新兴产业分类"
        ordering = ["path"]

    def __str__(self):
        return self.path


class StrategicMapping(models.Model):
    category = models.ForeignKey(StrategicCategory, on_delete=models.CASCADE)
    industry_code = models.ForeignKey(IndustryCode, on_delete=models.CASCADE)
    partial = models.BooleanField("部分对应", default=False, help_text="行业代码只有部分活动属于该分类（*）")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "industry_code"], name="unique_strategic_mapping")]

    def __str__(self):
        return f"{self.category_id} → {self.industry_code_id}"


class CityCluster(models.Model):
    """A cluster of Chongqing's "33618" modern manufacturing cluster system."""

    name = models.CharField("名称", max_length=50, unique=True)
    tier = models.CharField("层级", max_length=30)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "“33618”产业集群"
        ordering = ["pk"]

    def __str__(self):
        return self.name
