import os
import subprocess
import sys

import pytest

from chanye.conftest import database_url


@pytest.fixture(autouse=True)
def no_retry_delay(settings):
    settings.CHANYE_JOB_RETRY_DELAY = 0


@pytest.fixture
def chanye(tmp_path):
    """Start `chanye ARGS…` against the test database (for tests marked transactional: the processes
    see only what is committed). Yields a function returning the Popen; every process is ended after."""
    started = []

    def start(*args, queue: str = "database", **env) -> subprocess.Popen:
        environment = {
            **os.environ,
            "CHANYE_DATABASE_URL": database_url(),
            "CHANYE_DATA_DIR": str(tmp_path),
            "CHANYE_TASK_QUEUE": queue,
            **env,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "chanye.cli", *args],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
