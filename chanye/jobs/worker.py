"""`chanye worker`: N worker processes and a scheduler, stopped cleanly by SIGTERM.

The parent process supervises: it starts N children (`chanye worker --child`), each running the
backend's own worker loop — django-tasks-db's Worker, or an RQ worker for the Redis backend — and
restarts a child that dies; unless told otherwise it also runs the scheduler (chanye.jobs.schedule.tick)
every SCHEDULER_INTERVAL seconds. On SIGTERM or Ctrl+C it passes the signal on: each child finishes the
job it is running, then exits, and the parent exits 0 when all have. A second signal stops them at once
(the interrupted job is recorded as such and retried)."""

import logging
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.db import close_old_connections

log = logging.getLogger("chanye.jobs")

SCHEDULER_INTERVAL = 30  # seconds
RESTART_DELAY = 2  # seconds before a crashed child is started again


def backend_kind() -> str:
    """`database`, `redis` or `immediate`: which task backend this instance runs."""
    from django.tasks import task_backends

    name = type(task_backends["default"]).__module__
    if name.startswith("django_tasks_db"):
        return "database"
    if name.startswith("django_tasks_rq"):
        return "redis"
    return "immediate"


def run_child(*, worker_id: str, batch: bool, interval: float, stdout) -> None:
    """One worker process: the backend's own loop, in this process, until SIGTERM (or, with `batch`,
    until the queue is empty)."""
    kind = backend_kind()
    if not settings.DEBUG:
        logging.getLogger("django.tasks").setLevel(logging.WARNING)  # a line per task is too much for a log
    if kind == "database":
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
    elif kind == "redis":
        import django_rq
        from django_tasks_rq import Job as RQTaskJob

        worker = django_rq.get_worker(*settings.TASKS["default"].get("QUEUES", ["default"]), job_class=RQTaskJob)
        worker.work(burst=batch, with_scheduler=True, logging_level="WARNING")
    else:
        stdout.write("任务后端为 ImmediateBackend：任务在提交时当场运行，不需要工作进程")


class Supervisor:
    def __init__(self, *, processes: int, scheduler: bool, batch: bool, interval: float, stdout):
        self.processes, self.scheduler, self.batch, self.interval = processes, scheduler, batch, interval
        self.stdout = stdout
        self.children: dict[int, subprocess.Popen] = {}
        self.stopping = False
        self.signals = 0

    def command(self, number: int) -> list[str]:
        args = [sys.executable, "-m", "chanye.cli", "worker", "--child", "--worker-id", f"{os.getpid()}-{number}"]
        args += ["--interval", str(self.interval)]
        return [*args, "--batch"] if self.batch else args

    def start(self, number: int) -> None:
        self.children[number] = subprocess.Popen(self.command(number), env=os.environ.copy())

    def stop(self, signum, frame) -> None:
        self.signals += 1
        self.stopping = True
        for child in self.children.values():
            if child.poll() is None:
                # The first signal lets each child finish its job; a second one stops them now.
                child.send_signal(signal.SIGTERM if self.signals == 1 else signal.SIGINT)

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for number in range(self.processes):
            self.start(number)
        self.stdout.write(
            f"工作进程 {self.processes} 个已启动（任务后端：{backend_kind()}"
            f"{'，含定时任务调度' if self.scheduler else ''}）；SIGTERM 或 Ctrl+C 停止"
        )
        self.stdout.flush()
        next_tick = 0.0
        while True:
            if self.scheduler and not self.stopping and time.monotonic() >= next_tick:
                self.tick()
                next_tick = time.monotonic() + SCHEDULER_INTERVAL
            for number, child in list(self.children.items()):
                code = child.poll()
                if code is None:
                    continue
                del self.children[number]
                if not self.stopping and not self.batch:
                    log.warning("worker %s exited with %s; restarting", number, code)
                    time.sleep(RESTART_DELAY)
                    self.start(number)
            if not self.children:
                break
            time.sleep(0.2)
        self.stdout.write("工作进程已全部停止")
        return 0

    def tick(self) -> None:
        from .schedule import tick

        close_old_connections()
        try:
            for job in tick():
                self.stdout.write(f"定时任务入队：{job.title}")
        except Exception:
            log.exception("scheduler tick failed")
        finally:
            close_old_connections()


def serve_with_worker(*, port: int, host: str, stdout, workers: int = 2) -> int:
    """The web server (gunicorn, as `chanye serve`) and one `chanye worker` together, for `chanye demo`:
    Ctrl+C or SIGTERM stops both, and so does either one ending."""
    web = ["gunicorn", "chanye.wsgi:application", "--bind", f"{host}:{port}", "--workers", str(workers)]
    web += ["--threads", "4", "--access-logfile", "-", "--graceful-timeout", "5"]
    processes = {
        "worker": subprocess.Popen([sys.executable, "-m", "chanye.cli", "worker", "--processes", "1"]),
        "web": subprocess.Popen([sys.executable, "-m", *web]),
    }
    stdout.write(f"网站地址：http://{host}:{port}/  后台任务：1 个工作进程  （Ctrl+C 同时停止两者）")
    stdout.flush()
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping and all(p.poll() is None for p in processes.values()):
        time.sleep(0.2)
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for name, process in processes.items():
        try:
            process.wait(timeout=60 if name == "worker" else 15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    stdout.write("网站和工作进程已停止")
    return 0
