"""The fast write path for large statistics files: new observations inserted as plain tuples
(COPY on PostgreSQL, executemany on SQLite) instead of model objects. Only imports use it,
inside the audited batch of chanye.monitoring.services.commit_import; every value has passed
the import's validation first."""

import gc
from contextlib import contextmanager
from itertools import repeat
from operator import add, attrgetter

from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations

from chanye.core.audit import acting_user

from .models import Observation

COLUMNS = [
    "subject_kind",
    "region_id",
    "cluster_id",
    "chain_link_id",
    "enterprise_id",
    "park_id",
    "subject_key",
    "indicator_id",
    "period_start",
    "period_end",
    "period_kind",
    "value",
    "qualifier",
    "yoy_pct",
    "origin",
    "citation_id",
    "import_batch_id",
    "import_row",
    "import_sheet",
    "import_column",
    "note",
    "entered_by_id",
    "entered_at",
]
SUBJECT_COLUMN = {
    "cluster": "cluster_id",
    "chainlink": "chain_link_id",
    "enterprise": "enterprise_id",
    "park": "park_id",
}
CHUNK = 10_000
LARGE_CACHE_KB = 512 * 1024  # SQLite's page cache during a large insert (allocated only as pages are used)


def _adapter():
    """Values as the database driver wants them, each distinct date or decimal adapted once."""
    ops, cache = connection.ops, {}

    def date(value):
        if value not in cache:
            cache[value] = ops.adapt_datefield_value(value)
        return cache[value]

    def decimal(value):
        return None if value is None else ops.adapt_decimalfield_value(value, 24, 4)

    return date, decimal


def tuples(rows, batch, actor, entered_at):
    date, decimal = _adapter()
    entered_at = connection.ops.adapt_datetimefield_value(entered_at)
    entered_by = user.pk if (user := acting_user(actor)) is not None else None
    for row in rows:
        yield (
            *_subject_columns(row.kind, row.region_id, row.subject_id, row.key[0]),
            row.indicator.pk,
            date(row.period.start_date),
            date(row.period.end_date),
            row.period.kind,
            decimal(row.value),
            row.qualifier,
            decimal(row.yoy_pct),
            Observation.Origin.STATISTICS,
            None,
            batch.pk,
            row.number,
            row.sheet,
            row.column,
            row.note,
            entered_by,
            entered_at,
        )


def record_tuples(table, columns, batch, actor, entered_at):
    """tuples() for the rows of a long-template file (chanye.monitoring.imports.LongRows), given as its six
    parallel columns: the columns of each subject and of each indicator and period are put together once,
    and each row's tuple is joined from them and its own cells by map and zip (in C, no Python step per
    row)."""
    date, decimal = _adapter()
    entered_at = connection.ops.adapt_datetimefield_value(entered_at)
    entered_by = user.pk if (user := acting_user(actor)) is not None else None
    numbers, slots, specs, values, yoys, notes = columns
    subjects = {
        slot: _subject_columns(subject.kind, subject.region_id, subject.subject_id, subject.key)
        for slot, subject in ((slot, table.subjects[slot]) for slot in set(slots))
    }
    periods = {
        spec: (spec.indicator.pk, date(spec.period.start_date), date(spec.period.end_date), spec.period.kind)
        for spec in set(specs)
    }
    if type(connection.ops).adapt_decimalfield_value is not BaseDatabaseOperations.adapt_decimalfield_value:
        values, yoys = map(decimal, values), map(decimal, yoys)
    own = zip(
        values,
        map(attrgetter("qualifier"), specs),
        yoys,
        repeat(Observation.Origin.STATISTICS),
        repeat(None),  # citation
        repeat(batch.pk),
        numbers,
        repeat(""),  # sheet
        repeat(table.column),
        notes,
        repeat(entered_by),
        repeat(entered_at),
    )
    return map(add, map(add, map(subjects.__getitem__, slots), map(periods.__getitem__, specs)), own)


def _subject_columns(kind: str, region_id, subject_id, key) -> tuple:
    """subject_kind, region_id, cluster_id, chain_link_id, enterprise_id, park_id, subject_key: the subject's
    record in the one column of its kind."""
    columns = dict.fromkeys(SUBJECT_COLUMN.values())
    if kind in SUBJECT_COLUMN:
        columns[SUBJECT_COLUMN[kind]] = subject_id
    return (kind, region_id, *columns.values(), key)


@contextmanager
def no_cycle_collection():
    """The cyclic garbage collector paused while a million tuples are made: none of them is part of a cycle,
    yet each collection of the oldest generation walks every one of them (a third of the time of reading a
    file of a million rows). Reference counting frees memory as usual meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def insert(rows, batch, actor, entered_at, progress=None) -> int:
    with no_cycle_collection():
        values = list(tuples(rows, batch, actor, entered_at))
    return write(values, progress)


def insert_records(table, columns, batch, actor, entered_at, progress=None) -> int:
    with no_cycle_collection():
        values = list(record_tuples(table, columns, batch, actor, entered_at))
    return write(values, progress)


def write(values: list[tuple], progress=None) -> int:
    table = Observation._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
                for done, value in enumerate(values, start=1):
                    copy.write_row(value)
                    if progress and done % CHUNK == 0:
                        progress(done, len(values))
        else:
            sql = (
                f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
            )
            with _sqlite_cache(cursor, len(values)):
                for start in range(0, len(values), CHUNK):
                    cursor.executemany(sql, values[start : start + CHUNK])
                    if progress:
                        progress(min(start + CHUNK, len(values)), len(values))
    return len(values)


@contextmanager
def _sqlite_cache(cursor, rows: int):
    """A larger page cache while many rows go in: SQLite's default (2 MB) cannot hold the pages of the
    table's twelve indexes, and pages it drops mid-transaction are written to the WAL and read back
    (a million rows took 35 s instead of 29 s). Memory, not durability: restored afterwards."""
    if rows < CHUNK:
        yield
        return
    cursor.execute("PRAGMA cache_size")
    (before,) = cursor.fetchone()
    cursor.execute(f"PRAGMA cache_size = {-LARGE_CACHE_KB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")
