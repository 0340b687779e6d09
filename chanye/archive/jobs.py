"""Ingesting as background work (chanye.jobs): an upload's files wait in a staging folder (only the
run's id travels with the job), a folder given to `chanye ingest --background` is read where it lies.
Each file's result is kept on the run as soon as it is known, so the page shows progress and a retry
after a failure half-way goes on from the next file: running the job twice ingests nothing twice."""

import shutil
from collections import Counter
from pathlib import Path

from chanye.core.storage import data_dir
from chanye.jobs.registry import job
from chanye.registry.models import Cluster

from . import parallel, services
from .models import IngestRun


def staging_dir(run_id: int) -> Path:
    return data_dir("uploads", "archive", str(run_id))


def _files(run_id: int, paths: list[str] | None) -> list[tuple[str, Path]]:
    """(the name a result shows, the file) in a fixed order."""
    if paths is not None:
        return [(Path(p).name, Path(p)) for p in paths]
    return [(p.name.split("-", 1)[1], p) for p in sorted(staging_dir(run_id).iterdir())]


def summary(results: list[dict]) -> str:
    counts = Counter(r["status"] for r in results)
    return "，".join(f"{status} {n}" for status, n in counts.items()) or "没有文件"


@job("archive.ingest", "资料入库")
def ingest(progress, *, actor=None, run_id: int, cluster_ids: list[int], paths: list[str] | None = None) -> dict:
    run = IngestRun.objects.get(pk=run_id)
    clusters = list(Cluster.objects.filter(pk__in=cluster_ids))
    files = _files(run_id, paths)
    results = list(run.results)  # files already done on an earlier attempt are not read again
    progress(len(results), len(files), "")
    for number, (name, path) in enumerate(files):
        if number < len(results):
            continue
        results.append(parallel.ingest_source(actor, name, path, clusters))
        run.results = results
        run.save(update_fields=["results"])  # the run's page shows each file as it is done
        progress(len(results), len(files), name)
    services.finish_run(run, results)
    if paths is None:
        shutil.rmtree(staging_dir(run_id), ignore_errors=True)
    return {"summary": summary(results), "link": run.get_absolute_url(), "files": len(results)}
