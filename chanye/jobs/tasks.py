"""The one task of Django's Tasks framework that chanye enqueues: run a job (chanye.jobs.services.run).
Its argument is only the job's id, so every backend (database, Redis, immediate) carries it alike."""

from django.tasks import task


@task
def run_job(job_id: int) -> dict:
    from . import services  # the services import this module to enqueue

    return services.run(job_id)
