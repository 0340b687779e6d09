"""Real `chanye worker` and `chanye scheduler` processes against the test database (SQLite file or
PostgreSQL): two workers never run the same job twice, a due schedule is queued once by two schedulers,
a failing job is retried by the worker then failed with its error, SIGTERM lets the running job finish.
The Redis backend (django-tasks-rq) is tested the same way when a Redis server answers."""

import collections
import signal
import socket
import time
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from chanye.core.regions import load_regions
from chanye.jobs import services
from chanye.jobs.models import Job, ScheduleRun

pytestmark = pytest.mark.django_db(transaction=True)


def probes(n: int, log: Path, **params) -> list[Job]:
    return [
        services.enqueue(actor=None, kind="jobs.probe", title=f"测试 {i}", params={"log": str(log), **params})
        for i in range(n)
    ]


def finish(process, timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def lines(log: Path) -> list[list[str]]:
    return [line.split() for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


def test_two_workers_never_run_the_same_job_twice(chanye, tmp_path):
    log = tmp_path / "runs.log"
    jobs = probes(120, log, sleep=0.01)
    first = chanye("worker", "--processes", "1", "--batch")
    second = chanye("worker", "--processes", "1", "--batch")
    for process in (first, second):
        code, _out, err = finish(process)
        assert code == 0, err[-2000:]
    runs = collections.Counter(int(job_id) for _tag, job_id, _pid, _attempt in lines(log))
    assert runs == {job.pk: 1 for job in jobs}  # every job ran, none twice
    assert set(Job.objects.values_list("state", "attempts")) == {("succeeded", 1)}


def test_one_worker_with_two_processes_shares_the_queue(chanye, tmp_path):
    log = tmp_path / "runs.log"
    jobs = probes(40, log, sleep=0.1)
    code, out, err = finish(chanye("worker", "--processes", "2", "--batch"))
    assert code == 0 and "工作进程 2 个已启动" in out, err[-2000:]
    ran = lines(log)
    assert sorted(int(r[1]) for r in ran) == sorted(j.pk for j in jobs)
    assert len({pid for _tag, _job, pid, _attempt in ran}) == 2  # both processes took jobs


def test_the_worker_retries_a_failing_job_then_marks_it_failed(chanye, tmp_path):
    log = tmp_path / "runs.log"
    (failing,) = probes(1, log, fail_times=99)
    (flaky,) = probes(1, log, fail_times=1)
    code, _out, err = finish(chanye("worker", "--batch", CHANYE_JOB_RETRY_DELAY="0"))
    assert code == 0, err[-2000:]
    failing.refresh_from_db()
    flaky.refresh_from_db()
    assert (failing.state, failing.attempts, failing.error) == ("failed", 3, "RuntimeError: 按要求失败（第 3 次尝试）")
    assert (flaky.state, flaky.attempts) == ("succeeded", 2)
    assert [r[3] for r in lines(log) if int(r[1]) == failing.pk] == ["1", "2", "3"]


def test_sigterm_lets_the_running_job_finish_and_the_worker_exits_cleanly(chanye, tmp_path):
    log = tmp_path / "runs.log"
    (slow,) = probes(1, log, sleep=3)
    (waiting,) = probes(1, log)
    worker = chanye("worker", "--processes", "1", "--no-scheduler", "--interval", "0.2")
    deadline = time.monotonic() + 60
    while Job.objects.get(pk=slow.pk).state != "running":
        assert time.monotonic() < deadline and worker.poll() is None, worker.communicate()[1][-2000:]
        time.sleep(0.1)
    worker.send_signal(signal.SIGTERM)
    code, out, err = finish(worker, timeout=60)
    assert code == 0 and "工作进程已全部停止" in out, err[-2000:]
    slow.refresh_from_db()
    waiting.refresh_from_db()
    assert slow.state == "succeeded"  # finished, not cut off
    assert waiting.state == "queued"  # left for the next worker, not started


def test_a_due_job_is_queued_once_and_runs_once_with_two_schedulers(chanye, tmp_path):
    # Whatever is due today runs: the monthly brief (5th working day) needs the instance's region, which a
    # migration loads in a real database and the flush after an earlier transactional test removed here.
    load_regions()
    now = timezone.now()
    schedulers = [chanye("scheduler", "--once") for _ in range(2)]
    for process in schedulers:
        code, _out, err = finish(process)
        assert code == 0, err[-2000:]
    runs = ScheduleRun.objects.filter(schedule="stale-figures")
    slot = runs.values_list("slot", flat=True).first()
    # The weekly list is due when the last Monday 09:00 lies within its two-day catch-up window.
    due = now - slot < timezone.timedelta(days=2) if slot else False
    assert runs.count() == (1 if due else 0)
    per_schedule = collections.Counter(Job.objects.values_list("schedule", flat=True))
    assert all(n == 1 for n in per_schedule.values())
    for schedule, n in collections.Counter(ScheduleRun.objects.values_list("schedule", flat=True)).items():
        assert n == 1, schedule
    workers = [chanye("worker", "--batch") for _ in range(2)]
    for process in workers:
        assert finish(process)[0] == 0
    assert set(Job.objects.values_list("state", "attempts")) <= {("succeeded", 1)}, list(
        Job.objects.exclude(state="succeeded").values_list("kind", "state", "error", "traceback")
    )


def test_two_schedulers_at_the_same_due_slot_queue_one_job(chanye, tmp_path, settings):
    """A schedule declared for the test (every day at 00:00, so it is always due) and two schedulers
    started at once: exactly one job, which one worker runs once."""
    module = tmp_path / "test_schedules.py"
    module.write_text(
        "import datetime\n"
        "from chanye.jobs.schedule import Daily, Schedule\n"
        "SCHEDULES = [Schedule(name='probe', title='测试定时任务', kind='jobs.probe',\n"
        "    when=Daily(at=datetime.time(0, 0), catch_up=datetime.timedelta(days=1)),\n"
        f"    params={{'log': {str(tmp_path / 'runs.log')!r}}})]\n",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(tmp_path), "CHANYE_SCHEDULES": "test_schedules"}
    schedulers = [chanye("scheduler", "--once", **env) for _ in range(2)]
    outputs = [finish(p) for p in schedulers]
    assert all(code == 0 for code, _o, _e in outputs), [e[-2000:] for _c, _o, e in outputs]
    assert sum("定时任务入队" in out for _code, out, _err in outputs) == 1
    assert ScheduleRun.objects.filter(schedule="probe").count() == 1
    job = Job.objects.get(schedule="probe")
    workers = [chanye("worker", "--batch", **env) for _ in range(2)]
    for process in workers:
        assert finish(process)[0] == 0
    job.refresh_from_db()
    assert job.state == "succeeded" and len(lines(tmp_path / "runs.log")) == 1


def redis_url() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            if connection.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/13"
    except OSError:
        pass
    return None


REDIS = redis_url()
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.mark.skipif(REDIS is None, reason="no Redis server answers on 127.0.0.1:6379 (.ci/run starts one)")
def test_the_redis_backend_runs_jobs_with_rq_workers(chanye, tmp_path):
    import django_rq

    log = tmp_path / "runs.log"
    queues = {"default": {"URL": REDIS, "DEFAULT_TIMEOUT": 600}}
    with override_settings(TASKS=RQ_TASKS, RQ_QUEUES=queues):
        django_rq.get_queue("default").empty()
        jobs = probes(20, log)
    code, out, err = finish(chanye("worker", "--processes", "2", "--batch", queue=REDIS))
    assert code == 0 and "任务后端：redis" in out, err[-3000:]
    runs = collections.Counter(int(r[1]) for r in lines(log))
    assert all(runs[j.pk] == 1 for j in jobs)
    assert set(Job.objects.filter(pk__in=[j.pk for j in jobs]).values_list("state", flat=True)) == {"succeeded"}
