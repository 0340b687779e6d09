from django.conf import settings
from django.db import models

from chanye.core.querysets import RestrictedQuerySet


class OfficeQuerySet(RestrictedQuerySet):
    def of_member(self, user):
        return self.filter(members=user)


class Office(models.Model):
    """A government office (产业办, 招商局, 统计局 …). Users belong to offices; a cluster is owned by one."""

    class Kind(models.TextChoices):
        INDUSTRY = "产业办", "产业办"
        INVESTMENT = "招商局", "招商局"
        STATISTICS = "统计", "统计"
        OTHER = "其他", "其他"

    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.INDUSTRY)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="成员", blank=True, related_name="offices")

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = "部门"
        ordering = ["name"]

    def __str__(self):
        return self.name
