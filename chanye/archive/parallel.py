"""Ingesting many files with several processes (`chanye ingest --workers N`, `chanye bench archive
--workers N`). Each process ingests whole files through services.ingest_one, with its own database
connection. The CPU half of a file's ingest (reading, cleaning, fingerprints, index entries, its
figures) runs before its write transaction opens (services.ingest_file), so one process works out its
next file while another writes: on SQLite the writes take turns at the database's one write lock, on
PostgreSQL they meet at the search index's advisory lock. Near duplicates are found as in one process:
a document's candidates are looked up inside its transaction, after the writes before it committed."""

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import django
from django.db import connections

from . import services

AHEAD = 2  # files handed out per worker ahead of the results taken: enough to keep each busy


def _read_failure(name: str, error: OSError) -> dict:
    return {"file": name, "status": "失败", "message": f"无法读取文件：{error.strerror or error}"}


def ingest_source(actor, name: str, source: bytes | Path, clusters) -> dict:
    """ingest_one of a file given by its content or its path (read here, in the worker)."""
    if isinstance(source, Path):
        try:
            source = source.read_bytes()
        except OSError as error:
            return _read_failure(name, error)
    return services.ingest_one(actor=actor, filename=name, content=source, clusters=clusters)


def _start_method() -> str:
    # fork: the workers start with this process's settings (a test's database too) and its compiled
    # registry; where there is no fork, each worker sets Django up from the environment.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _worker_setup() -> None:
    django.setup()  # a no-op under fork


def ingest_all(*, actor, files: Iterable[tuple[str, bytes | Path]], clusters=(), workers: int = 1) -> Iterator[dict]:
    """Each (name, content or path) of `files` ingested; the results come in the files' order. With
    `workers` > 1, as many processes ingest at once, and at most AHEAD files a worker are read ahead,
    so that a folder of any size is never held in memory."""
    clusters = list(clusters)
    if workers <= 1:
        for name, source in files:
            yield ingest_source(actor, name, source, clusters)
        return
    connections.close_all()  # a connection must not cross a fork: each worker opens its own
    context = multiprocessing.get_context(_start_method())
    with context.Pool(workers, initializer=_worker_setup) as pool:
        pending = deque()
        for name, source in files:
            pending.append(pool.apply_async(ingest_source, (actor, name, source, clusters)))
            if len(pending) >= AHEAD * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
