"""The kernel's own kinds of job: a probe (an administrator's check that the workers run, and the job the
tests and benchmarks use to count runs) and a `chanye` command named by a schedule (the monthly brief)."""

import io
import os
import time

from django.core.management import call_command

from .registry import job


@job("jobs.probe", "检查工作进程")
def probe(progress, *, actor=None, sleep: float = 0, fail_times: int = 0, log: str = "", tag: str = "", **_) -> dict:
    """Wait `sleep` seconds; raise on the first `fail_times` attempts; append a line to the file `log`
    (one short line per run, appended atomically) so that a test can count how often each job ran."""
    progress(0, 1, "运行中")
    if sleep:
        time.sleep(sleep)
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{tag or '-'} {progress.job_id} {os.getpid()} {progress.attempt}\n")
    if progress.attempt <= fail_times:
        raise RuntimeError(f"按要求失败（第 {progress.attempt} 次尝试）")
    progress(1, 1, "完成")
    return {"summary": f"工作进程 {os.getpid()} 已运行"}


def declared_commands() -> list[list[str]]:
    from .schedule import schedules

    return [s.params["command"] for s in schedules() if s.kind == "jobs.command" and "command" in s.params]


@job("jobs.command", "运行命令", max_attempts=2)
def command(progress, *, actor=None, command: list[str], **_) -> dict:
    """A `chanye` command declared by a schedule (chanye/schedules.py), e.g. `chanye report brief`."""
    if list(command) not in declared_commands():
        raise PermissionError(f"命令未在定时任务中声明：chanye {' '.join(command)}")
    out = io.StringIO()
    call_command(*command, stdout=out, stderr=out)
    text = out.getvalue().strip()
    return {
        "summary": text.splitlines()[-1][:200] if text else f"chanye {' '.join(command)} 已完成",
        "output": text[-5000:],
    }
