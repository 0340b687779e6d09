"""后台任务: a job is one piece of long work run by a worker (ingesting an upload, importing a large
statistics file, extracting a document's facts again, a scheduled escalation), with its state,
progress, result or error, and the person to tell when it ends. The queue itself is Django's Tasks
framework (django-tasks-db by default, Redis through django-tasks-rq): a job row is what people see
and what makes running a job twice impossible (chanye.jobs.services.run)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from chanye.core import roles
from chanye.core.models import actor_field, optional_link
from chanye.core.querysets import RestrictedQuerySet


class JobQuerySet(RestrictedQuerySet):
    """Everyone reads and retries the jobs they started; 领导 reads every job (and retries none);
    administrators everything. Jobs are created by the domain services that start them."""

    def viewable_by(self, user):
        if roles.has(user, roles.LEADER):
            return self
        return self.filter(created_by=user)

    def changeable_by(self, user, action):
        if action == "change" and not roles.has(user, roles.LEADER):
            return self.filter(created_by=user)
        return self.none()

    def search(self, q: str):
        return self.filter(models.Q(title__icontains=q) | models.Q(kind__icontains=q)) if q else self

    def active(self):
        return self.filter(state__in=Job.ACTIVE)


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        RETRYING = "retrying", "等待重试"
        SUCCEEDED = "succeeded", "已完成"
        FAILED = "failed", "失败"

    ACTIVE = (State.QUEUED, State.RUNNING, State.RETRYING)

    kind = models.CharField("类型", max_length=60, db_index=True)
    title = models.CharField("任务", max_length=200)
    params = models.JSONField("参数", default=dict, blank=True)
    key = models.CharField(
        "幂等键",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="同一个键只建一个任务（重复提交不重复执行）",
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=0)
    max_attempts = models.PositiveSmallIntegerField("最多尝试次数", default=3)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总量", default=0)
    message = models.CharField("进度说明", max_length=300, blank=True)
    result = models.JSONField("结果", null=True, blank=True)
    link = models.CharField("结果页面", max_length=300, blank=True)
    error = models.TextField("错误", blank=True)
    traceback = models.TextField("错误详情", blank=True)
    schedule = models.CharField("定时任务", max_length=60, blank=True, db_index=True)
    task_id = models.CharField("队列任务编号", max_length=64, blank=True)
    worker = models.CharField("执行进程", max_length=100, blank=True)
    created_by = actor_field("发起人")
    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "后台任务"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.title}（#{self.pk}）"

    def get_absolute_url(self):
        return reverse("jobs:job-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def percent(self) -> int:
        if self.state == self.State.SUCCEEDED:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class ScheduleRun(models.Model):
    """A schedule's slot taken by one scheduler: the unique pair (schedule, slot) is what makes a due job
    enqueued exactly once, however many workers and schedulers run."""

    schedule = models.CharField("定时任务", max_length=60)
    slot = models.DateTimeField("计划时间")
    job = optional_link(Job, models.SET_NULL, verbose_name="任务")
    created_at = models.DateTimeField("入队时间", default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = "定时任务执行"
        ordering = ["-slot"]
        constraints = [models.UniqueConstraint(fields=["schedule", "slot"], name="one_run_per_schedule_slot")]

    def __str__(self):
        return f"{self.schedule} {self.slot:%Y-%m-%d %H:%M}"
