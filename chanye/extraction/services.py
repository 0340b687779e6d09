"""Every write on extracted facts: proposing them from a document (on ingest, or again on demand),
accepting one (it becomes a record citing its evidence sentence), rejecting one, bulk-accepting the
high-confidence ones, and deciding a conflict. Each owns its transaction, checks permission and
leaves an audit entry; the records themselves are written through their own domains' services."""

import contextlib
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from chanye.archive.models import Document
from chanye.core import audit
from chanye.core import services as core
from chanye.core.models import Region
from chanye.core.regions import home_region
from chanye.core.services import ensure_can, ensure_can_add
from chanye.lib.names import split_names
from chanye.lib.periods import Period
from chanye.monitoring import services as monitoring
from chanye.monitoring.models import REGION, Indicator, Observation, Target, subject_key
from chanye.projects import services as projects
from chanye.projects.models import Project, SigningEvent
from chanye.registry import services as registry
from chanye.registry.models import Cluster, Designation, Enterprise, NamesVersion, Park, Source

from .engine import Subjects, extract
from .engine.evaluate import titles_agree
from .engine.subjects import Lexicon
from .models import HIGH_CONFIDENCE, PARAGRAPH_BREAK, ExtractedFact, SubjectAlias, fingerprint, paragraphs_at

log = logging.getLogger(__name__)


class Conflict(ValidationError):
    """The fact disagrees with a record already in the database; a person must decide (conflicts page)."""


# ─── proposing ──────────────────────────────────────────────────────────────────────────────


def _read_subjects(district: str) -> Subjects:
    """The platform's clusters (by name, name产业, name产业集群 and their office), enterprises (short
    names and aliases) and parks, and the district of this instance, read as rows (not models)."""
    clusters = {
        name: [n for n in [name, f"{name}产业", f"{name}产业集群", office or ""] if n]
        for name, office in Cluster.objects.values_list("name", "office__name")
    }
    enterprises = {}
    for name, short_name, aliases in Enterprise.objects.values_list("name", "short_name", "aliases").iterator(
        chunk_size=20_000
    ):
        enterprises[name] = [n for n in [short_name, *split_names(aliases)] if n] if short_name or aliases else ()
    parks = {name: [] for name in Park.objects.values_list("name", flat=True)}
    return Subjects(clusters=clusters, enterprises=enterprises, parks=parks, district=district)


# Per database: ((names version, district), Subjects compiled). The registry is read and its names
# compiled once per process, and again only when the names' version says they changed.
_SUBJECTS: dict[str, tuple[tuple[str, str], Subjects]] = {}


def _subjects_key() -> tuple[str, str]:
    """(names_version(), home_region().name) in one plain query when CHANYE_REGION is a division code
    (the default), found as home_region() finds it; else by those two. Asked twice for every document
    ingested, where building two ORM queries cost more than the reads."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT token FROM {NamesVersion._meta.db_table} WHERE id = 1), "
            f"(SELECT name FROM {Region._meta.db_table} WHERE code = %s)",
            [settings.CHANYE_REGION],
        )
        token, home = cursor.fetchone()
    return token or "", home if home is not None else home_region().name


def configured_subjects() -> Subjects:
    """The registry's subjects as the engine reads them, compiled (see _read_subjects). Costs one
    small read while the registry's names stay as they are; after a change, in any process, the
    next call reads and compiles them again."""
    # The version first: names changed after it was read make the next call read them again.
    key = _subjects_key()
    database = _database()
    cached = _SUBJECTS.get(database)
    if cached is not None and cached[0] == key:
        return cached[1]
    subjects = _read_subjects(key[1])
    Lexicon.build(subjects)  # compiled now, not halfway through the first document
    _SUBJECTS[database] = (key, subjects)
    return subjects


def refresh_subjects(sender=None, *, document: Document | None = None, text: str | None = None, **kwargs) -> None:
    """Receiver of archive's ingest_starting, sent before the ingest transaction opens with the
    document as it will be stored (unsaved) and its text: compiling a changed registry (seconds for a
    city's) never holds that transaction open, nor does reading the document's figures (read_ahead)."""
    with contextlib.suppress(DatabaseError):  # a database not set up: the ingest says so itself
        subjects = configured_subjects()
        if document is not None and text is not None:
            _read_ahead(text, document, subjects)


# Per database and reading (text, date, publisher): (the subjects read with, the facts) of the documents
# about to be ingested, read by refresh_subjects before the ingest's transaction opens and taken by
# extract_document inside it. An ingest of several files in one transaction (services.ingest_group)
# reads them all ahead first, so a few are kept; a reading whose registry changed in between is read again.
_READ_AHEAD: dict[tuple[str, tuple], tuple[Subjects, list]] = {}
READ_AHEAD_KEPT = 64  # more than a group of files (archive.services.group_size()); the oldest go first


def _read_ahead(text: str, document: Document, subjects: Subjects) -> None:
    try:
        facts = _engine(text, document, subjects)
    except Exception:  # read again inside the transaction, where a failure is logged and reported
        return
    while len(_READ_AHEAD) >= READ_AHEAD_KEPT:
        del _READ_AHEAD[next(iter(_READ_AHEAD))]
    _READ_AHEAD[(_database(), _reading(text, document))] = (subjects, facts)


def _database() -> str:
    return str(connection.settings_dict["NAME"])


def _reading(text: str, document: Document) -> tuple:
    return (text, document.date, document_origin(document))


def _engine(text: str, document: Document, subjects: Subjects) -> list:
    return extract(text, document.date, subjects, source=document_origin(document))


def _facts_of(text: str, document: Document) -> list:
    """The engine's facts of the document: read ahead of the transaction if that reading still holds."""
    subjects = configured_subjects()
    ahead = _READ_AHEAD.pop((_database(), _reading(text, document)), None)
    if ahead is not None and ahead[0] is subjects:
        return ahead[1]
    return _engine(text, document, subjects)


def document_origin(document: Document) -> str:
    """The publisher and the address of a document: the region they name is the text's when it names none."""
    return f"{document.source} {document.url}".strip()


def document_text(document: Document) -> str:
    """The cleaned text as the engine reads it (and as fact spans count)."""
    return PARAGRAPH_BREAK.join(document.paragraphs.order_by("position").values_list("text", flat=True))


def _fact_row(document: Document, fact, names: "_Names") -> ExtractedFact:
    row = ExtractedFact(
        document=document,
        fingerprint=fingerprint(fact.key()),
        kind=fact.kind,
        subject=fact.subject[:200],
        cluster=names.clusters.get(fact.cluster),
        enterprise=names.enterprises.get(fact.enterprise),
        park=names.parks.get(fact.subject),
        region=names.region(fact.region),
        industry=(fact.industry or "")[:100],
        industry_code=(fact.industry_code or "")[:40],
        entity=(fact.entity or "")[:200],
        entity_kind=fact.entity_kind or "",
        needs_date=fact.needs_date,
        region_assumed=fact.region_assumed,
        indicator=names.indicators.get(fact.indicator),
        value=fact.value,
        unit=fact.unit[:10],
        qualifier=fact.qualifier[:1],
        period=fact.period,
        yoy_pct=fact.yoy_pct,
        target_year=fact.target_year,
        projects=fact.projects,
        extra=fact.to_json(full=True)["extra"],
        evidence=fact.evidence,
        span_start=fact.span[0],
        span_end=fact.span[1],
        confidence=round(fact.confidence, 3),
    )
    if fact.open_year is not None:
        row.set_open_period(fact.open_year)
    if not row.is_resolved:
        names.resolve(row)
    return row


# Industries that stand for a region's industry as a whole: 规上工业总产值 is the region's figure.
WHOLE_INDUSTRY = frozenset({"规上工业", "规模以上工业", "工业", "全部工业"})
CLUSTER_ENDINGS = ("产业集群", "集群", "产业", "行业")


def cluster_name_of(industry: str) -> str:
    """新材料产业集群 → 新材料: a cluster's name as the registry keeps it."""
    for ending in CLUSTER_ENDINGS:
        if industry.endswith(ending) and len(industry) > len(ending):
            return industry[: -len(ending)]
    return industry


def cluster_names_of(industry: str) -> set[str]:
    """Every way the registry may have named the cluster an industry as written stands for."""
    base = cluster_name_of(industry)
    return {industry, base, *(f"{base}{ending}" for ending in CLUSTER_ENDINGS)}


@dataclass
class _Names:
    """The platform's records by the names the engine gives, read once per document: only those
    its facts name, so that a document costs the same whatever the size of the registry."""

    clusters: dict
    enterprises: dict
    parks: dict
    indicators: dict
    home: Region
    regions: dict = field(default_factory=dict)  # a place's key → Region (read as places come)
    aliases: dict = field(default_factory=dict)  # (name, region id) → SubjectAlias | None

    @classmethod
    def load(cls, facts=()) -> "_Names":
        home = home_region()
        clusters = {f.cluster for f in facts if f.cluster}
        enterprises = {name for f in facts for name in (f.enterprise, f.entity) if name}
        parks = {f.subject for f in facts if f.subject}
        # By name, the last of equal names winning, as a dict of every record would have it.
        return cls(
            {c.name: c for c in Cluster.objects.filter(region=home, name__in=clusters)},
            {e.name: e for e in Enterprise.objects.filter(name__in=enterprises)},
            {p.name: p for p in Park.objects.filter(region=home, name__in=parks)},
            {i.key: i for i in Indicator.objects.all()},
            home,
        )

    def region(self, place) -> Region | None:
        if place is None:
            return None
        if place.key not in self.regions:
            regions = Region.objects.filter(code=place.code) if place.code else Region.objects.filter(name=place.name)
            self.regions[place.key] = regions.first()
        return self.regions[place.key]

    def alias(self, name: str, region: Region | None) -> "SubjectAlias | None":
        key = (name, region.pk if region else None)
        if key not in self.aliases:
            self.aliases[key] = SubjectAlias.objects.filter(name=name, region=region).first()
        return self.aliases[key]

    def resolve(self, row: ExtractedFact) -> None:
        """Say what an open subject is when the platform knows it: a name an officer mapped before (an
        alias), an enterprise or park by its registered name, a region's cluster by name, or the region
        itself for a figure of the whole region."""
        name, region = alias_key(row)
        if name and (alias := self.alias(name, region)):
            _apply_alias(row, alias)
        elif row.entity and row.entity_kind == "enterprise":
            row.enterprise = self.enterprises.get(row.entity)
        elif row.entity and row.entity_kind == "park":
            row.park = Park.objects.filter(name=row.entity).order_by("pk").first()
        elif row.industry and row.industry not in WHOLE_INDUSTRY and row.region is not None:
            row.cluster = Cluster.objects.filter(region=row.region, name__in=cluster_names_of(row.industry)).first()
        elif not row.entity and row.region is not None:
            row.is_district = True


def alias_key(fact: ExtractedFact) -> tuple[str, Region | None]:
    """The name a mapping is remembered under: an enterprise or park by its name anywhere, an industry
    by its name in its region (江津的“新材料产业” is not 大渡口's)."""
    if fact.entity and fact.entity_kind in ("enterprise", "park"):
        return fact.entity, None
    if fact.industry and fact.industry not in WHOLE_INDUSTRY and fact.region is not None:
        return fact.industry, fact.region
    return "", None


def _apply_alias(row: ExtractedFact, alias: SubjectAlias) -> None:
    for name, value in _subject_data(alias.target).items():
        setattr(row, name, value)


@transaction.atomic
def extract_document(*, actor, document: Document, text: str | None = None) -> dict:
    """Propose the document's facts for review. Statements already proposed (pending, accepted or
    rejected) are not proposed again, so extracting twice never duplicates a fact. An undated document
    gives the figures its text dates itself (2023年1-10月); those that need its date (今年, 去年底) come
    with no period and wait (待补日期). Once it has a date they are read again, and the waiting ones go.
    `text` is document_text(document) when the caller has it in hand (the ingest that stored it)."""
    ensure_can_add(actor, Document)
    dropped = 0
    if document.date is not None:
        dropped, _ = document.facts.pending().filter(needs_date=True).delete()
    if text is None:
        text = document_text(document)
    facts = _facts_of(text, document)
    new = []
    if facts:  # most documents of an archive state no figure: then nothing more is read
        known = set(document.facts.values_list("fingerprint", flat=True))
        names = _Names.load(facts)
        for fact in facts:
            row = _fact_row(document, fact, names)
            if row.fingerprint not in known:
                known.add(row.fingerprint)
                new.append(row)
        ExtractedFact.objects.bulk_create(new)
    waiting = sum(row.needs_date for row in new)
    result = {"found": len(facts), "new": len(new), "waiting_for_date": waiting, "dropped": dropped}
    audit.record(
        actor=actor,
        action="update",
        obj=document,
        before=None,
        after=result,
        note=f"抽取事实：找到 {len(facts)} 条，新增待审核 {len(new)} 条"
        + (f"（其中 {waiting} 条待补发布日期）" if waiting else "")
        + (f"；按发布日期重读，移除待补日期的 {dropped} 条" if dropped else ""),
    )
    return result


def start_extraction(*, actor, document: Document):
    """Queue 重新抽取 for a worker (chanye.extraction.jobs); permission is checked now. A job already
    waiting for the document is returned."""
    from chanye.jobs import services as jobs
    from chanye.jobs.models import Job

    ensure_can_add(actor, Document)
    waiting = Job.objects.active().filter(kind="extraction.extract_document", params__document_id=document.pk).first()
    if waiting is not None:
        return waiting
    return jobs.enqueue(
        actor=actor,
        kind="extraction.extract_document",
        title=f"重新抽取《{document.title[:60]}》",
        params={"document_id": document.pk},
    )


def extract_on_ingest(sender, *, document: Document, actor, text: str | None = None, **kwargs) -> str:
    """Receiver of archive's document_ingested: extraction runs on every ingest. The engine is plain
    rules tested never to raise on any text; should it still fail, the document stays ingested (nothing
    is lost: extract_document's own savepoint is rolled back) and 重新抽取 on its page runs it again."""
    try:
        result = extract_document(actor=actor, document=document, text=text)
    except (ValidationError, PermissionDenied):
        raise
    except Exception:
        log.exception("fact extraction failed for document %s", document.pk)
        return "抽取数字失败（已记录日志），可在文档页重新抽取"
    waiting = f"（{result['waiting_for_date']} 条待补发布日期）" if result["waiting_for_date"] else ""
    return f"抽取数字 {result['new']} 条待审核{waiting}"


def extract_on_dating(sender, *, document: Document, actor, **kwargs) -> None:
    """Receiver of archive's document_dated: the figures that waited for the date are read again by a
    worker (queued in the transaction that saves the date: both or neither)."""
    start_extraction(actor=actor, document=document)


# ─── what an accepted fact becomes ──────────────────────────────────────────────────────────


def fact_period(fact: ExtractedFact) -> Period:
    """The statistical period of a metric: a stock at a day (the end of its month), a flow over its months."""
    period = fact.period
    if period is None:
        if fact.needs_date:
            raise ValidationError("文档没有发布日期，“今年”“去年底”无法推算：请先在文档页补上发布日期")
        if fact.period_kind == ExtractedFact.OPEN:
            raise ValidationError("统计期的止期不明（如“今年以来”），请编辑补上期间后再采纳")
        raise ValidationError("没有统计期，请编辑补上期间后再采纳")
    if fact.indicator and fact.indicator.kind == Indicator.Kind.STOCK and period.kind != "point":
        return Period.month_end(period.year, period.end)
    return period


def fact_subject(fact: ExtractedFact) -> tuple[str, object]:
    """(subject kind, object) of a metric or target, most specific first."""
    for kind, obj in (("enterprise", fact.enterprise), ("park", fact.park), ("cluster", fact.cluster)):
        if obj is not None:
            return kind, obj
    if fact.is_district:
        return REGION, fact.region
    raise ValidationError(
        f"“{fact.subject}”还不是已登记的集群、企业、载体或区域：请先指定主体（对应已有记录或新建）再采纳"
    )


def _subject_fields(kind: str, obj) -> dict:
    return {"subject_kind": kind, **({kind: obj} if obj is not None else {})}


def existing_observations(fact: ExtractedFact):
    kind, obj = fact_subject(fact)
    period = fact_period(fact)
    return Observation.objects.filter(
        subject_key=subject_key(kind, obj),
        indicator=fact.indicator,
        period_kind=period.kind,
        period_start=period.start_date,
        period_end=period.end_date,
    )


def existing_targets(fact: ExtractedFact):
    kind, obj = fact_subject(fact)
    return Target.objects.filter(subject_key=subject_key(kind, obj), indicator=fact.indicator, year=fact.target_year)


def _agree(a, b) -> bool:
    return a is None or b is None or a == b


def same_figure(fact: ExtractedFact, record) -> bool:
    """Whether a recorded figure says what the fact says (a part one of them leaves out is no disagreement)."""
    return _agree(fact.value, record.value) and _agree(fact.yoy_pct, getattr(record, "yoy_pct", None))


def _recorded_or_conflict(fact: ExtractedFact, recorded, override, what: str):
    """The recorded figure that says what the fact says (accepting then only links to it); None when
    nothing is recorded or a decision overrides it; Conflict when a recorded one disagrees."""
    recorded = list(recorded)
    if same := next((r for r in recorded if same_figure(fact, r)), None):
        return same
    if recorded and override is None:
        raise Conflict(f"与已有{what}不一致（{recorded[0]}：{recorded[0].value}），请到“冲突”页裁决")
    return None


def _metric(actor, fact, citation, override):
    if fact.indicator is None:
        raise ValidationError("没有对应的指标，请编辑选择指标后再采纳")
    if fact.value is None and fact.yoy_pct is None:
        raise ValidationError("只有文字，没有数值或同比")
    if same := _recorded_or_conflict(fact, existing_observations(fact), override, "数字"):
        return same
    data = {
        "value": fact.value,
        "yoy_pct": fact.yoy_pct,
        "qualifier": fact.qualifier,
        "citation": citation,
        "note": f"抽取自《{fact.document.title}》"[:300],
    }
    if override is not None:
        return monitoring.update_observation(actor=actor, observation=override, data=data, note=_decided(fact))
    kind, obj = fact_subject(fact)
    return monitoring.create_observation(
        actor=actor,
        data={**_subject_fields(kind, obj), "indicator": fact.indicator, "period": fact_period(fact), **data},
        note=_accepted(fact),
    )


def _target(actor, fact, citation, override):
    if fact.indicator is None or fact.value is None or fact.target_year is None:
        raise ValidationError("目标需要指标、数值和目标年份，请编辑补全后再采纳")
    if same := _recorded_or_conflict(fact, existing_targets(fact), override, "目标"):
        return same
    data = {"value": fact.value, "qualifier": "超" if fact.qualifier == "超" else "", "citation": citation}
    if override is not None:
        return monitoring.update_target(actor=actor, target=override, data=data, note=_decided(fact))
    kind, obj = fact_subject(fact)
    return monitoring.create_target(
        actor=actor,
        data={**_subject_fields(kind, obj), "indicator": fact.indicator, "year": fact.target_year, **data},
        note=_accepted(fact),
    )


def _cite_on(actor, record, citation):
    """Add the evidence to a record that keeps a list of citations."""
    if not record.citations.filter(pk=citation.pk).exists():
        record = core.update(
            actor=actor,
            obj=record,
            data={"citations": [*record.citations.all(), citation]},
            note="补充引用（抽取的事实）",
        )
    return record


def _money(value: Decimal | None) -> Decimal | None:
    """Project and signing amounts are kept to the fen (two decimals); facts keep four."""
    return None if value is None else value.quantize(Decimal("0.01"))


def _project(actor, fact, citation, override):
    if existing := Project.objects.filter(name=fact.subject).first():
        return _cite_on(actor, existing, citation)
    project = projects.create_project(
        actor=actor,
        data={"name": fact.subject, "planned_investment": _money(fact.value), "cluster": fact.cluster},
        note=_accepted(fact),
    )
    return _cite_on(actor, project, citation)


def _signing(actor, fact, citation, override):
    name = (fact.extra.get("event") or fact.subject)[:200]
    if existing := SigningEvent.objects.filter(name=name).first():
        return _cite_on(actor, existing, citation)
    return projects.create_signingevent(
        actor=actor,
        data={
            "name": name,
            "date_note": f"见《{fact.document.title}》"[:100],
            "announced_projects": fact.projects,
            "announced_investment": _money(fact.value),
            "citations": [citation],
        },
        note=_accepted(fact),
    )


def designation_title(fact: ExtractedFact) -> str:
    if fact.kind == "listing":
        return f"{fact.extra.get('exchange', '')}{fact.extra.get('board', '')}上市"
    return str(fact.extra.get("title", ""))


def similar_designations(fact: ExtractedFact, holder: str | None = None):
    """Designations of this holder whose title is the same list written another way."""
    title = designation_title(fact)
    return [d for d in Designation.objects.filter(holder=holder or fact.subject) if titles_agree(d.title, title)]


def _designation(actor, fact, citation, override):
    if override is not None:  # a conflict decided that this is the same title under another name
        return _cite_on(actor, override, citation)
    if same := similar_designations(fact):
        return _cite_on(actor, same[0], citation)
    holder_kind = (
        "enterprise"
        if fact.enterprise
        else "park"
        if fact.park
        else "district"
        if fact.is_district
        else "cluster"
        if fact.cluster and fact.subject == fact.cluster.name
        else "product"
    )
    year = fact.period_start.year if fact.period_start else (fact.document.date.year if fact.document.date else None)
    return registry.create_designation(
        actor=actor,
        data={
            "holder": fact.subject[:100],
            "holder_kind": holder_kind,
            "title": designation_title(fact)[:200],
            "issuer": str(fact.extra.get("issuer", ""))[:100],
            "year": year,
            "cluster": fact.cluster,
            "enterprise": fact.enterprise,
            "park": fact.park,
            "citations": [citation],
        },
        note=_accepted(fact),
    )


RECORDERS = {
    "metric": _metric,
    "target": _target,
    "project": _project,
    "signing": _signing,
    "designation": _designation,
    "listing": _designation,
}


def _accepted(fact) -> str:
    return f"采纳抽取的事实（《{fact.document.title}》）"[:300]


def _decided(fact) -> str:
    return f"冲突裁决：采用《{fact.document.title}》的数字"[:300]


# ─── the evidence ───────────────────────────────────────────────────────────────────────────

QUOTE_LIMIT = 120  # Citation.quote


def document_source(actor, document: Document) -> Source:
    """The registry source standing for an archived document (one per document)."""
    key = f"{Source.ARCHIVE_KEY}{document.pk}"
    if existing := Source.objects.filter(key=key).first():
        return existing
    return registry.create_source(
        actor=actor,
        data={
            "key": key,
            "publication": document.source[:100],
            "title": document.title[:200],
            "date": document.date,
            "date_note": "" if document.date else "文档未注明日期",
            "page": document.edition[:50],
            "authors": document.author[:100],
            "url": document.url,
        },
        note=f"资料库文档 {document.pk}",
    )


def quote_of(fact: ExtractedFact) -> str:
    """The evidence sentence, or the part of it around the figure when it is longer than a quote may be."""
    sentence = fact.evidence.strip()
    if len(sentence) <= QUOTE_LIMIT:
        return sentence
    written = str(fact.extra.get("amount") or fact.extra.get("title") or fact.subject)
    at = max(sentence.find(written), 0)
    start = max(0, min(at - QUOTE_LIMIT // 3, len(sentence) - QUOTE_LIMIT))
    return sentence[start : start + QUOTE_LIMIT]


def heading_of(fact: ExtractedFact) -> str:
    """The last heading paragraph before the evidence."""
    heading = ""
    for paragraph, start in paragraphs_at(fact.document):
        if start > fact.span_start:
            break
        if paragraph.kind == "heading":
            heading = paragraph.text
    return heading[:200]


def cite_fact(actor, fact: ExtractedFact):
    return registry.cite(
        actor=actor, source=document_source(actor, fact.document), heading=heading_of(fact), quote=quote_of(fact)
    )


# ─── decisions ──────────────────────────────────────────────────────────────────────────────

# What a fact is about, as an officer may set it (and as the API shows it, in this order).
SUBJECT_FIELDS = ("subject", "cluster", "enterprise", "park", "is_district", "region")
EDITABLE = (*SUBJECT_FIELDS, "indicator", "value", "qualifier", "period", "yoy_pct", "target_year", "projects")


def _lock(fact: ExtractedFact) -> ExtractedFact:
    return ExtractedFact.objects.select_for_update(of=("self",)).select_related("document", "indicator").get(pk=fact.pk)


def _pending(actor, fact: ExtractedFact) -> ExtractedFact:
    ensure_can(actor, fact, "change")
    fact = _lock(fact)
    if fact.status != ExtractedFact.Status.PENDING:
        raise ValidationError(f"这条事实已{fact.get_status_display()}，不能再次审核")
    return fact


@transaction.atomic
def accept_fact(
    *, actor, fact: ExtractedFact, edits: dict | None = None, override=None, note: str = ""
) -> ExtractedFact:
    """Accept a pending fact, as proposed or as edited: it becomes (or is linked to, if the same figure
    is already recorded) a record citing its evidence sentence. A figure that disagrees with a recorded
    one raises Conflict, unless `override` names the record the decision replaces."""
    fact = _pending(actor, fact)
    if edits:
        changed = {name: value for name, value in edits.items() if name in EDITABLE and getattr(fact, name) != value}
        fact = core.update(actor=actor, obj=fact, data=changed, note="审核时修改") if changed else fact
        fact = _lock(fact)
    citation = cite_fact(actor, fact)
    record = RECORDERS[fact.kind](actor, fact, citation, override)
    decision = {"citation": citation, "record_type": ContentType.objects.get_for_model(record), "record_id": record.pk}
    return _decide(actor, fact, ExtractedFact.Status.ACCEPTED, note, unsaid="采纳", **decision)


@transaction.atomic
def reject_fact(*, actor, fact: ExtractedFact, note: str = "") -> ExtractedFact:
    fact = _pending(actor, fact)
    return _decide(actor, fact, ExtractedFact.Status.REJECTED, note, unsaid="驳回")


def _decide(actor, fact: ExtractedFact, status: str, note: str, *, unsaid: str, **outcome) -> ExtractedFact:
    """The decision on a pending fact: its status, who decided and when, their note (in the audit entry,
    `unsaid` when they gave none), and what came of it (the record an accepted fact became)."""
    data = {"status": status, "decided_by": audit.acting_user(actor), "decided_at": timezone.now()}
    data |= {"decision_note": note[:300], **outcome}
    return core.update(actor=actor, obj=fact, data=data, note=note or unsaid)


@dataclass
class BulkResult:
    accepted: int
    skipped: list[tuple[ExtractedFact, str]]  # (fact, why it was left for a person)


def bulk_accept(*, actor, facts, threshold: float = HIGH_CONFIDENCE) -> BulkResult:
    """Accept every pending fact at or above the confidence threshold that the actor may decide.
    Each is its own transaction: a fact that conflicts or needs an edit stays pending with the reason."""
    if threshold < HIGH_CONFIDENCE:
        raise ValidationError(f"批量采纳只适用于置信度不低于 {HIGH_CONFIDENCE} 的事实")
    accepted, skipped = 0, []
    for fact in facts.restrict(actor, "change").pending().filter(confidence__gte=threshold).select_related("document"):
        try:
            accept_fact(actor=actor, fact=fact, note="批量采纳（高置信度）")
            accepted += 1
        except (ValidationError, PermissionDenied) as error:
            skipped.append((fact, "；".join(getattr(error, "messages", [str(error)]))))
    return BulkResult(accepted, skipped)


@transaction.atomic
def decide_value_conflict(*, actor, facts: list[ExtractedFact], records: list, chosen: ExtractedFact | None) -> None:
    """Sources disagree on one figure. `chosen` is the fact whose figure is right (it replaces the
    recorded one, which keeps its history in the audit); None keeps the recorded figure. The other
    pending facts are rejected with the decision as their note."""
    if chosen is not None and chosen.pk not in {f.pk for f in facts}:
        raise ValidationError("所选事实不在这组冲突中")
    if chosen is not None:
        accept_fact(
            actor=actor, fact=chosen, override=records[0] if records else None, note="冲突裁决：采用此来源的数字"
        )
        why = f"冲突裁决：采用《{chosen.document.title}》的数字"
    else:
        why = "冲突裁决：保留已登记的数字"
    for fact in facts:
        if chosen is None or fact.pk != chosen.pk:
            reject_fact(actor=actor, fact=fact, note=why)


@transaction.atomic
def decide_name_conflict(*, actor, fact: ExtractedFact, same_as=None) -> ExtractedFact:
    """A subject written one character away from a recorded name. `same_as` is the recorded thing it
    really is (a designation, cluster, enterprise or park): the fact joins it. None: it is another
    thing, and is accepted under its own name."""
    if same_as is None:
        return accept_fact(actor=actor, fact=fact, note="名称裁决：与相近名称不是同一主体")
    if isinstance(same_as, Designation):
        return accept_fact(actor=actor, fact=fact, override=same_as, note=f"名称裁决：即“{same_as.holder}”")
    field = {Cluster: "cluster", Enterprise: "enterprise", Park: "park"}[type(same_as)]
    return accept_fact(actor=actor, fact=fact, edits={field: same_as}, note=f"名称裁决：即“{same_as}”")


# ─── subjects the platform did not know ─────────────────────────────────────────────────────

SUBJECT_MODELS = {Cluster: "cluster", Enterprise: "enterprise", Park: "park"}


def _subject_data(target) -> dict:
    """The fact fields that say its subject is `target`: a cluster, enterprise or park, or a region as a
    whole (全区、全市)."""
    data = {"cluster": None, "enterprise": None, "park": None, "is_district": False}
    if isinstance(target, Region):
        return {**data, "region": target, "is_district": True}
    if type(target) not in SUBJECT_MODELS:
        raise ValidationError("主体只能是产业集群、企业、产业载体或区域")
    return {**data, SUBJECT_MODELS[type(target)]: target, "region": target.region}


def _ensure_visible(actor, target) -> None:
    """A subject is chosen among the records the actor may read (a form offers no others)."""
    if actor is not None and not type(target).objects.restrict(actor).filter(pk=target.pk).exists():
        raise PermissionDenied(f"您无权查看“{target}”")


def remember_alias(*, actor, name: str, region: Region | None, target) -> SubjectAlias:
    """Remember that `name` (as written, in `region` for an industry) stands for `target`; a name
    mapped before is mapped anew (the audit keeps the old mapping)."""
    fields = {"cluster": None, "enterprise": None, "park": None, "target_region": None}
    fields[SUBJECT_MODELS.get(type(target), "target_region")] = target
    existing = SubjectAlias.objects.filter(name=name, region=region).first()
    if existing is not None:
        return core.update(actor=actor, obj=existing, data=fields, note="主体别名改指")
    return core.create(
        actor=actor,
        model=SubjectAlias,
        data={"name": name[:200], "region": region, **fields},
        note="审核时登记主体别名",
    )


def _resolve_others(actor, name: str, region: Region | None, target, note: str) -> int:
    """The other pending facts that write the same name resolve with it."""
    others = ExtractedFact.objects.restrict(actor, "change").pending().unresolved()
    if region is None:
        others = others.filter(entity=name)
    else:
        others = others.filter(industry=name, region=region)
    count = 0
    for other in others:
        core.update(actor=actor, obj=other, data=_subject_data(target), note=note)
        count += 1
    return count


@transaction.atomic
def resolve_fact(*, actor, fact: ExtractedFact, target, remember: bool = True) -> ExtractedFact:
    """Say what a fact's subject is: an existing cluster, enterprise, park, or a region as a whole.
    With `remember`, the name as written becomes an alias, so that every pending fact writing it the
    same way — and every document extracted from now on — resolves by itself."""
    fact = _pending(actor, fact)
    _ensure_visible(actor, target)
    name, region = alias_key(fact)  # as written: resolving moves the fact's region to its subject's
    # the reviewer has said whose it is: its region is no longer an assumption
    data = {**_subject_data(target), "region_assumed": False}
    fact = core.update(actor=actor, obj=fact, data=data, note=f"指定主体：{target}")
    if remember and name:
        remember_alias(actor=actor, name=name, region=region, target=target)
        _resolve_others(actor, name, region, target, note=f"按主体别名“{name}”指定主体：{target}")
    return fact


NEW_SUBJECT_KINDS = {"cluster": "产业集群", "enterprise": "企业", "park": "产业载体"}


def new_subject_kinds(actor, fact: ExtractedFact) -> list[str]:
    """What the actor may create for an unresolved fact's subject: a cluster for an industry in a
    peer region, an enterprise or park named in one. (The review page offers exactly these.) The
    instance's own clusters and firms are registered in the registry, by their offices."""
    if fact.is_resolved or not registry.may_create_peer(actor, fact.region):
        return []
    if fact.entity and fact.entity_kind in ("enterprise", "park"):
        return [fact.entity_kind]
    if fact.industry and fact.industry not in WHOLE_INDUSTRY:
        return ["cluster"]
    return []


@transaction.atomic
def create_subject(*, actor, fact: ExtractedFact, kind: str) -> ExtractedFact:
    """Create the record an unresolved fact is about — a peer region's cluster (江津区 新材料), an
    enterprise or park outside the district — and resolve the fact (and the name, as an alias) to it."""
    fact = _pending(actor, fact)
    if kind not in new_subject_kinds(actor, fact):
        raise ValidationError(f"不能由这条事实新建{NEW_SUBJECT_KINDS.get(kind, kind)}")
    source = f"由《{fact.document.title}》的抽取新建"[:300]
    if kind == "cluster":
        model, name = Cluster, cluster_name_of(fact.industry)[:50]
        data = {"name": name, "kind": Cluster.Kind.FIELD, "description": source, "region": fact.region}
    else:
        model, name = (Enterprise if kind == "enterprise" else Park), fact.entity[:100]
        data = {"name": name, "region": fact.region}
    existing = model.objects.filter(name=name, region=fact.region).first()
    target = existing or registry.create_peer(actor=actor, model=model, data=data, note=source)
    return resolve_fact(actor=actor, fact=fact, target=target)
