"""Ingesting many files, in one or several processes (`chanye ingest --workers N`, `chanye bench archive
--workers N`). Each process ingests groups of whole files through services.ingest_group, one write
transaction a group, with its own database connection. The CPU half of a file's ingest (reading,
cleaning, fingerprints, index entries, its figures) runs before the write transaction opens, so one
process works out its next group while another writes: on SQLite the writes take turns at the
database's one write lock, on PostgreSQL they meet at the search index's advisory lock. Near duplicates
are found as in one process: a document's candidates are looked up inside its transaction, after the
writes before it (of its own group too)."""

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import django
from django.db import connections

from . import services

AHEAD = 2  # groups of files handed out per worker ahead of the results taken: enough to keep each busy


def _read_failure(name: str, error: OSError) -> dict:
    return {"file": name, "status": "失败", "message": f"无法读取文件：{error.strerror or error}"}


def ingest_source(actor, name: str, source: bytes | Path, clusters) -> dict:
    """One file given by its content or its path (read here, in the worker), as ingest_sources reads it."""
    return ingest_sources(actor, [(name, source)], clusters)[0]


def ingest_sources(actor, files: list[tuple[str, bytes | Path]], clusters) -> list[dict]:
    """services.ingest_group of files given by their content or their path (read here, in the worker);
    a file that cannot be read is reported in its place."""
    results: list[dict | None] = [None] * len(files)
    readable = []
    for number, (name, source) in enumerate(files):
        if isinstance(source, Path):
            try:
                source = source.read_bytes()
            except OSError as error:
                results[number] = _read_failure(name, error)
                continue
        readable.append((number, name, source))
    ingested = services.ingest_group(
        actor=actor, files=[(name, content) for _number, name, content in readable], clusters=clusters
    )
    for (number, _name, _content), result in zip(readable, ingested, strict=True):
        results[number] = result
    return results


def _start_method() -> str:
    # fork: the workers start with this process's settings (a test's database too) and its compiled
    # registry; where there is no fork, each worker sets Django up from the environment.
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _worker_setup() -> None:
    django.setup()  # a no-op under fork


def ingest_all(*, actor, files: Iterable[tuple[str, bytes | Path]], clusters=(), workers: int = 1) -> Iterator[dict]:
    """Each (name, content or path) of `files` ingested, services.group_size() files a transaction; the results
    come in the files' order. With `workers` > 1, as many processes ingest at once, and at most AHEAD
    groups a worker are read ahead, so that a folder of any size is never held in memory."""
    clusters = list(clusters)
    groups = itertools.batched(files, services.group_size())
    if workers <= 1:
        for group in groups:
            yield from ingest_sources(actor, list(group), clusters)
        return
    connections.close_all()  # a connection must not cross a fork: each worker opens its own
    context = multiprocessing.get_context(_start_method())
    with context.Pool(workers, initializer=_worker_setup) as pool:
        pending = deque()
        for group in groups:
            pending.append(pool.apply_async(ingest_sources, (actor, list(group), clusters)))
            if len(pending) >= AHEAD * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
