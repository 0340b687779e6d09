"""For tests: run the queued jobs here and now, the way `chanye worker --batch` would, in this process and
inside the test's transaction (the database backend's own Worker, in batch mode)."""

from unittest import mock

from django_tasks_db.management.commands import db_worker


def run_jobs() -> None:
    """Run every task that is ready (retries due now included) until none is left."""
    worker = db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker closes stale connections between tasks; inside a test's transaction that would end it.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
