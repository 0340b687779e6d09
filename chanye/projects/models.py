"""招商项目库: investment projects through their stages, funds in place over time, batch
signings counted once, and the log of the full-process service (全流程对接服务)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from chanye.accounts.models import Office
from chanye.chains.models import ChainLink
from chanye.core import roles
from chanye.core.models import Regional, actor_field, optional_link
from chanye.core.querysets import RestrictedQuerySet
from chanye.registry.models import Citation, Cluster, Enterprise, Park

# Amounts of money and land are never negative, however they arrive (page, import or API).
NOT_NEGATIVE = [MinValueValidator(0, message="不能为负数")]

LEAD, TALKS, SIGNED, STARTED, OPERATING, TERMINATED = "线索", "在谈", "签约", "开工", "投产", "终止"
STAGES = [LEAD, TALKS, SIGNED, STARTED, OPERATING]  # in order; 终止 may end any of them
STAGE_DATE_FIELD = {
    LEAD: "lead_on",
    TALKS: "talks_on",
    SIGNED: "signed_on",
    STARTED: "started_on",
    OPERATING: "operating_on",
    TERMINATED: "terminated_on",
}


class ProjectQuerySet(RestrictedQuerySet):
    """招商局 edits every project; an 产业办 those of its clusters; 领导 and 统计 read."""

    scope_relations = ("cluster",)

    def changeable_by(self, user, action):
        if roles.has(user, roles.INVESTMENT):
            return self
        if roles.has(user, roles.INDUSTRY_OFFICE):
            return self.filter(cluster__in=Cluster.objects.of_office_member(user))
        return self.none()

    def addable_by(self, user):
        return bool(roles.roles_of(user) & {roles.INVESTMENT, roles.INDUSTRY_OFFICE})

    def attachable(self, user, relation):
        return None if roles.has(user, roles.INVESTMENT) else super().attachable(user, relation)

    def search(self, q: str):
        return self.filter(Q(name__icontains=q) | Q(investor_name__icontains=q)) if q else self

    def open(self):
        return self.exclude(stage__in=[OPERATING, TERMINATED])


class Project(Regional):
    STAGE_CHOICES = [(s, s) for s in [*STAGES, TERMINATED]]

    name = models.CharField("项目名称", max_length=200, unique=True)
    investor = models.ForeignKey(
        Enterprise,
        verbose_name="投资方（区内企业）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    investor_name = models.CharField("投资方", max_length=200, blank=True, help_text="区外投资方直接填写名称")
    cluster = models.ForeignKey(
        Cluster, verbose_name="所属集群", null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    chain_link = models.ForeignKey(
        ChainLink, verbose_name="产业链环节", null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    stage = models.CharField("阶段", max_length=2, choices=STAGE_CHOICES, default=LEAD, db_index=True, editable=False)
    lead_on = models.DateField("线索日期", null=True, blank=True, editable=False)
    talks_on = models.DateField("洽谈日期", null=True, blank=True, editable=False)
    signed_on = models.DateField("签约日期", null=True, blank=True, editable=False)
    started_on = models.DateField("开工日期", null=True, blank=True, editable=False)
    operating_on = models.DateField("投产日期", null=True, blank=True, editable=False)
    terminated_on = models.DateField("终止日期", null=True, blank=True, editable=False)
    termination_reason = models.CharField("终止原因", max_length=300, blank=True, editable=False)
    planned_investment = models.DecimalField(
        "计划总投资（元）", max_digits=20, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    contract_investment = models.DecimalField(
        "合同投资额（元）", max_digits=20, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    expected_output = models.DecimalField(
        "预计年产值（元）", max_digits=20, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    land_mu = models.DecimalField(
        "用地（亩）", max_digits=10, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    park = models.ForeignKey(
        Park, verbose_name="落地载体", null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    office = models.ForeignKey(
        Office, verbose_name="责任部门", null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    task_force = models.CharField("专班", max_length=100, blank=True)
    task_force_lead = actor_field("专班牵头人", related_name="led_projects")
    task_force_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="专班成员", blank=True, related_name="task_force_projects"
    )
    next_action = models.CharField("下一步工作", max_length=300, blank=True)
    next_action_due = models.DateField("下一步期限", null=True, blank=True)
    last_activity_on = models.DateField("最近活动", default=timezone.localdate, editable=False)
    note = models.CharField("说明", max_length=300, blank=True)
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="projects")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "招商项目"
        ordering = ["-last_activity_on", "name"]
        # The board reads the most recently active projects of each stage: this index serves it without a sort.
        indexes = [
            models.Index(fields=["stage", "-last_activity_on", "-id"], name="project_board"),
            models.Index(fields=["cluster", "stage"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:project-detail", args=[self.pk])

    @property
    def investor_label(self) -> str:
        return str(self.investor) if self.investor_id else self.investor_name or "未注明"

    def stage_dates(self) -> list[tuple[str, object]]:
        return [(stage, getattr(self, STAGE_DATE_FIELD[stage])) for stage in [*STAGES, TERMINATED]]

    def last_stage_reached(self) -> tuple[str, object] | None:
        """(stage, date) of the latest stage the project is known to have reached: its stage dates and
        its recorded stage changes (a project imported at 签约 has no 签约日期, only the change to it)."""
        known = [(s, d) for s, d in self.stage_dates() if d is not None]
        known += [(c.to_stage, c.on) for c in self.stage_changes.all()]
        return max(known, key=lambda pair: pair[1], default=None)


class ProjectPartQuerySet(RestrictedQuerySet):
    """Rows that belong to a project are changed by whoever may change the project."""

    scope_relations = ("project",)

    def changeable_by(self, user, action):
        return self.filter(project__in=Project.objects.restrict(user, "change"))

    def addable_by(self, user):
        return Project.objects.none().addable_by(user)


class StageChange(models.Model):
    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField("原阶段", max_length=2, blank=True)
    to_stage = models.CharField("新阶段", max_length=2)
    on = models.DateField("日期")
    reason = models.CharField("原因", max_length=300, blank=True)
    actor_name = models.CharField("操作人", max_length=150)
    recorded_at = models.DateTimeField("记录时间", default=timezone.now)

    objects = ProjectPartQuerySet.as_manager()
    region_field = "project__region"

    class Meta:
        verbose_name = "阶段变更"
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.project}：{self.from_stage or '新建'} → {self.to_stage}"


class FundsInPlace(models.Model):
    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.CASCADE, related_name="funds")
    on = models.DateField("日期")
    amount = models.DecimalField("到位资金（元）", max_digits=20, decimal_places=2)
    note = models.CharField("说明", max_length=200, blank=True)

    objects = ProjectPartQuerySet.as_manager()
    region_field = "project__region"

    class Meta:
        verbose_name = "到位资金"
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.project}·{self.on}"

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "到位资金应为正数"})


class ServiceEntry(models.Model):
    """One step of the full-process service: from assessment and negotiation to approvals and problems solved."""

    class Kind(models.TextChoices):
        ASSESSMENT = "评估", "前中期评估"
        NEGOTIATION = "洽谈", "洽谈"
        SITE_VISIT = "考察", "实地考察"
        SIGNING = "签约", "签约"
        APPROVAL = "审批", "审批手续"
        PROBLEM = "解难", "解决问题"
        OTHER = "其他", "其他"

    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.CASCADE, related_name="service_log")
    on = models.DateField("日期")
    kind = models.CharField("类型", max_length=2, choices=Kind.choices)
    office = optional_link(Office, models.SET_NULL)
    text = models.CharField("内容", max_length=500)
    entered_by = actor_field("记录人")

    objects = ProjectPartQuerySet.as_manager()
    region_field = "project__region"

    class Meta:
        verbose_name = "服务记录"
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}：{self.text[:30]}"

    def get_absolute_url(self):
        return self.project.get_absolute_url()


class SigningQuerySet(RestrictedQuerySet):
    def changeable_by(self, user, action):
        return self if roles.has(user, roles.INVESTMENT) else self.none()

    def addable_by(self, user):
        return roles.has(user, roles.INVESTMENT)

    def search(self, q: str):
        return self.filter(Q(name__icontains=q) | Q(venue__icontains=q)) if q else self


class SigningEvent(Regional):
    """集中签约: a ceremony where several projects are signed. When not every project is known,
    the announced totals are kept and shown as announced."""

    name = models.CharField("名称", max_length=200, unique=True)
    date = models.DateField("日期", null=True, blank=True)
    date_note = models.CharField("日期说明", max_length=100, blank=True)
    venue = models.CharField("地点", max_length=100, blank=True)
    announced_projects = models.PositiveIntegerField("公布项目数", null=True, blank=True)
    announced_investment = models.DecimalField(
        "公布投资额（元）", max_digits=20, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    announced_basis = models.CharField("投资额口径", max_length=50, blank=True, help_text="如 计划总投资、合同投资额")
    citations = models.ManyToManyField(Citation, verbose_name="引用", blank=True, related_name="signing_events")

    objects = SigningQuerySet.as_manager()

    class Meta:
        verbose_name = "集中签约"
        ordering = ["-date", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:signingevent-detail", args=[self.pk])


class SigningPartQuerySet(RestrictedQuerySet):
    def changeable_by(self, user, action):
        return self if roles.has(user, roles.INVESTMENT) else self.none()

    def addable_by(self, user):
        return roles.has(user, roles.INVESTMENT)


class Signing(models.Model):
    """A project signed at an event, with its contract investment as signed there. A project
    counts in signed totals only at its first signing; a later one counts only its increment."""

    event = models.ForeignKey(SigningEvent, verbose_name="签约活动", on_delete=models.CASCADE, related_name="signings")
    project = models.ForeignKey(Project, verbose_name="项目", on_delete=models.PROTECT, related_name="signings")
    contract_investment = models.DecimalField(
        "签约投资额（元）", max_digits=20, decimal_places=2, validators=NOT_NEGATIVE
    )

    objects = SigningPartQuerySet.as_manager()
    region_field = "event__region"

    class Meta:
        verbose_name = "签约项目"
        constraints = [models.UniqueConstraint(fields=["event", "project"], name="project_once_per_event")]

    def __str__(self):
        return f"{self.event}·{self.project}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()
