import os
import subprocess
import sys

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def no_retry_delay(settings):
    settings.CHANYE_JOB_RETRY_DELAY = 0


def database_url() -> str:
    """The test database as a URL for the worker and scheduler processes the tests start."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


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
