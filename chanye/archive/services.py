"""Every write on the archive. Ingesting a file: read it (chanye.archive.engine.readers), clean it
(engine.pipeline: page chrome, normalisation, paragraphs, reading-order repair), refuse exact
duplicates, keep the original file under its SHA-256, store and index the paragraphs, and link
near-duplicate reports — in one transaction with its audit entry."""

import datetime
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from chanye.core import audit
from chanye.core import services as core
from chanye.core.services import ensure_can, ensure_can_add
from chanye.core.tables import MB, XLSX_MAGIC, TableError, unpacked_size

from . import search
from .engine import dedupe, pipeline, readers, readingorder
from .engine.normalize import search_form
from .engine.paragraphs import Paragraph as EngineParagraph
from .models import CommonFingerprint, Document, Fingerprint, IngestRun, NearDuplicate, Paragraph
from .signals import document_dated, document_ingested, ingest_starting

NEAR_DUPLICATE_WINDOW = datetime.timedelta(days=90)  # reports of one story appear within weeks
# A fingerprint stored by this many documents is a set phrase of the genre: no longer looked up, and
# no longer stored (so a lookup reads at most RARE rows per fingerprint). A story reprinted more
# often than this meets its later reprints only through its fingerprints fewer documents hold (an
# exact reprint is refused as a duplicate anyway).
RARE = 100


class Duplicate(ValidationError):
    """The file, or the same text, is already in the archive."""


@dataclass
class Prepared:
    """A file read and cleaned, not yet stored."""

    filename: str
    content: bytes
    extracted: readers.Extracted
    cleaned: pipeline.Cleaned

    # Cached: an ingest asks for each several times, and hashing or joining a long document is not free.
    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @cached_property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.cleaned.paragraphs)

    # The CPU half of an ingest, cut from the text alone: worked out by ingest_file before the write
    # transaction opens, so that the database's write lock is held only for the writes.

    @cached_property
    def content_hash(self) -> str:
        return dedupe.form_hash(self.form)

    @cached_property
    def signature(self) -> tuple[dict, list[int]]:
        """(sketch, fingerprints): dedupe.form_signature."""
        return dedupe.form_signature(self.form)

    @cached_property
    def index_entries(self) -> search.Entries:
        return search.entries([p.text for p in self.cleaned.paragraphs])

    @cached_property
    def form(self) -> str:
        return search_form(self.text)

    @cached_property
    def fields(self) -> dict:
        """The document's fields as read from the file (title, source, date, …): _fields."""
        return _fields(self)

    def work_out(self) -> None:
        """Compute now what the transaction will ask for."""
        for name in ("fields", "content_hash", "signature", "index_entries"):
            getattr(self, name)


def _refuse_zip_bomb(content: bytes) -> None:
    """A DOCX whose parts unpack to more than the setting is refused before python-docx opens it."""
    if not content.startswith(XLSX_MAGIC):  # every zip starts so, DOCX included
        return
    try:
        size = unpacked_size(content)
    except TableError:
        return  # damaged: the reader says so in its own words
    if size > (limit := settings.CHANYE_MAX_DOCUMENT_UNPACKED_BYTES):
        raise readers.ReadError(f"文件解压后过大：{size / MB:.0f} MB，上限为 {limit / MB:.0f} MB（疑似压缩炸弹）")


def prepare(filename: str, content: bytes) -> Prepared:
    _refuse_zip_bomb(content)
    extracted = readers.read_any(filename, content, max_bytes=settings.CHANYE_MAX_DOCUMENT_BYTES)
    cleaned = pipeline.clean(extracted.text)
    if not cleaned.paragraphs:
        raise readers.ReadError("文件中没有可读的正文")
    return Prepared(filename, content, extracted, cleaned)


def _parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _fields(prepared: Prepared) -> dict:
    meta, ex = prepared.cleaned.metadata, prepared.extracted
    headings = [p.text for p in prepared.cleaned.paragraphs if p.kind == "heading"]
    title = meta.get("title") or ex.title or (headings[0] if headings else "") or Path(prepared.filename).stem
    return {
        "title": title[:300],
        "source": (meta.get("publication") or meta.get("source") or ex.source)[:100],
        "date": _parse_date(meta.get("date", "") or ex.date),
        "edition": "".join(filter(None, [meta.get("edition", ""), meta.get("section", "")]))[:50],
        "author": ex.author[:100],
        "url": ex.url[:500],
        "format": ex.format,
        "encoding": ex.encoding,
        "filename": prepared.filename[:255],
        "size": len(prepared.content),
        "metadata": {k: v for k, v in meta.items() if k != "removed" and isinstance(v, (str, int, float))},
        "removed_lines": prepared.cleaned.removed_lines,
        "joins": [join_record(j) for j in prepared.cleaned.joins],
        "unrepaired": _unrepaired(prepared.cleaned),
    }


def join_record(join) -> dict:
    """A join as stored: first and second index the paragraphs before repair (Document.unrepaired)."""
    return {
        "first": join.first,
        "second": join.second,
        "before": join.before,
        "after": join.after,
        "reason": join.reason,
    }


def _unrepaired(cleaned: pipeline.Cleaned) -> dict:
    if not cleaned.joins and not cleaned.duplicates:
        return {}
    return {
        "paragraphs": [[p.kind, p.text] for p in cleaned.repaired_from],
        "duplicates": [join_record(j) for j in cleaned.duplicates],
    }


def _keep_original(prepared: Prepared) -> None:
    path = Path(settings.CHANYE_ARCHIVE_DIR) / prepared.sha256[:2] / prepared.sha256
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(prepared.content)


def original_path(document: Document) -> Path:
    return Path(settings.CHANYE_ARCHIVE_DIR) / document.sha256[:2] / document.sha256


def _refuse_duplicates(prepared: Prepared, content_hash: str) -> None:
    """One query for both (each column is unique, so at most two rows); the same file is said first."""
    found = dict(
        Document.objects.filter(Q(sha256=prepared.sha256) | Q(content_hash=content_hash)).values_list("sha256", "title")
    )
    if prepared.sha256 in found:
        raise Duplicate(f"与已入库的《{found[prepared.sha256]}》是同一个文件")
    if found:
        raise Duplicate(f"正文与已入库的《{next(iter(found.values()))}》完全相同")


PARAGRAPHS_PER_INSERT = 1000  # 4,000 parameters a statement: within SQLite's and PostgreSQL's limits


def _store_paragraphs(document: Document, paragraphs, entries: search.Entries | None = None) -> None:
    """Insert the paragraphs as tuples, a thousand a statement, and index them (`entries`: their
    search.entries(), if already cut). Model instances cost more than the insert itself (bulk_create:
    2.3 ms for 50 paragraphs against 0.35 ms), and every document ingested comes this way."""
    table, rows = Paragraph._meta.db_table, [(p.kind, p.text) for p in paragraphs]
    stored = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), PARAGRAPHS_PER_INSERT):
            batch = rows[start : start + PARAGRAPHS_PER_INSERT]
            cursor.execute(
                f"INSERT INTO {table} (document_id, position, kind, text) VALUES "
                + ", ".join(["(%s, %s, %s, %s)"] * len(batch))
                + " RETURNING id, position",
                [value for i, (kind, text) in enumerate(batch, start) for value in (document.pk, i, kind, text)],
            )
            ids = {position: pk for pk, position in cursor.fetchall()}
            stored += [(ids[i], text) for i, (_kind, text) in enumerate(batch, start)]
    search.index(stored, entries)


# Lists of integers (a document's fingerprints) as one SQL parameter: a JSON array read by json_each on
# SQLite, an array on PostgreSQL. One parameter whatever the length, so that hundreds of fingerprints
# are neither hundreds of placeholders nor hundreds of statements.


def _in(column: str, values: list[int]) -> tuple[str, object]:
    """(condition, parameter): column is one of values."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", values
    return f"{column} IN (SELECT value FROM json_each(%s))", json.dumps(values)


def _rows(values: list[int]) -> tuple[str, object]:
    """(a query of one column, parameter): the values as rows, in their order."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", values
    return "SELECT value FROM json_each(%s)", json.dumps(values)


def _candidates(document: Document, fingerprints: list[int]) -> list[int]:
    """The stored documents sharing enough rare fingerprints with this one (dedupe.may_share_enough),
    and this one's fingerprints recorded: a bounded number of index rows read and written, however
    large the archive (a fingerprint keeps at most RARE rows, and a common one is known by one lookup
    of a small table). Plain SQL on tuples: this runs for every document ingested."""
    if not fingerprints:
        return []
    fingerprint, common_table = Fingerprint._meta.db_table, CommonFingerprint._meta.db_table
    condition, values = _in("value", fingerprints)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {common_table} WHERE {condition}", [values])
        common = {row[0] for row in cursor.fetchall()}
        rare = [value for value in fingerprints if value not in common]
        found, now_common = [], []
        if rare:
            condition, values = _in("f.value", rare)
            # Counted on the fingerprint index alone, then joined: only the documents sharing enough are
            # read, not one document row per fingerprint row (thousands once the archive is large).
            cursor.execute(
                f"SELECT g.document_id, d.shingles, g.shared FROM (SELECT document_id, COUNT(*) AS shared "
                f"FROM {fingerprint} f WHERE {condition} GROUP BY document_id HAVING COUNT(*) >= %s) g "
                f"JOIN {Document._meta.db_table} d ON d.id = g.document_id",
                [values, dedupe.MIN_SHARED_FINGERPRINTS],
            )
            found = [
                pk
                for pk, other_shingles, shared in cursor.fetchall()
                if dedupe.may_share_enough(shared, document.shingles, other_shingles)
            ]
            # the rows just read again (their pages in memory): those this document makes RARE
            cursor.execute(
                f"SELECT value FROM {fingerprint} f WHERE {condition} GROUP BY value HAVING COUNT(*) >= %s",
                [values, RARE - 1],
            )
            now_common = [row[0] for row in cursor.fetchall()]
        _record_fingerprints(cursor, document.pk, rare, now_common)
    return found


def _record_fingerprints(cursor, document_id: int, rare: list[int], now_common: list[int]) -> None:
    """Store the rare fingerprints: hundreds of rows a document, on the path of every ingest, written
    as tuples by one statement, not as model instances (as the statistics import writes its rows).
    A fingerprint this document makes RARE documents' is common from now on (CommonFingerprint): no
    longer stored nor looked up, so that the rows a lookup reads stay bounded and the writes a document
    costs fall as its genre's set phrases become common. How many documents hold a fingerprint is read
    off its own rows rather than kept as a count beside them: upserting hundreds of counts a document
    touched as many random pages of a second index, which SQLite's commit wrote out again."""
    if not rare:
        return
    rows, values = _rows(rare)
    cursor.execute(
        f"INSERT INTO {Fingerprint._meta.db_table} (document_id, value) SELECT %s, v.* FROM ({rows}) v",
        [document_id, values],
    )
    if now_common:
        rows, values = _rows(sorted(now_common))
        # "WHERE true": SQLite would otherwise read ON CONFLICT as a join's ON; a process ingesting at
        # the same time may have made it common too
        cursor.execute(
            f"INSERT INTO {CommonFingerprint._meta.db_table} (value) SELECT v.* FROM ({rows}) v WHERE true "
            "ON CONFLICT (value) DO NOTHING",
            [values],
        )


def _link_near_duplicates(document: Document, text: str, fingerprints: list[int]) -> None:
    """Compare with the candidates the fingerprints find, in the date window, by their stored
    sketches; only the pairs the sketches find close are compared exactly on their full text."""
    found = _candidates(document, fingerprints)
    if not found:
        return
    condition, values = _in("id", found)
    query, params = f"SELECT id, sketch FROM {Document._meta.db_table} WHERE {condition}", [values]
    if document.date:
        query += " AND (date IS NULL OR date BETWEEN %s AND %s)"
        params += [
            connection.ops.adapt_datefield_value(document.date - NEAR_DUPLICATE_WINDOW),
            connection.ops.adapt_datefield_value(document.date + NEAR_DUPLICATE_WINDOW),
        ]
    sketch = Document._meta.get_field("sketch")
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        stored = [(pk, sketch.from_db_value(value, None, connection)) for pk, value in cursor.fetchall()]
    close = [pk for pk, other in stored if other and dedupe.may_be_near_duplicate(document.sketch, other)]
    for other in Document.objects.filter(pk__in=close):
        other_text = "\n\n".join(other.paragraphs.values_list("text", flat=True))
        similar, score = dedupe.near_duplicate(text, other_text)
        if similar:
            NearDuplicate.objects.create(first=other, second=document, similarity=round(score, 3))


@transaction.atomic
def ingest(*, actor, prepared: Prepared, clusters=(), fields: dict | None = None, derived: bool = False) -> Document:
    """`fields` replace what was read from the file (title, source, date, …). A `derived` document is
    the platform's own output (the monthly brief): its figures are already in the database, so the
    listeners of document_ingested (fact extraction) are not told and nothing is proposed twice."""
    ensure_can_add(actor, Document)
    _refuse_duplicates(prepared, prepared.content_hash)
    sketch, fingerprints = prepared.signature
    data = {
        **prepared.fields,
        **(fields or {}),
        "sha256": prepared.sha256,
        "content_hash": prepared.content_hash,
        "sketch": sketch,
        "shingles": sketch["n"],
        "ingested_by": audit.acting_user(actor),
        "clusters": list(clusters),
    }
    document = core.create(actor=actor, model=Document, data=data, note=f"入库 {prepared.filename}")
    _store_paragraphs(document, prepared.cleaned.paragraphs, prepared.index_entries)
    _link_near_duplicates(document, prepared.text, fingerprints)
    if derived:
        document.ingest_notes = []
        return document
    # Listeners may answer with a line for the batch report (extraction: how many facts await review).
    replies = document_ingested.send(sender=Document, document=document, actor=actor, text=prepared.text)
    document.ingest_notes = [reply for _receiver, reply in replies if isinstance(reply, str) and reply]
    return document


def _work_out(prepared: Prepared, fields: dict | None = None, derived: bool = False) -> None:
    """What the write transaction will ask for, worked out before it opens. Listeners too may read for
    seconds, or work out what they will write from the document as it will be stored (unsaved) and its text.
    The original file is kept first (under its SHA-256, so a file kept for a document then refused is the
    same file its first copy kept, or one file too many, never one too few): a file system's seconds under
    a large archive never hold the write lock either."""
    prepared.work_out()
    _keep_original(prepared)
    if derived:  # its figures are not read (ingest)
        ingest_starting.send(sender=Document)
    else:
        ahead = Document(**{**prepared.fields, **(fields or {})})
        ingest_starting.send(sender=Document, document=ahead, text=prepared.text)


def ingest_file(
    *, actor, filename: str, content: bytes, clusters=(), fields: dict | None = None, derived: bool = False
) -> Document:
    ensure_can_add(actor, Document)  # before anything is kept on disk (_work_out), as inside ingest
    prepared = prepare(filename, content)
    _work_out(prepared, fields, derived)
    return ingest(actor=actor, prepared=prepared, clusters=clusters, fields=fields, derived=derived)


def existing_copy(filename: str, content: bytes) -> Document | None:
    """The archived document that is this file, or has the same text: what ingesting it would refuse."""
    prepared = prepare(filename, content)
    return (
        Document.objects.filter(sha256=prepared.sha256).first()
        or Document.objects.filter(content_hash=prepared.content_hash).first()
    )


def _refused(filename: str, error: Exception) -> dict:
    """The result of a file the archive refused (a duplicate, unreadable, invalid)."""
    if isinstance(error, Duplicate):
        return {"file": filename, "status": "重复", "message": "；".join(error.messages)}
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    return {"file": filename, "status": "失败", "message": "；".join(messages)}


REFUSALS = (readers.ReadError, ValidationError)  # Duplicate is a ValidationError


# Files of a batch written in one transaction (ingest_group) on SQLite: each commit writes out the pages it
# touched, and consecutive documents touch many of the same (the tails of the paragraph, audit and document
# tables, the search index's segments), so a group's commit writes them once. 1,000 documents stored, 600
# more in one process: the write lock held 22.7 ms a document one by one, 17.9 ms in groups of 10
# (docs/benchmarks.md). On PostgreSQL a group holds the search index's advisory lock from its first
# document on, and two workers were slower with groups (11.8–12.5 against 12.4–14.8 documents/s): one
# file a transaction there.
GROUP = {"sqlite": 10}


def group_size() -> int:
    """How many files of a batch go in one write transaction on this database."""
    return GROUP.get(connection.vendor, 1)


def ingest_group(*, actor, files: list[tuple[str, bytes]], clusters=()) -> list[dict]:
    """Files of a batch, each with its result, never an exception for a file the archive refuses, so one
    bad file never stops a batch. Their writes go in one transaction, each file's own in a savepoint, so a
    refused file (a duplicate, also of another file of the group) leaves the others as they were. Reading
    and cleaning, the index entries and the figures of every file are worked out before the transaction
    opens. An unexpected error stops the batch, the files before it stored."""
    ensure_can_add(actor, Document)
    results: list[dict | None] = [None] * len(files)
    ready: list[tuple[int, Prepared]] = []
    stopped = None
    for number, (filename, content) in enumerate(files):
        try:
            prepared = prepare(filename, content)
            _work_out(prepared)
        except REFUSALS as error:
            results[number] = _refused(filename, error)
        except Exception as error:  # raised again once the files before it are stored
            stopped = error
            break
        else:
            ready.append((number, prepared))
    stored: list[tuple[int, Document]] = []
    with transaction.atomic():
        for number, prepared in ready:
            try:
                document = ingest(actor=actor, prepared=prepared, clusters=clusters)  # a savepoint of its own
            except REFUSALS as error:
                results[number] = _refused(prepared.filename, error)
            except Exception as error:  # as above
                stopped = error
                break
            else:
                stored.append((number, document))
    if stopped is not None:
        raise stopped
    for number, document in stored:
        results[number] = _ingested(files[number][0], document)
    return results


def _ingested(filename: str, document: Document) -> dict:
    joins = len(document.joins)
    notes = "".join(f"，{note}" for note in getattr(document, "ingest_notes", []))
    return {
        "file": filename,
        "status": "入库",
        "document": document.pk,
        "title": document.title,
        "message": f"{document.paragraphs.count()} 段" + (f"，修复断段 {joins} 处" if joins else "") + notes,
    }


def start_run(*, actor, total: int) -> IngestRun:
    run = IngestRun.objects.create(started_by=audit.acting_user(actor), total=total)
    audit.record(actor=actor, action="create", obj=run, before=None, after={"total": total}, note="开始入库")
    return run


@transaction.atomic
def start_upload(*, actor, files, clusters=()) -> tuple:
    """Uploaded files (Django UploadedFile) into a staging folder and a background job that ingests them:
    the request returns as soon as the files are on disk."""
    from chanye.jobs import services as jobs

    from .jobs import staging_dir

    ensure_can_add(actor, Document)
    run = start_run(actor=actor, total=len(files))
    folder = staging_dir(run.pk)
    for number, upload in enumerate(files):
        # Chunked copy: an oversized file is refused by the reader, not held in memory here.
        with (folder / f"{number:04d}-{Path(upload.name).name}").open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    job = jobs.enqueue(
        actor=actor,
        kind="archive.ingest",
        title=f"入库 {len(files)} 个文件" if len(files) > 1 else f"入库《{Path(files[0].name).name}》",
        params={"run_id": run.pk, "cluster_ids": sorted(c.pk for c in clusters)},
    )
    return run, job


@transaction.atomic
def start_folder(*, actor, paths: list[Path], clusters=()) -> tuple:
    """Files (a folder's, listed by `chanye ingest --background`) ingested by a worker where they lie."""
    from chanye.jobs import services as jobs

    ensure_can_add(actor, Document)
    run = start_run(actor=actor, total=len(paths))
    job = jobs.enqueue(
        actor=actor,
        kind="archive.ingest",
        title=f"入库 {len(paths)} 个文件（文件夹）",
        params={
            "run_id": run.pk,
            "cluster_ids": sorted(c.pk for c in clusters),
            "paths": [str(p.resolve()) for p in paths],
        },
    )
    return run, job


def finish_run(run: IngestRun, results: list[dict]) -> IngestRun:
    run.results, run.finished_at = results, timezone.now()
    run.save(update_fields=["results", "finished_at"])
    return run


def _engine_join(record: dict, kind: str) -> readingorder.Join:
    return readingorder.Join(
        record["first"], record["second"], record["before"], record["after"], record["reason"], kind
    )


@transaction.atomic
def undo_join(*, actor, document: Document, index: int) -> Document:
    """Leave out one join: the text is rebuilt from the paragraphs before repair with every other
    join (and every removed repeat) applied, so the continuation goes back to where it stood and a
    chain of joins comes apart link by link."""
    ensure_can(actor, document, "change")
    joins = list(document.joins)
    if not 0 <= index < len(joins):
        raise ValidationError("没有这处拼接")
    if not document.unrepaired or "first" not in joins[index]:
        raise ValidationError("这份资料入库时没有保存修复前的段落，无法撤销拼接；删除后重新入库即可")
    join = joins.pop(index)
    before = [EngineParagraph(text=text, kind=kind) for kind, text in document.unrepaired["paragraphs"]]
    kept = [_engine_join(j, "join") for j in joins] + [
        _engine_join(d, "duplicate") for d in document.unrepaired["duplicates"]
    ]
    search.unindex(list(document.paragraphs.values_list("pk", "text")))
    document.paragraphs.all().delete()
    _store_paragraphs(document, readingorder.apply(before, kept))
    return core.update(
        actor=actor, obj=document, data={"joins": joins}, note=f"撤销拼接：{join['before'][-12:]}｜{join['after'][:12]}"
    )


@transaction.atomic
def delete_document(*, actor, document: Document) -> None:
    search.unindex(list(document.paragraphs.values_list("pk", "text")))
    core.delete(actor=actor, obj=document)


def update_document(*, actor, document: Document, data: dict, note: str = "") -> Document:
    # the stored date: a form has already set the new one on the instance it passes
    dated_before = Document.objects.filter(pk=document.pk).values_list("date", flat=True).first()
    document = core.update(actor=actor, obj=document, data=data, note=note)
    if document.date is not None and document.date != dated_before:
        # 今年 and 去年底 can now be read: extraction proposes the figures that waited for the date
        document_dated.send(sender=Document, document=document, actor=actor)
    return document
