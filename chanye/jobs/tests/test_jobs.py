"""Background jobs through the real queue (django-tasks-db in the test database): uploads that return
before the work is done, retries with a limit, failures recorded and retried from the page, the bell, and
the schedules. The worker runs in this process here (chanye.jobs.testing.run_jobs); test_processes.py
starts real `chanye worker` and `chanye scheduler` processes."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from chanye.archive.models import Document, IngestRun
from chanye.conftest import seed
from chanye.core.models import AuditEntry
from chanye.jobs import schedule, services
from chanye.jobs.models import Job, ScheduleRun
from chanye.jobs.testing import run_jobs
from chanye.monitoring.models import Observation
from chanye.visits.models import Notification

NOTICE = "关于推进重庆小面产业发展的通知\n\n各有关单位：请做好小面产业链招商工作，扩大产业规模。"


def probe(user=None, **params) -> Job:
    return services.enqueue(actor=user, kind="jobs.probe", title="测试任务", params=params)


# ─── uploads ────────────────────────────────────────────────────────────────────────────────


def test_an_upload_returns_before_the_file_is_ingested_and_the_document_appears_when_the_worker_has_run(
    personas, client_for
):
    client = client_for(personas["office"])
    response = client.post(reverse("archive:upload"), {"files": [SimpleUploadedFile("小面通知.txt", NOTICE.encode())]})
    assert response.status_code == 302
    run = IngestRun.objects.latest("pk")
    assert response.url == run.get_absolute_url()
    assert not Document.objects.filter(title__contains="小面产业发展").exists()  # not ingested in the request
    job = run.job
    assert (job.state, job.created_by, job.done) == ("queued", personas["office"], 0)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "排队中" in page and 'hx-trigger="every 2s"' in page  # the page polls while the job waits

    run_jobs()

    document = Document.objects.get(filename="小面通知.txt")
    assert document.ingested_by == personas["office"]
    job.refresh_from_db()
    run.refresh_from_db()
    assert (job.state, job.attempts, job.done, job.total) == ("succeeded", 1, 1, 1)
    assert run.finished_at is not None and run.results[0]["status"] == "入库"
    polled = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "已完成" in polled and "every 2s" not in polled  # the poll stops when the job has ended
    notice = Notification.objects.get(recipient=personas["office"])
    assert "后台任务已完成" in notice.text and notice.link == run.get_absolute_url()


def test_running_an_ingest_job_again_changes_nothing(personas, client_for):
    client = client_for(personas["office"])
    client.post(reverse("archive:upload"), {"files": [SimpleUploadedFile("小面通知.txt", NOTICE.encode())]})
    job = IngestRun.objects.latest("pk").job
    run_jobs()
    documents, entries = Document.objects.count(), AuditEntry.objects.count()
    assert services.run(job.pk) == {"job": job.pk, "skipped": "succeeded"}  # a second delivery of the task
    Job.objects.filter(pk=job.pk).update(state="queued")  # even forced to run again: the files are done
    services.run(job.pk)
    assert Document.objects.count() == documents
    assert IngestRun.objects.latest("pk").results[0]["status"] == "入库"
    assert AuditEntry.objects.count() == entries + 1  # only the job's own "完成" entry


def test_a_folder_is_ingested_in_the_background(db, tmp_path):
    import io

    from django.core.management import call_command

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(seed("000_bab4f8e620e8fad7.txt").read_bytes())
    out = io.StringIO()
    call_command("ingest", str(tmp_path / "in"), "--background", stdout=out)
    assert "已提交后台任务" in out.getvalue() and not Document.objects.filter(filename="a.txt").exists()
    run_jobs()
    assert Document.objects.filter(filename="a.txt").exists()
    assert Job.objects.get(kind="archive.ingest").result["summary"] == "入库 1"


# ─── retries and failures ───────────────────────────────────────────────────────────────────


def test_a_job_that_raises_is_retried_then_marked_failed_with_its_error(personas):
    job = probe(personas["office"], fail_times=10)
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.max_attempts) == ("failed", 3, 3)
    assert job.error == "RuntimeError: 按要求失败（第 3 次尝试）" and "Traceback" in job.traceback
    assert job.finished_at is not None
    # Each attempt is a task of the backend, each recorded as failed by it.
    assert DBTaskResult.objects.filter(task_path="chanye.jobs.tasks.run_job", status="FAILED").count() == 3
    notice = Notification.objects.get(recipient=personas["office"])
    assert notice.text.startswith("后台任务失败：测试任务（RuntimeError") and notice.link == job.get_absolute_url()
    assert AuditEntry.objects.for_object(job).filter(note__startswith="后台任务失败").count() == 1


def test_a_job_that_fails_once_succeeds_on_its_retry(db):
    job = probe(fail_times=1)
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("succeeded", 2, "")


def test_wrong_input_is_not_retried(personas):
    job = services.enqueue(
        actor=personas["statistics"],
        kind="monitoring.commit_import",
        title="导入",
        params={"filename": "x.csv", "sha256": "0" * 64},
    )
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("failed", 1, "待导入的文件已不存在，请重新上传")


def test_a_failed_job_shows_why_and_is_retried_from_its_page(personas, client_for):
    job = probe(personas["office"], fail_times=3)
    run_jobs()
    client = client_for(personas["office"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "失败原因" in page and "按要求失败（第 3 次尝试）" in page and "重试" in page
    response = client.post(reverse("jobs:job-retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("queued", 0)
    run_jobs()  # attempt 1 of the new round; the probe fails only on attempts 1 to 3
    job.refresh_from_db()
    assert job.state == "failed" and job.attempts == 3
    assert client.post(reverse("jobs:job-retry", args=[job.pk])).status_code == 302
    Job.objects.filter(pk=job.pk).update(params={})  # fixed: the probe no longer fails
    run_jobs()
    job.refresh_from_db()
    assert (job.state, job.error) == ("succeeded", "")
    # Retrying a job that did not fail is refused with a message.
    refused = client.post(reverse("jobs:job-retry", args=[job.pk]), follow=True).content.decode()
    assert "只有失败的任务可以重试" in refused


def test_the_same_key_queues_one_job(db):
    first = services.enqueue(actor=None, kind="jobs.probe", title="一", key="probe:1")
    second = services.enqueue(actor=None, kind="jobs.probe", title="二", key="probe:1")
    assert first == second and Job.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_the_job_page_polls_while_it_runs_and_then_updates_the_bell(personas, client_for):
    job = probe(personas["office"])
    client = client_for(personas["office"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and "等待工作进程" in page
    run_jobs()
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "已完成" in fragment and "every 2s" not in fragment
    assert 'id="notification-badge" hx-swap-oob="true"' in fragment and ">1</span>" in fragment


# ─── the long work of each domain ───────────────────────────────────────────────────────────


def test_re_extraction_runs_in_the_background(personas, client_for):
    from chanye.archive import services as archive

    document = archive.ingest_file(
        actor=personas["admin"], filename="q1.txt", content=seed("000_bab4f8e620e8fad7.txt").read_bytes()
    )
    client = client_for(personas["admin"])
    response = client.post(reverse("extraction:document-extract", args=[document.pk]))
    job = Job.objects.get(kind="extraction.extract_document")
    assert response.url == job.get_absolute_url() and job.state == "queued"
    again = client.post(reverse("extraction:document-extract", args=[document.pk]))
    assert again.url == job.get_absolute_url()  # a second click while it waits queues nothing more
    run_jobs()
    job.refresh_from_db()
    assert job.state == "succeeded" and job.result["new"] == 0  # ingest had proposed every fact already


def test_a_large_statistics_file_is_checked_and_imported_by_a_worker(personas, client_for, settings):
    settings.CHANYE_BACKGROUND_IMPORT_BYTES = 100
    text = "主体类型,主体,指标,期间,数值,单位,同比\n" + "\n".join(
        f"集群,{name},营业收入,2019年1-{month}月,{month}0,亿元,5.0"
        for name in ("大数据智能化", "新材料")
        for month in range(2, 13)
    )
    client = client_for(personas["statistics"])
    url = reverse("monitoring:observation-import")
    response = client.post(url, {"file": SimpleUploadedFile("大文件.csv", text.encode())})
    check = Job.objects.get(kind="monitoring.check_import")
    assert response.status_code == 302 and response.url == f"{url}?job={check.pk}"
    assert "等待工作进程" in client.get(response.url).content.decode()
    run_jobs()
    page = client.get(response.url).content.decode()
    assert "共 22 个数，全部通过校验" in page and 'name="confirm_job"' in page
    assert not Observation.objects.filter(period_end__year=2019).exists()
    confirmed = client.post(url, {"confirm_job": check.pk})
    commit = Job.objects.get(kind="monitoring.commit_import")
    assert confirmed.url == f"{url}?job={commit.pk}"
    run_jobs()
    commit.refresh_from_db()
    assert commit.state == "succeeded" and "已导入“大文件.csv”：22 个数" in commit.result["summary"]
    figure = Observation.objects.get(cluster__name="新材料", period_end=datetime.date(2019, 12, 31))
    assert figure.value == Decimal("12000000000")


def test_a_large_file_with_bad_rows_is_reported_by_the_worker(personas, client_for, settings):
    settings.CHANYE_BACKGROUND_IMPORT_BYTES = 10
    client = client_for(personas["statistics"])
    url = reverse("monitoring:observation-import")
    text = "主体类型,主体,指标,期间,数值,单位\n集群,不存在的集群,营业收入,2019年1-2月,1,亿元\n"
    response = client.post(url, {"file": SimpleUploadedFile("坏.csv", text.encode())})
    run_jobs()
    page = client.get(response.url).content.decode()
    assert "未导入" in page and "第2行" in page and 'name="confirm_job"' not in page


# ─── schedules ──────────────────────────────────────────────────────────────────────────────


def at(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def test_the_daily_escalation_is_due_on_chinese_working_days_only():
    escalation = schedule.get("escalate-appeals")
    assert escalation.due_slot(at("2025-10-01 10:00")) is None  # 国庆节
    assert escalation.due_slot(at("2025-09-28 10:00")) == at("2025-09-28 08:30")  # a Sunday worked in lieu (调休)
    assert escalation.due_slot(at("2025-09-29 08:00")) is None  # before 08:30, Saturday was no working day
    assert escalation.next_slot(at("2025-09-30 09:00")) == at("2025-10-09 08:30")  # after the holiday week


def test_a_due_schedule_is_queued_once_and_runs_once(db):
    now = at("2025-09-29 09:00")  # a Monday: the escalation and the weekly list are due
    queued = schedule.tick(now)
    assert sorted(j.schedule for j in queued) == ["escalate-appeals", "stale-figures"]
    assert schedule.tick(now) == [] and schedule.tick(now + datetime.timedelta(minutes=30)) == []
    assert ScheduleRun.objects.count() == 2 and Job.objects.count() == 2
    run_jobs()
    assert set(Job.objects.values_list("state", flat=True)) == {"succeeded"}
    assert schedule.tick(at("2025-09-30 09:00"))[0].schedule == "escalate-appeals"  # the next working day


def test_the_monthly_brief_is_queued_on_the_fifth_working_day(db):
    brief = schedule.get("monthly-brief")
    assert brief.available and brief.kind == "briefs.monthly"
    # October 2025: 1-8 are the National Day holiday, Saturday 11 is worked (调休): the 5th working day is the 14th.
    assert all(j.schedule != "monthly-brief" for j in schedule.tick(at("2025-10-13 07:30")))
    assert [j.schedule for j in schedule.tick(at("2025-10-14 07:30")) if j.schedule == "monthly-brief"] == [
        "monthly-brief"
    ]


def test_the_weekly_list_tells_each_office_of_its_stale_figures(personas, bigdata_office):
    from chanye.visits.services import notify_stale_figures

    sent = notify_stale_figures(today=datetime.date(2025, 9, 29))
    notices = Notification.objects.filter(recipient=personas["office"])
    assert sent >= 1 and notices.count() == 1
    assert notices[0].text.startswith("过期数据周报（2025年第40周）：大数据智能化产业发展办公室负责集群的")
    assert notify_stale_figures(today=datetime.date(2025, 10, 1)) == 0  # once a week


def test_escalation_runs_as_a_scheduled_job(db):
    job = schedule.claim(schedule.get("escalate-appeals"), at("2025-09-29 08:30"))
    run_jobs()
    job.refresh_from_db()
    assert job.state == "succeeded" and job.result["summary"] == "新升级 0 个超期环节"
    assert job.created_by is None and not Notification.objects.exists()  # nobody to tell


# ─── who may see and do what ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("persona", "status"), [("admin", 200), ("leader", 200), ("office", 403), ("statistics", 403), ("norole", 403)]
)
def test_who_sees_the_schedules_page(personas, client_for, persona, status):
    assert client_for(personas[persona]).get(reverse("jobs:schedules")).status_code == status


def test_the_schedules_page_lists_each_schedule_with_its_last_run_and_result(personas, client_for):
    job = schedule.claim(schedule.get("escalate-appeals"), at("2025-09-29 08:30"))
    run_jobs()
    page = client_for(personas["admin"]).get(reverse("jobs:schedules")).content.decode()
    row = page.split('id="schedule-escalate-appeals"')[1].split("</tr>")[0]
    assert "每个工作日 08:30" in row and "已完成" in row and "新升级 0 个超期环节" in row
    assert job.get_absolute_url() in row
    assert "每月第5个工作日 07:00" in page.split('id="schedule-monthly-brief"')[1].split("</tr>")[0]


def test_only_administrators_run_a_schedule_now(personas, client_for):
    url = reverse("jobs:schedule-run", args=["stale-figures"])
    assert client_for(personas["leader"]).post(url).status_code == 403
    assert not Job.objects.exists()
    response = client_for(personas["admin"]).post(url)
    job = Job.objects.get()
    assert response.url == job.get_absolute_url() and job.schedule == "stale-figures"
    assert client_for(personas["admin"]).post(reverse("jobs:check-workers")).status_code == 302
    assert client_for(personas["office"]).post(reverse("jobs:check-workers")).status_code == 403
