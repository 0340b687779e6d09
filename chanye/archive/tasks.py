"""Ingesting uploaded files as background work (Django Tasks). The embedded default backend runs
the task in-process when it is enqueued; a deployment's worker runs it elsewhere. Files wait in a
staging folder, so only their paths travel with the task."""

import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.tasks import task

from chanye.registry.models import Cluster

from . import services
from .models import IngestRun


def staging_dir(run_id: int) -> Path:
    path = Path(settings.DATA_DIR) / "uploads" / "archive" / str(run_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


@task
def ingest_run(run_id: int, user_id: int | None, cluster_ids: list[int]) -> int:
    run = IngestRun.objects.get(pk=run_id)
    actor = get_user_model().objects.filter(pk=user_id).first()
    clusters = list(Cluster.objects.filter(pk__in=cluster_ids))
    folder = staging_dir(run_id)
    results = []
    for path in sorted(folder.iterdir()):
        results.append(
            services.ingest_one(
                actor=actor, filename=path.name.split("-", 1)[1], content=path.read_bytes(), clusters=clusters
            )
        )
        run.results = results
        run.save(update_fields=["results"])  # the page shows progress while a worker runs
    services.finish_run(run, results)
    shutil.rmtree(folder, ignore_errors=True)
    return len(results)
