"""Importing monthly statistics as statistics offices produce them, CSV or XLSX:

long (一行一个数):  地区, 主体类型, 主体, 指标, 期间, 数值, 单位, 同比, 约数, 说明
wide (一行一个主体): 地区, 主体类型, 主体, 指标, 单位, then one column per period ("2023年1-10月", "2023-10", …)

主体类型 is optional (集群 by default; 全区 for a region as a whole). 地区 is optional: the region the
figure belongs to (大渡口区, 江津, 500116), by default the importer's own; a cluster or park is looked up
in it, an enterprise anywhere (names of firms are unique). Every bad row is reported with its
number; nothing is written while any row is bad. A file imported before (same SHA-256) is a
no-op, and rows whose figure is already stored unchanged are not written again.

Any other table is read as the statistics bureau publishes it (chanye.monitoring.bureau): title rows
stating the period and region, one or two header rows, row labels joining subject and indicator, units
in a column or the header, a 同比 column beside each figure. What the reading guesses can be corrected
in a mapping, saved as a named template (ImportTemplate) keyed by the header's signature, and applied
to the next file with the same header without asking. Every figure keeps its file, sheet, row and column.
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from itertools import chain, compress, filterfalse, islice, repeat
from operator import attrgetter, is_, itemgetter

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openpyxl.utils import get_column_letter

from chanye.chains.models import ChainLink
from chanye.core import roles
from chanye.core.audit import acting_user
from chanye.core.imports import RowErrors
from chanye.core.models import Region
from chanye.core.regions import home_region, scope_of
from chanye.core.tables import (
    CHUNK_ROWS,
    XLSX_MAGIC,
    Limits,
    TableError,
    bounded,
    bounded_chunks,
    csv_rows,
    open_workbook,
    unpacked_size,
    xlsx_rows,
)
from chanye.lib import units
from chanye.lib.catalogue import Catalogue
from chanye.lib.gazetteer import Gazetteer
from chanye.lib.industries import industry_key
from chanye.lib.periods import Period, PeriodError
from chanye.lib.units import UnitError, to_base
from chanye.registry.models import Cluster, Enterprise, Park

from . import arrow_csv, bulk, bureau, services
from .models import REGION, ImportBatch, ImportTemplate, Indicator, Observation, observation_year_error

KIND_NAMES = {
    "全区": REGION,
    "全市": REGION,
    "全县": REGION,
    "区": REGION,
    "区域": REGION,
    "district": REGION,
    "region": REGION,
    "集群": "cluster",
    "产业集群": "cluster",
    "产业领域": "cluster",
    "cluster": "cluster",
    "企业": "enterprise",
    "enterprise": "enterprise",
    "载体": "park",
    "产业载体": "park",
    "园区": "park",
    "park": "park",
    "环节": "chainlink",
    "产业链环节": "chainlink",
    "chainlink": "chainlink",
}
LONG = ["地区", "主体类型", "主体", "指标", "期间", "数值", "单位", "同比", "约数", "说明"]
WIDE_FIXED = ["地区", "主体类型", "主体", "指标", "单位"]
QUALIFIERS = {"", "多", "近", "超", "约", "余"}
BATCH_SIZE = 5000


@dataclass
class Row:
    number: int
    kind: str
    subject_id: int
    region_id: int
    indicator: Indicator
    period: Period
    value: Decimal
    qualifier: str = ""
    yoy_pct: Decimal | None = None
    note: str = ""
    column: str = ""
    sheet: str = ""

    @property
    def key(self) -> tuple:
        return (f"{self.kind}:{self.subject_id}", self.indicator.pk, *_period_key(self.period))


@lru_cache(maxsize=4096)
def _period_key(period: Period) -> tuple:
    """A file has a few periods and a million rows: their dates are worked out once each."""
    return period.kind, period.start_date, period.end_date


@dataclass
class ObservationImport(RowErrors):
    sha256: str = ""
    layout: str = ""
    rows: "list[Row] | LongRows" = field(default_factory=list)
    previous: ImportBatch | None = None
    layout_info: "bureau.Layout | None" = None
    mapping: "bureau.Mapping | None" = None
    template: ImportTemplate | None = None
    sheets: list[str] = field(default_factory=list)
    grid: list[list[str]] = field(default_factory=list)  # the bureau table's first rows, for the mapping page
    skipped: list[bureau.Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    region_name: str = ""
    period_label: str = ""

    @property
    def is_bureau(self) -> bool:
        return self.layout_info is not None


class Subjects:
    """Names -> (id, region id) for every kind of subject, read once per import."""

    def __init__(self, actor):
        self.scope = scope_of(actor) if actor is not None else None
        self.default_region = self.scope.region if self.scope else home_region()
        self.regions: dict[str, Region | None] = {}
        self.regions_by_id: dict[int, Region] = {}
        self.resolved: dict[tuple[str, str, str], tuple[str, int, int] | ValueError] = {}
        self.names = {
            "cluster": {
                (region, name): (pk, region)
                for pk, region, name in Cluster.objects.values_list("pk", "region_id", "name")
            },
            "park": {
                (region, name): (pk, region) for pk, region, name in Park.objects.values_list("pk", "region_id", "name")
            },
            "enterprise": self._enterprises(),
            "chainlink": {
                f"{chain}·{name}": (pk, region)
                for pk, chain, name, region in ChainLink.objects.values_list(
                    "pk", "chain__name", "name", "chain__cluster__region_id"
                )
            },
        }
        self.allowed = self._allowed(actor)
        self.cluster_keys: dict[tuple[int, str], tuple[int, int]] = {}
        for (region, name), found in self.names["cluster"].items():
            self.cluster_keys.setdefault((region, industry_key(name)), found)

    @staticmethod
    def _enterprises() -> "EnterpriseNames":
        return EnterpriseNames()

    @staticmethod
    def _allowed(actor) -> dict[str, set[int]] | None:
        """None when the actor may enter figures for every subject (统计, 管理员, the system); an 产业办
        enters those of its own clusters, and peers' (regions outside the instance)."""
        if actor is None or roles.is_admin(actor) or roles.has(actor, roles.STATISTICS):
            return None
        clusters = set(Cluster.objects.of_office_member(actor).values_list("pk", flat=True))
        return {
            REGION: set(),
            "cluster": clusters,
            "enterprise": set(Enterprise.objects.filter(clusters__in=clusters).values_list("pk", flat=True)),
            "park": set(Park.objects.filter(clusters__in=clusters).values_list("pk", flat=True)),
            "chainlink": set(ChainLink.objects.filter(chain__cluster__in=clusters).values_list("pk", flat=True)),
        }

    def region(self, text: str) -> Region:
        text = text.strip()
        if not text:
            return self.default_region
        if text not in self.regions:
            self.regions[text] = Region.objects.named(text, near=self.default_region)
        if self.regions[text] is None:
            raise ValueError(f"找不到地区“{text}”（可写全称、简称或区划代码，如 大渡口区、大渡口、500104）")
        return self.regions[text]

    def resolve(self, kind_text: str, name: str, region_text: str = "") -> tuple[str, int, int]:
        """(kind, subject id, region id) of a row's subject, or ValueError saying why not; worked out
        once per subject of the file (a subject has a row per indicator and period)."""
        key = (kind_text, name, region_text)
        if key not in self.resolved:
            try:
                self.resolved[key] = self._resolve(kind_text, name, region_text)
            except ValueError as error:
                self.resolved[key] = error
        found = self.resolved[key]
        if isinstance(found, ValueError):
            raise ValueError(str(found))
        return found

    def _resolve(self, kind_text: str, name: str, region_text: str = "") -> tuple[str, int, int]:
        region = self.region(region_text)
        name = name.strip()
        whole = name in ("全区", "全市", "全县", region.name, region.short_name)
        kind = KIND_NAMES.get(kind_text.strip() or ("全区" if whole else "集群"))
        if kind is None:
            raise ValueError(f"未知的主体类型“{kind_text}”（可用：全区、集群、企业、载体、环节）")
        if kind == REGION:
            subject, region_id = region.pk, region.pk
        else:
            key = (region.pk, name) if kind in ("cluster", "park") else name
            if (found := self.names[kind].get(key)) is None:
                where = f"{region.name}的" if kind in ("cluster", "park") else ""
                raise ValueError(f"找不到{where}{kind_text or '集群'}“{name}”")
            subject, region_id = found
        self._check(kind, subject, region_id, name)
        return kind, subject, region_id

    def named(self, phrase: str, region: Region, industry: bool) -> tuple[str, int, int] | None:
        """(kind, subject id, region id) of a bureau row's subject phrase in a region: a cluster (by name,
        or as an industry: 大数据智能化产业 is the cluster 大数据智能化), a park, an enterprise, or a
        region named as a row (广州市, #顺德区); None when the platform records nothing of that name."""
        for kind, key in (("cluster", (region.pk, phrase)), ("park", (region.pk, phrase)), ("enterprise", phrase)):
            if (found := self.names[kind].get(key)) is not None:
                return kind, *found
        if industry and (found := self.cluster_keys.get((region.pk, industry_key(phrase)))) is not None:
            return "cluster", *found
        if not industry and phrase[-1:] in "省市区县州盟旗":
            key = f"{region.pk}:{phrase}"
            if key not in self.regions:
                self.regions[key] = Region.objects.named(phrase, near=region)
            if (named := self.regions[key]) is not None:
                return REGION, named.pk, named.pk
        return None

    def check(self, kind: str, subject: int, region_id: int, name: str) -> None:
        self._check(kind, subject, region_id, name)

    def _check(self, kind: str, subject: int, region_id: int, name: str) -> None:
        if self.scope is None:
            return
        region = self._region_by_id(region_id)
        if not self.scope.allows(region):
            raise ValueError(f"无权录入“{name}”的数据：{region.name}不在您负责的区域内")
        if self.allowed is not None and subject not in self.allowed[kind] and not self.scope.is_peer(region):
            raise ValueError(f"无权录入“{name}”的数据：只能录入本办负责集群的数据和对标区域的数据")

    def _region_by_id(self, region_id: int) -> Region:
        if region_id not in self.regions_by_id:
            self.regions_by_id[region_id] = Region.objects.get(pk=region_id)
        return self.regions_by_id[region_id]


class EnterpriseNames:
    """Enterprise name or short name -> (id, region id), as a dictionary's get. A city registers hundreds of
    thousands of firms (reading them all took 2-4 s) and a file names a few thousand: prefetch() reads
    those names, and only a name asked for without being prefetched reads every firm. A full name wins
    over another firm's short name; a short name shared by several firms is the first's by name."""

    CHUNK = 500

    def __init__(self):
        self.found: dict[str, tuple[int, int]] = {}
        self.asked: set[str] = set()
        self.complete = False

    def get(self, name: str, default=None):
        if name not in self.found and not self.complete and name not in self.asked:
            self._read_all()
        return self.found.get(name, default)

    def prefetch(self, names) -> None:
        if self.complete:
            return
        wanted = sorted({n for n in names if n} - self.asked)
        self.asked.update(wanted)
        for start in range(0, len(wanted), self.CHUNK):
            chunk = wanted[start : start + self.CHUNK]
            for pk, name, region in Enterprise.objects.filter(name__in=chunk).values_list("pk", "name", "region_id"):
                self.found[name] = (pk, region)
        unknown = [n for n in wanted if n not in self.found]
        for start in range(0, len(unknown), self.CHUNK):
            chunk = unknown[start : start + self.CHUNK]
            query = Enterprise.objects.filter(short_name__in=chunk).order_by("name")
            for pk, short, region in query.values_list("pk", "short_name", "region_id"):
                self.found.setdefault(short, (pk, region))

    def _read_all(self) -> None:
        names = {}
        for pk, name, short, region in Enterprise.objects.values_list("pk", "name", "short_name", "region_id"):
            names[name] = (pk, region)
            if short:
                names.setdefault(short, (pk, region))
        self.found, self.complete = names, True


def fingerprint(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def work_size(filename: str, content: bytes) -> int:
    """What reading a file costs: an XLSX's parts unpacked (150 KB may hold a million rows), else its bytes."""
    if filename.lower().endswith(".xlsx") and content.startswith(XLSX_MAGIC):
        try:
            return unpacked_size(content)
        except TableError:
            return len(content)  # damaged: refused at once by the reader
    return len(content)


def read_rows(filename: str, content: bytes):
    """(headers, iterator of (row number, cells)) from CSV (UTF-8/GB18030) or XLSX, every cell stripped."""
    headers, rows = read_raw_rows(filename, content)
    return headers, ((n, [c.strip() for c in cells]) for n, cells in rows)


def read_raw_rows(filename: str, content: bytes, arrow_if=None) -> tuple[list[str], "RawRows"]:
    """read_rows without stripping the cells: the long template strips each distinct cell once. A CSV whose
    header arrow_if(headers) accepts is read by Arrow's reader where it reads it as csv.reader does (RawRows.arrow)."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if len(content) > settings.CHANYE_MAX_OBSERVATION_IMPORT_BYTES:
        raise TableError(f"文件过大：上限为 {settings.CHANYE_MAX_OBSERVATION_IMPORT_BYTES // 1024 // 1024} MB")
    if not content:
        raise TableError("文件是空的")
    limits = Limits.observations()
    if suffix == "csv":
        if arrow_if is not None and (read := arrow_csv.read(content, limits, arrow_if)) is not None:
            # within the limits, so csv.reader, should it read the file after all, stops at no limit either
            headers, columns = read
            return headers, RawRows(_rows_under_header(content, limits), columns)
        chunks = bounded_chunks(csv_rows(content), limits)
    elif suffix == "xlsx":
        rows = (
            [("" if v is None else str(v)).strip() for v in row] for row in bounded(xlsx_rows(content, limits), limits)
        )
        chunks = ((chunk, list(map(any, chunk))) for chunk in iter(lambda: list(islice(rows, CHUNK_ROWS)), []))
    else:
        raise TableError(f"不支持的文件类型“.{suffix}”：请上传 .csv 或 .xlsx 文件")
    first, filled = next(chunks, ([], []))
    headers = [h.strip() for h in (first[0] if first else [])]
    if not any(headers):
        raise TableError("文件没有表头：第1行应为列名")
    return headers, RawRows(chain([(first[1:], filled[1:])], chunks))


def _rows_under_header(content: bytes, limits: Limits):
    """A CSV's chunks under its header as read_raw_rows reads them, decoded only when first asked for."""
    chunks = bounded_chunks(csv_rows(content), limits)
    first, filled = next(chunks)
    yield first[1:], filled[1:]
    yield from chunks


class RawRows:
    """The rows under the header with something in them, numbered as a spreadsheet shows them (from 2):
    one at a time as (number, cells), or chunks() of (numbers, rows) for reading many at a time. `arrow`: the
    same rows as Arrow read them (arrow_csv.read), when it did."""

    def __init__(self, chunks, arrow: "list[arrow_csv.Column] | None" = None):
        self._chunks = chunks
        self.arrow = arrow

    def chunks(self):
        start = 2
        for chunk, filled in self._chunks:
            numbers = range(start, start + len(chunk))
            start += len(chunk)
            if not all(filled):
                numbers, chunk = list(compress(numbers, filled)), list(compress(chunk, filled))
            if chunk:
                yield numbers, chunk

    def __iter__(self):
        for numbers, chunk in self.chunks():
            yield from zip(numbers, chunk, strict=True)


def _decimal(text: str, label: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise ValueError(f"{label}“{text}”不是数字") from None


class Parser:
    def __init__(self, actor):
        self.subjects = Subjects(actor)
        self.indicators = Indicator.objects.all().by_any_name()
        self.periods: dict[str, Period] = {}  # a file repeats the same few period labels on every row
        self.today = timezone.localdate()  # once per file: asking for the local date per row took 2.7 s a million

    def period(self, text: str) -> Period:
        if text not in self.periods:
            self.periods[text] = Period.parse(text)
        return self.periods[text]

    def indicator(self, name: str) -> Indicator:
        if (indicator := self.indicators.get(name)) is None:
            raise ValueError(f"未知的指标“{name}”")
        return indicator

    def row(
        self,
        number: int,
        kind_text: str,
        name: str,
        indicator_name: str,
        period: Period | str,
        value: str,
        unit: str,
        yoy: str = "",
        qualifier: str = "",
        note: str = "",
        region: str = "",
    ) -> Row:
        indicator = self.indicator(indicator_name)
        kind, subject, region_id = self.subjects.resolve(kind_text, name, region)
        if isinstance(period, str):
            period = self.period(period)
        if error := observation_year_error(period.year, self.today):
            raise ValueError(error)
        amount, base = to_base(_decimal(value, "数值"), unit or indicator.unit)
        if base != indicator.unit:
            raise ValueError(f"单位“{unit}”与指标“{indicator.name}”的单位“{indicator.unit}”不符")
        if qualifier not in QUALIFIERS:
            raise ValueError(f"约数“{qualifier}”应为 多、近、超、约、余 之一或留空")
        if indicator.kind == Indicator.Kind.STOCK and period.kind != "point":
            period = Period.point(period.end_date)  # a level reported for 1-11月 is the level at its end
        yoy_pct = _decimal(yoy, "同比") if yoy else None
        return Row(number, kind, subject, region_id, indicator, period, amount, qualifier, yoy_pct, note)


def parse(
    filename: str,
    content: bytes,
    actor,
    mapping: dict | None = None,
    template: ImportTemplate | None = None,
    period: str = "",
) -> ObservationImport:
    """Validate a statistics file: the long or wide template, or a bureau table (read with `mapping`,
    or `template`'s, or the saved template whose header signature the file has). `period` is the
    table's period when its title does not state it."""
    result = ObservationImport(filename=filename, sha256=fingerprint(content))
    result.previous = ImportBatch.objects.filter(sha256=result.sha256).first()
    try:
        headers, rows = read_raw_rows(filename, content, _plain_long if mapping is None and template is None else None)
    except TableError as error:
        result.header_errors.append(str(error))
        return result
    parser = Parser(actor)
    try:
        if mapping is None and template is None and _is_long(headers):
            _parse_long(result, parser, headers, rows)
        elif mapping is None and template is None and _is_wide(headers):
            _parse_wide(result, parser, headers, ((n, [c.strip() for c in cells]) for n, cells in rows))
        else:
            _parse_bureau(result, parser, filename, content, actor, mapping, template, period)
    except TableError as error:  # a limit passed while the rows were streamed: reading stopped there
        result.rows.clear()
        result.row_errors.clear()
        result.header_errors.append(str(error))
        return result
    if not result.rows and not result.row_errors and not result.header_errors:
        result.header_errors.append("文件只有表头，没有数据行")
    if len(result.rows) + len(result.row_errors) > settings.CHANYE_MAX_OBSERVATION_IMPORT_ROWS:
        result.header_errors.append(f"行数过多：上限为 {settings.CHANYE_MAX_OBSERVATION_IMPORT_ROWS} 行")
    _flag_duplicates(result)
    return result


def _is_long(headers: list[str]) -> bool:
    return "期间" in headers and "数值" in headers


def _is_wide(headers: list[str]) -> bool:
    """主体, 指标 and period columns; a 同比 or 计量单位 column beside them makes it a bureau table."""
    if "主体" not in headers or "指标" not in headers:
        return False
    others = [bureau.compact(h) for h in headers if h not in WIDE_FIXED]
    return not any(word in h for h in others for word in bureau.YOY_WORDS) and not any(
        h in bureau.UNIT_HEADERS for h in others
    )


def _plain_long(headers: list[str]) -> bool:
    """A long-template header that _parse_long takes as it is: only such a file is worth reading by Arrow."""
    return _is_long(headers) and all(h in LONG for h in headers) and all(h in headers for h in ("主体", "指标"))


def _parse_long(result: ObservationImport, parser: Parser, headers: list[str], rows: RawRows) -> None:
    """`rows` as read_raw_rows gives them (cells not stripped)."""
    result.layout = "长表（一行一个数）"
    if unknown := [h for h in headers if h not in LONG]:
        result.header_errors.append(f"未知的列：{'、'.join(unknown)}（长表可用的列：{'、'.join(LONG)}）")
    if missing := [h for h in ("主体", "指标", "期间", "数值") if h not in headers]:
        result.header_errors.append(f"缺少必填列：{'、'.join(missing)}")
    if result.header_errors:
        return
    with bulk.no_cycle_collection():
        table = _read_by_arrow(parser, headers, rows.arrow)
        if table is None:
            table = LongTable(parser, headers)
            table.read(rows)
        result.rows = table.finish(result)


def _read_by_arrow(parser: Parser, headers: list[str], columns: "list[arrow_csv.Column] | None") -> "LongTable | None":
    """The first pass over the columns Arrow read, or None: csv.reader is to read the file."""
    if columns is None:
        return None
    table = LongTable(parser, headers)  # a table of its own: a failed attempt leaves nothing in the next
    return table if table.read_arrow(columns) else None


# -- the long template, in bulk ------------------------------------------------------------------------
#
# A file of a million rows names a few thousand subjects, a few indicators, periods and units: each distinct
# cell is validated once (a dictionary then answers for every row), and a row is kept as one tuple; Row
# objects are made only for the rows a page shows or a correction replaces. Whatever a dictionary cannot
# answer (a bad cell, a figure written 1,234) goes through Parser.row as before, which gives the row's
# first error, so every message stays what it was.

_MISSING = object()
_BAD = object()
_SAMPLE = 64


def _all_empty(columns: "list[arrow_csv.Column]") -> np.ndarray:
    """Per row, whether every cell is empty: csv.reader's reading drops such a row (its number still counted)."""
    empty = np.ones(len(columns[0].codes), bool)
    for column in columns:
        if "" not in column.texts:
            return np.zeros_like(empty)
        empty &= column.codes == column.texts.index("")
    return empty


def _dense(column: "arrow_csv.Column") -> tuple[np.ndarray, list[int]]:
    """(the column's codes renumbered over the texts its rows use, those texts' indices): a text only an empty row
    had is not among them."""
    counts = np.bincount(column.codes, minlength=len(column.texts))
    if counts.all():
        return column.codes, range(len(column.texts))
    used = np.flatnonzero(counts)
    renumbered = np.zeros(len(column.texts), np.int64)
    renumbered[used] = np.arange(len(used))
    return renumbered[column.codes], used.tolist()


def _objects(items: list) -> np.ndarray:
    return np.fromiter(items, object, len(items))


def _per_row(column: "arrow_csv.Column", work_out) -> tuple[list, np.ndarray]:
    """(work_out(cell) of each row's cell, whether it is _BAD), worked out once per distinct cell (`work_out` None:
    the column's texts are the results already)."""
    found = column.texts if work_out is None else list(map(work_out, column.texts))
    bad = np.fromiter((item is _BAD for item in found), bool, len(found))
    return _objects(found)[column.codes].tolist(), bad[column.codes]


def _constant(column: list) -> bool:
    """Whether a column holds one value throughout: its first cells are compared first (a column that varies
    shows it there), then the whole column, which is cheaper than hashing every cell into a set."""
    first = column[0]
    sample = column[:_SAMPLE]
    return sample.count(first) == len(sample) and column.count(first) == len(column)


VALUE_CACHE = 200_000  # converted figures kept per unit: a file repeats many (450.0), and each takes ~150 bytes


@dataclass(frozen=True, slots=True)
class Resolved:
    """A row's subject: kind, id, region and the key of its figures."""

    kind: str
    subject_id: int
    region_id: int
    key: str


@dataclass(frozen=True, slots=True, eq=False)
class Spec:
    """What the indicator, period, unit and 约数 cells of a row say, validated. `ident` is the same for
    every spec of one indicator and period (2023年1-3月 and 2023年一季度): rows that repeat a figure have it."""

    indicator: Indicator
    period: Period
    qualifier: str
    ident: int
    scale: object = None  # units.scaler's function for the unit written, None when only Parser.row made it
    values: dict | None = None  # value cell -> Decimal in the base unit, shared by every spec of the unit


class LongRows(Sequence):
    """The validated rows of a long-template file, kept as six parallel columns (row numbers, subject slots,
    Specs, values, 同比, 说明) rather than a tuple per row, and seen from outside as a sequence of Row. A
    record is one row's six cells as a tuple, made only where a row is handled alone."""

    def __init__(self, column: str, subjects: list[Resolved | None], columns: tuple[list, ...] | None = None):
        self.column = column
        self.subjects = subjects
        self.columns = columns if columns is not None else ([], [], [], [], [], [])
        self.duplicates: list[tuple[int, int, Spec]] = []  # (row, the row it repeats, spec), flagged last

    @staticmethod
    def columns_of(records: list[tuple]) -> tuple[list, ...]:
        return tuple(map(list, zip(*records, strict=True))) if records else ([], [], [], [], [], [])

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.row(record) for record in zip(*(column[index] for column in self.columns), strict=True)]
        return self.row(tuple(column[index] for column in self.columns))

    def __iter__(self):
        return map(self.row, zip(*self.columns, strict=True))

    def records(self) -> list[tuple]:
        return list(zip(*self.columns, strict=True))

    def clear(self) -> None:
        for column in self.columns:
            column.clear()
        self.duplicates.clear()

    def row(self, record: tuple) -> Row:
        number, slot, spec, value, yoy_pct, note = record
        subject = self.subjects[slot]
        return Row(
            number,
            subject.kind,
            subject.subject_id,
            subject.region_id,
            spec.indicator,
            spec.period,
            value,
            spec.qualifier,
            yoy_pct,
            note,
            column=self.column,
        )

    def used_subjects(self) -> list[Resolved]:
        return [self.subjects[slot] for slot in set(self.columns[1])]

    def used_indicators(self) -> set[int]:
        return {spec.indicator.pk for spec in set(self.columns[2])}

    def key(self, record: tuple) -> tuple:
        """Row.key of a record."""
        spec = record[2]
        return (self.subjects[record[1]].key, spec.indicator.pk, *_period_key(spec.period))


class LongTable:
    """Reads the rows of a long-template file in two passes: the first keeps the rows as parallel columns and
    validates its indicator, period, unit, 约数 and figures through dictionaries of the distinct cells; the
    second resolves the file's distinct subjects together (its firms' names in a few queries), then flags
    bad rows (through Parser.row, for their first error) and rows repeating another."""

    SUBJECT = ("主体类型", "主体", "地区")
    SPEC = ("指标", "期间", "单位", "约数")

    def __init__(self, parser: Parser, headers: list[str]):
        self.parser = parser
        self.width = len(headers)
        at = {h: i for i, h in enumerate(headers)}
        # -1: a column the file lacks (its cells read as "").
        self.at = {name: at.get(name, -1) for name in LONG}
        self.column = get_column_letter(at["数值"] + 1)
        self.slots: dict[tuple, int] = {}  # the subject cells as written -> slot
        self.specs: dict[tuple, Spec | None] = {}  # the spec cells as written -> Spec (None: a bad cell)
        self.idents: dict[tuple, int] = {}  # (indicator id, period) -> Spec.ident
        self.made: dict[tuple, Spec] = {}  # (indicator id, period, qualifier) -> Spec of Parser.row's rows
        self.parsed_slots: dict[str, int] = {}  # subject key -> slot of Parser.row's rows
        self.numbers: dict[str, int] = {}  # subject key -> its number among the file's subjects
        self.values: dict[object, dict] = {}  # units.scaler function -> its figures
        self.yoys: dict[str, Decimal | object | None] = {}
        self.tainted: set[int] = set()  # id() of the tables of figures that hold a _BAD
        self.found: dict[tuple, dict] = {}  # (columns, those that vary, the others' cells) -> cells -> result
        # The rows read: row number, subject slot, Spec (None: Parser.row is to read the row), value, 同比, 说明.
        self.columns: tuple[list, ...] = ([], [], [], [], [], [])
        self.pending: dict[int, list[str]] = {}  # position of a row that Parser.row is to read -> its cells
        # slot << 32 | Spec.ident of every row, a numpy array a chunk, while no row needs Parser.row: the check
        # for repeats sorts them (a Python set of a million integers took half a second)
        self.keys: list[np.ndarray] = []

    @property
    def slow(self) -> int:
        """How many rows Parser.row is to read."""
        return len(self.pending)

    def read(self, rows: RawRows) -> None:
        """The first pass, a chunk of rows at a time and a column at a time (each step a map over the
        column, run by the interpreter in C), each column's cells appended to self.columns; a row with a
        cell the dictionaries cannot answer gets the Spec None and its cells kept in self.pending."""
        for numbers, chunk in rows.chunks():
            self.read_chunk(numbers, chunk)

    def read_arrow(self, columns: "list[arrow_csv.Column]") -> bool:
        """The first pass over a file Arrow read (arrow_csv.read), filling self.columns, self.pending and the
        repeat keys as read() fills them, each distinct cell (or combination of cells) validated once and the
        rows then indexed in numpy. False when the file has no row with something in it (read() says so)."""
        filled = np.flatnonzero(~_all_empty(columns))
        if not len(filled):
            return False
        columns = [arrow_csv.Column(column.codes[filled], column.texts) for column in columns]
        slot_codes, subject_keys = self.combined(self.SUBJECT, columns)
        slots = np.array([self.slot(key) for key in subject_keys], np.int64)[slot_codes]
        spec_codes, spec_keys = self.combined(self.SPEC, columns)
        distinct_specs = [self.spec_of(key) for key in spec_keys]
        values, bad_value = self.arrow_values(distinct_specs, spec_codes, self.arrow_column("数值", columns))
        yoys, bad_yoy = _per_row(self.arrow_column("同比", columns), self.yoy)
        notes, _ = _per_row(self.arrow_column("说明", columns), str.strip)
        specs = _objects(distinct_specs)[spec_codes]
        bad = np.fromiter((spec is None for spec in distinct_specs), bool, len(distinct_specs))[spec_codes]
        bad |= bad_value | bad_yoy
        if bad.any():  # Parser.row is to read these rows, as read() leaves them: no repeat keys then
            self.keep_pending(np.flatnonzero(bad), columns)
            specs[bad] = None
        else:
            idents = np.array([spec.ident for spec in distinct_specs], np.int64)[spec_codes]
            self.keys.append((slots << 32) | idents)
        numbers = filled + 2  # as a spreadsheet numbers them: the header is row 1, empty rows counted
        # the whole file at once: the columns are these lists (read() extends them a chunk at a time)
        self.columns = (numbers.tolist(), slots.tolist(), specs.tolist(), values, yoys, notes)
        return True

    def keep_pending(self, rows: np.ndarray, columns: "list[arrow_csv.Column]") -> None:
        """The cells of these rows (positions among the rows read) for Parser.row, as read() keeps them."""
        start = len(self.columns[0])
        for i in rows.tolist():
            self.pending[start + i] = [column.texts[column.codes[i]] for column in columns]

    def arrow_column(self, name: str, columns: "list[arrow_csv.Column]") -> "arrow_csv.Column":
        """A column of the file, or one of empty cells for a column it lacks."""
        at = self.at[name]
        return columns[at] if at >= 0 else arrow_csv.Column(np.zeros(len(columns[0].codes), np.int64), [""])

    def combined(self, names: tuple[str, ...], columns: "list[arrow_csv.Column]") -> tuple[np.ndarray, list]:
        """Per row, the number of its combination of the cells of `names` among those of the file's rows, and each
        combination's key as mapped() makes it (the cells of the columns the file has; one cell alone)."""
        present = [columns[self.at[name]] for name in names if self.at[name] >= 0]
        varying = [column for column in present if len(column.texts) > 1]  # 企业, 万元 throughout: nothing to do
        if len(varying) > 1:
            codes = np.zeros(len(present[0].codes), np.int64)
            for column in varying:  # renumbered after each column, so that the product never overflows
                codes = np.unique(codes * len(column.texts) + column.codes, return_inverse=True)[1]
            rows = np.unique(codes, return_index=True)[1]  # a row of each combination, in the combinations' order
            cells = [_objects(column.texts)[column.codes[rows]].tolist() for column in present]
        else:
            codes, used = _dense(varying[0] if varying else present[0])
            cells = [
                [column.texts[i] for i in used] if column in varying else column.texts * len(used) for column in present
            ]
        return codes, cells[0] if len(present) == 1 else list(zip(*cells, strict=True))

    def arrow_values(
        self, specs: list[Spec | None], spec_codes: np.ndarray, texts: "arrow_csv.Column"
    ) -> tuple[list, np.ndarray]:
        """(each row's figure in its unit's base unit, whether it is _BAD), each distinct (unit, figure) converted
        once. As converted(): a file of one unit converts every figure with it, one of several units only the
        figures of rows whose spec is good."""
        scales = [None if spec is None else spec.scale for spec in specs]
        distinct_scales = list(dict.fromkeys(scale for scale in scales if scale is not None))
        if len(distinct_scales) <= 1:
            return _per_row(texts, partial(self.value, distinct_scales[0]) if distinct_scales else lambda _: _BAD)
        scale_of = {scale: i for i, scale in enumerate(distinct_scales)}
        none = len(distinct_scales)  # a row whose spec is bad: its figure is not converted
        scale_codes = np.array([scale_of.get(scale, none) for scale in scales], np.int64)[spec_codes]
        distinct, codes = np.unique(scale_codes * len(texts.texts) + texts.codes, return_inverse=True)
        width = len(texts.texts)
        found = [
            _BAD if pair // width == none else self.value(distinct_scales[pair // width], texts.texts[pair % width])
            for pair in distinct.tolist()
        ]
        return _per_row(arrow_csv.Column(codes, found), None)

    def column_of(self, name: str, columns: list[tuple[str, ...]], count: int) -> "tuple[str, ...] | list[str]":
        at = self.at[name]
        return [""] * count if at < 0 else columns[at]

    def read_chunk(self, numbers, chunk: list[list[str]]) -> None:
        width, count = self.width, len(chunk)
        if list(map(len, chunk)).count(width) != count:  # a row shorter or longer than the header
            chunk = [cells if len(cells) == width else (cells + [""] * width)[:width] for cells in chunk]
        columns = list(zip(*chunk, strict=True))  # the chunk a column at a time, taken apart once
        slots = self.mapped(self.SUBJECT, columns, count, self.slot)
        specs = self.mapped(self.SPEC, columns, count, self.spec_of)
        distinct_specs = set(specs)  # a few Specs, hashed by identity
        values, bad_value = self.converted(specs, distinct_specs, self.column_of("数值", columns, count))
        yoys, bad_yoy = self.looked_up(self.yoys, self.yoy, self.column_of("同比", columns, count))
        notes = self.column_of("说明", columns, count)
        if self.at["说明"] >= 0:
            notes = map(str.strip, notes)
        start = len(self.columns[0])
        if None in distinct_specs or bad_value or bad_yoy:
            specs = list(specs)
            for i, (spec, value, yoy) in enumerate(zip(specs, values, yoys, strict=True)):
                if spec is None or value is _BAD or yoy is _BAD:
                    specs[i] = None
                    self.pending[start + i] = chunk[i]
        elif not self.pending:  # each row's (subject slot, indicator and period) as one integer
            idents = np.fromiter(map(attrgetter("ident"), specs), np.int64, count)
            self.keys.append((np.fromiter(slots, np.int64, count) << 32) | idents)
        for column, cells in zip(self.columns, (numbers, slots, specs, values, yoys, notes), strict=True):
            column.extend(cells)

    def mapped(self, names: tuple[str, ...], columns: list[tuple[str, ...]], count: int, look_up) -> list:
        """look_up(key) for each row's cells of the columns `names`, worked out once per distinct key. The
        key is a tuple of the cells of the columns the file has (one cell alone when it has one). Columns
        that hold one value throughout the chunk (主体类型 企业, 单位 万元) are left out of the per-row work:
        a row is then looked up by a single cell, not a tuple built for it."""
        columns = [columns[self.at[name]] for name in names if self.at[name] >= 0]
        constant = [_constant(column) for column in columns]
        varying = [i for i, same in enumerate(constant) if not same]
        template = [column[0] if same else None for column, same in zip(columns, constant, strict=True)]
        if not varying:
            found = look_up(template[0] if len(template) == 1 else tuple(template))
            return [found] * count
        parts = columns[varying[0]] if len(varying) == 1 else list(zip(*(columns[i] for i in varying), strict=True))
        # what the cells of earlier chunks of the same shape gave: most chunks add nothing to it
        found = self.found.setdefault((names, tuple(varying), tuple(template)), {})
        try:
            results = list(map(found.__getitem__, parts))
        except KeyError:
            for part in filterfalse(found.__contains__, set(parts)):
                cells = list(template)
                for i, cell in zip(varying, (part,) if len(varying) == 1 else part, strict=True):
                    cells[i] = cell
                found[part] = look_up(cells[0] if len(cells) == 1 else tuple(cells))
            results = list(map(found.__getitem__, parts))
        return results

    def slot(self, key) -> int:
        if (slot := self.slots.get(key)) is None:
            slot = self.slots[key] = len(self.slots)
        return slot

    def spec_of(self, key) -> Spec | None:
        if (spec := self.specs.get(key, _MISSING)) is _MISSING:
            spec = self.specs[key] = self.spec(self.written(self.SPEC, key))
        return spec

    def written(self, names: tuple[str, ...], key) -> tuple[str, ...]:
        """The cells of `names` (stripped; "" for a column the file lacks) from a key mapped() made."""
        present = [name for name in names if self.at[name] >= 0]
        found = dict(zip(present, key if len(present) != 1 else (key,), strict=True))
        return tuple(found.get(name, "").strip() for name in names)

    def all_written(self, names: tuple[str, ...], keys) -> list[tuple[str, ...]]:
        """written() for many keys, the columns placed once."""
        places = [
            sum(self.at[name] >= 0 for name in names[:i]) if self.at[name] >= 0 else -1 for i, name in enumerate(names)
        ]
        if sum(place >= 0 for place in places) == 1:
            keys = ((key,) for key in keys)
        return [tuple(key[place].strip() if place >= 0 else "" for place in places) for key in keys]

    def converted(self, specs: list[Spec | None], distinct: set[Spec | None], texts: list[str]) -> tuple[list, bool]:
        """(each figure in its spec's base unit, whether one is _BAD: Parser.row is to read it)."""
        scales = {spec.scale for spec in distinct if spec is not None}
        if len(scales) == 1:  # one unit, as almost every file has: one lookup of the column
            spec = next(spec for spec in distinct if spec is not None)
            return self.looked_up(spec.values, partial(self.value, spec.scale), texts)
        values = [
            _BAD if spec is None else self.looked_up(spec.values, partial(self.value, spec.scale), [text])[0][0]
            for spec, text in zip(specs, texts, strict=True)
        ]
        return values, any(map(is_, values, repeat(_BAD)))

    def looked_up(self, known: dict, work_out, texts: list[str]) -> tuple[list, bool]:
        """(texts mapped through `known`, whether one came out _BAD), each new text worked out once and kept
        (while there is room). A column of one text throughout is looked up once; once a file's figures are
        known (after its first chunks, usually) a column is one lookup per cell, not a set made first."""
        if _constant(texts):
            if (found := known.get(texts[0], _MISSING)) is _MISSING:
                found = work_out(texts[0])
                self.keep(known, {texts[0]: found})
            return [found] * len(texts), found is _BAD
        try:
            found = list(map(known.__getitem__, texts))
        except KeyError:
            distinct = set(texts)
            missing = list(filterfalse(known.__contains__, distinct))  # (set - dict.keys() walks the whole dict)
            new = dict(zip(missing, map(work_out, missing), strict=True))
            if not self.keep(known, new):  # full: this chunk's own table
                seen = list(filter(known.__contains__, distinct))
                new.update(zip(seen, map(known.__getitem__, seen), strict=True))
                return list(map(new.__getitem__, texts)), any(map(is_, new.values(), repeat(_BAD)))
            found = list(map(known.__getitem__, texts))
        return found, id(known) in self.tainted and any(map(is_, found, repeat(_BAD)))

    def keep(self, known: dict, new: dict) -> bool:
        """Add what was worked out to `known` while there is room (False when there is not), noting a table
        that holds a _BAD: only a column looked up in such a table is searched for one."""
        if len(known) + len(new) > VALUE_CACHE:
            return False
        known.update(new)
        if any(map(is_, new.values(), repeat(_BAD))):
            self.tainted.add(id(known))
        return True

    def spec(self, key: tuple) -> Spec | None:
        """The checks of Parser.row on these cells, or None when one fails (Parser.row then says which)."""
        indicator_name, period_text, unit, qualifier = key
        parser = self.parser
        try:
            indicator = parser.indicator(indicator_name)
            period = parser.period(period_text)
            if observation_year_error(period.year, parser.today):
                return None
            scale, base = units.scaler(unit or indicator.unit)
        except (ValueError, PeriodError, UnitError):
            return None
        if base != indicator.unit or qualifier not in QUALIFIERS:
            return None
        if indicator.kind == Indicator.Kind.STOCK and period.kind != "point":
            period = Period.point(period.end_date)
        return Spec(
            indicator, period, qualifier, self.ident(indicator, period), scale, self.values.setdefault(scale, {})
        )

    def ident(self, indicator: Indicator, period: Period) -> int:
        return self.idents.setdefault((indicator.pk, _period_key(period)), len(self.idents))

    @staticmethod
    def value(scale, text: str):
        """The figure in the base unit as Parser.row works it out, or _BAD where Parser.row is to say why not."""
        try:
            number = Decimal(text)  # Decimal itself ignores the spaces around a number, as strip() would
        except InvalidOperation:
            try:
                number = Decimal(text.strip().replace(",", "").replace("，", ""))  # as _decimal reads it
            except InvalidOperation:
                return _BAD
        try:
            return scale(number)
        except UnitError:
            return _BAD

    @staticmethod
    def yoy(text: str):
        written = text.strip().rstrip("%")
        try:
            return Decimal(written.replace(",", "").replace("，", "")) if written else None
        except InvalidOperation:
            return _BAD

    def finish(self, result: ObservationImport) -> LongRows:
        """The second pass: the rows that passed every check, bad rows reported on `result`."""
        subjects, errors = self.resolve_subjects()
        canonical = self.canonical(subjects)
        if not self.slow and not errors and self.all_distinct(canonical):
            table, self.columns = LongRows(self.column, subjects, self.columns), ()
            return table
        return self.walked(result, subjects, errors, canonical)

    def walked(self, result, subjects, errors, canonical) -> LongRows:
        """The rows one by one, when some need Parser.row, have a subject not found or may repeat another: a
        record is (number, slot, spec, value, 同比, 说明), or (number, slot, None, cells) for Parser.row."""
        table = LongRows(self.column, subjects)
        records, self.columns = list(zip(*self.columns, strict=True)), ()
        for i, cells in self.pending.items():
            records[i] = (records[i][0], records[i][1], None, cells)
        seen, bad = {}, False
        for i, record in enumerate(records):
            spec, slot = record[2], record[1]
            if spec is None or subjects[slot] is None:
                if spec is not None:  # its other cells passed, so its subject is the first thing wrong
                    result.add(record[0], errors[slot])
                    record = None
                else:
                    record = self.by_parser(result, record, subjects, canonical)
                records[i] = record
                if record is None:
                    bad = True
                    continue
                spec, slot = record[2], record[1]
            number = record[0]
            first = seen.setdefault((canonical[slot] << 32) | spec.ident, number)
            if first != number:
                table.duplicates.append((number, first, spec))
        table.columns = LongRows.columns_of([r for r in records if r is not None] if bad else records)
        return table

    def all_distinct(self, canonical: list[int]) -> bool:
        """Whether no row repeats another's subject, indicator and period, when every row was read by the
        dictionaries: no two rows had the same key, and no two slots are one subject (a firm written by its
        name and by its short name)."""
        keys = np.concatenate(self.keys) if self.keys else np.empty(0, np.int64)
        if len(keys) != len(self.columns[0]) or len(set(canonical)) != len(canonical):
            return False
        keys.sort()
        return not (keys[1:] == keys[:-1]).any()

    def resolve_subjects(self) -> tuple[list[Resolved | None], dict[int, str]]:
        """Every distinct subject of the file resolved at once: slot -> Resolved (None: the message)."""
        parser_subjects = self.parser.subjects
        enterprises = parser_subjects.names["enterprise"]
        subjects: list[Resolved | None] = [None] * len(self.slots)
        errors: dict[int, str] = {}
        written = dict(zip(self.slots, self.all_written(self.SUBJECT, self.slots), strict=True))
        if isinstance(enterprises, EnterpriseNames):
            enterprises.prefetch(name for _kind, name, _region in written.values())
        for key, slot in self.slots.items():
            try:
                subjects[slot] = self.resolved(*parser_subjects.resolve(*written[key]))
            except ValueError as error:
                errors[slot] = str(error)
        return subjects, errors

    @staticmethod
    def resolved(kind: str, subject_id: int, region_id: int) -> Resolved:
        return Resolved(kind, subject_id, region_id, f"{kind}:{subject_id}")

    def canonical(self, subjects: list[Resolved | None]) -> list[int]:
        """slot -> one number per subject (a firm written by its full and its short name is one subject)."""
        numbers = self.numbers
        return [-1 if s is None else numbers.setdefault(s.key, len(numbers)) for s in subjects]

    def by_parser(self, result, record, subjects, canonical) -> tuple | None:
        """A row that a dictionary could not answer, read by Parser.row: its record, or None and its error."""
        number, _slot, _spec, cells = record
        at = self.at
        kind, name, indicator, period, value, unit, yoy, qualifier, note, region = (
            cells[at[h]].strip() if at[h] >= 0 else ""
            for h in ("主体类型", "主体", "指标", "期间", "数值", "单位", "同比", "约数", "说明", "地区")
        )
        try:
            row = self.parser.row(
                number, kind, name, indicator, period, value, unit, yoy.rstrip("%"), qualifier, note, region
            )
        except (ValueError, PeriodError, UnitError) as error:
            result.add(number, str(error))
            return None
        subject_key = f"{row.kind}:{row.subject_id}"
        if (slot := self.parsed_slots.get(subject_key)) is None:
            slot = self.parsed_slots[subject_key] = len(subjects)
            subjects.append(self.resolved(row.kind, row.subject_id, row.region_id))
            canonical.append(self.numbers.setdefault(subject_key, len(self.numbers)))
        key = (row.indicator.pk, row.period, row.qualifier)
        if key not in self.made:
            self.made[key] = Spec(row.indicator, row.period, row.qualifier, self.ident(row.indicator, row.period))
        return (number, slot, self.made[key], row.value, row.yoy_pct, row.note)


def _parse_wide(result: ObservationImport, parser: Parser, headers: list[str], rows) -> None:
    result.layout = "宽表（一行一个主体，每列一个期间）"
    fixed = [h for h in headers if h in WIDE_FIXED]
    periods: dict[int, Period] = {}
    bad = []
    for i, header in enumerate(headers):
        if header in WIDE_FIXED:
            continue
        try:
            periods[i] = Period.parse(header)
        except PeriodError:
            bad.append(header)
    if bad:
        result.header_errors.append(
            f"无法识别的列：{'、'.join(bad)}（宽表除 地区、主体类型、主体、指标、单位 外，每列应为期间，如“2023年1-10月”“2023-10”）"
        )
    if missing := [h for h in ("主体", "指标") if h not in fixed]:
        result.header_errors.append(f"缺少必填列：{'、'.join(missing)}")
    if not periods:
        result.header_errors.append("没有期间列")
    if result.header_errors:
        return
    at = {h: i for i, h in enumerate(headers)}
    for number, cells in rows:

        def cell(name, cells=cells):
            i = at.get(name)
            return cells[i] if i is not None and i < len(cells) else ""

        for i, period in periods.items():
            if i < len(cells) and cells[i]:
                try:
                    result.rows.append(
                        parser.row(
                            number,
                            cell("主体类型"),
                            cell("主体"),
                            cell("指标"),
                            period,
                            cells[i],
                            cell("单位"),
                            region=cell("地区"),
                        )
                    )
                    result.rows[-1].column = get_column_letter(i + 1)
                except (ValueError, PeriodError, UnitError) as error:
                    result.add(number, f"{headers[i]}：{error}")


def _flag_duplicates(result: ObservationImport) -> None:
    if isinstance(result.rows, LongRows):  # found while its rows were read
        for number, first, spec in result.rows.duplicates:
            result.add(number, f"与第{first}行重复（{spec.indicator.name}·{spec.period.label}）")
        return
    seen: dict[tuple, int] = {}
    for row in result.rows:
        key = row.key
        if key in seen and seen[key] != row.number:
            result.add(row.number, f"与第{seen[key]}行重复（{row.indicator.name}·{row.period.label}）")
        seen.setdefault(key, row.number)


def _existing(keys: set[str], indicators: set[int]) -> dict[tuple, tuple[int, Decimal | None, Decimal | None]]:
    """Stored official figures for these subjects (keys) and indicators, by Row.key."""
    found = {}
    keys = sorted(keys)
    for start in range(0, len(keys), 500):
        query = Observation.objects.filter(
            subject_key__in=keys[start : start + 500], indicator_id__in=indicators, origin=Observation.Origin.STATISTICS
        )
        for pk, sk, ind, kind, ps, pe, value, yoy in query.values_list(
            "pk", "subject_key", "indicator_id", "period_kind", "period_start", "period_end", "value", "yoy_pct"
        ):
            found[(sk, ind, kind, ps, pe)] = (pk, value, yoy)
    return found


CORRECTED = [
    "value",
    "yoy_pct",
    "qualifier",
    "note",
    "import_batch",
    "import_row",
    "import_sheet",
    "import_column",
    "entered_by",
    "entered_at",
]


def commit(parsed: ObservationImport, actor, progress=None) -> ImportBatch | None:
    """Write a validated import, or nothing: None when this exact file was imported before."""
    if not parsed.ok:
        raise ValueError("导入有错误，未写入任何数据")
    if parsed.previous is not None:
        return None

    def write(batch: ImportBatch):
        rows = parsed.rows
        if isinstance(rows, LongRows):
            existing = _existing({s.key for s in rows.used_subjects()}, rows.used_indicators())
            if existing:  # a file corrected: its records sorted out one by one
                fresh, changed, replaced, unchanged = _sort_out(
                    rows.records(), existing, rows.key, itemgetter(3, 4), rows.row, batch, actor
                )
                fresh = LongRows.columns_of(fresh)
            else:  # a new file: its columns written as they are
                fresh, changed, replaced, unchanged = rows.columns, [], [], 0
            created = bulk.insert_records(rows, fresh, batch, actor, timezone.now(), progress=progress)
        else:
            existing = _existing({r.key[0] for r in rows}, {r.indicator.pk for r in rows})
            fresh, changed, replaced, unchanged = _sort_out(
                rows, existing, attrgetter("key"), attrgetter("value", "yoy_pct"), None, batch, actor
            )
            created = bulk.insert(fresh, batch, actor, timezone.now(), progress=progress)
        Observation.objects.bulk_update(changed, CORRECTED, batch_size=BATCH_SIZE)
        return {"created": created, "updated": len(changed), "unchanged": unchanged}, replaced

    with transaction.atomic():
        return services.commit_import(actor=actor, parsed=parsed, write=write)


def _sort_out(items, existing, key_of, figures_of, row_of, batch, actor):
    """(new rows, corrected Observations, what they replaced, how many are stored unchanged). `items` are
    Rows, or LongRows records (row_of makes their Row); a new file's rows are all new."""
    if not existing:
        return items, [], [], 0
    fresh, changed, replaced, unchanged = [], [], [], 0
    for item in items:
        stored = existing.get(key_of(item))
        if stored is None:
            fresh.append(item)
        elif stored[1:] == figures_of(item):
            unchanged += 1
        else:
            row = item if row_of is None else row_of(item)
            observation = _observation(row, batch, actor)
            observation.pk = stored[0]
            changed.append(observation)
            replaced.append(
                {"row": row.number, "key": [str(k) for k in row.key], "before": str(stored[1]), "after": str(row.value)}
            )
    return fresh, changed, replaced, unchanged


def _observation(row: Row, batch: ImportBatch, actor) -> Observation:
    fields = {"cluster_id": None, "enterprise_id": None, "park_id": None, "chain_link_id": None}
    if row.kind != REGION:
        fields[bulk.SUBJECT_COLUMN[row.kind]] = row.subject_id
    return Observation(
        subject_kind=row.kind,
        subject_key=row.key[0],
        region_id=row.region_id,
        indicator=row.indicator,
        period_start=row.period.start_date,
        period_end=row.period.end_date,
        period_kind=row.period.kind,
        value=row.value,
        qualifier=row.qualifier,
        yoy_pct=row.yoy_pct,
        note=row.note,
        import_batch=batch,
        import_row=row.number,
        import_sheet=row.sheet,
        import_column=row.column,
        entered_by=acting_user(actor),
        **fields,
    )


# -- bureau tables -----------------------------------------------------------------------------------


def read_grid(filename: str, content: bytes, sheet: str = "") -> tuple[str, list[str], list[list[str]]]:
    """(sheet read, every sheet's name, rows as text) of a CSV or of one sheet of a workbook (the one
    named, else the first)."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    limits = Limits.observations()
    if suffix == "csv":
        return "", [], [list(row) for row in bounded(csv_rows(content), limits)]
    workbook = open_workbook(content, limits)
    names = workbook.sheetnames
    if sheet and sheet not in names:
        raise TableError(f"工作簿中没有工作表“{sheet}”（有：{'、'.join(names)}）")
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    rows = [[_text(v) for v in row] for row in bounded(worksheet.iter_rows(values_only=True), limits)]
    workbook.close()
    return worksheet.title, names, rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def find_template(signature: str, actor) -> ImportTemplate | None:
    """The saved template for a header signature that the actor may use (the newest of their region's)."""
    templates = ImportTemplate.objects.filter(signature=signature)
    if actor is not None:
        templates = templates.restrict(actor)
    return templates.order_by("-updated_at").first()


def _catalogue() -> Catalogue:
    """The extraction engine's catalogue rules over the indicators as this database has them."""
    entries = [
        {"key": i.key, "name": i.name, "unit": i.unit, "kind": i.kind, "aliases": i.alias_list}
        for i in Indicator.objects.all()
    ]
    return Catalogue(entries)


def _parse_bureau(result, parser, filename, content, actor, mapping_data, template, period_text) -> None:
    result.layout = "统计局报表"
    if template is not None:
        result.template = template
        mapping_data = template.mapping if mapping_data is None else mapping_data
    mapping = bureau.Mapping.from_dict(mapping_data)
    try:
        sheet, result.sheets, rows = read_grid(filename, content, mapping.sheet)
    except TableError as error:
        result.header_errors.append(str(error))
        return
    catalogue, gazetteer = _catalogue(), Gazetteer.load()
    layout = bureau.read_layout(rows, sheet, catalogue, gazetteer, mapping)
    if layout is None:
        result.header_errors.append(
            "无法识别的列，找不到表头：统计局报表应有“指标名称”“项目”或“地区”等行名列，"
            "或按模板填写（长表：主体、指标、期间、数值；宽表：主体、指标和每列一个期间）；缺少必填列：主体、指标"
        )
        return
    if mapping_data is None and template is None and (found := find_template(layout.signature, actor)):
        result.template, mapping = found, bureau.Mapping.from_dict(found.mapping)
        layout = bureau.read_layout(rows, sheet, catalogue, gazetteer, mapping)
    result.layout_info, result.mapping, result.grid = layout, mapping, rows[: layout.data_start + 12]
    _bureau_rows(result, parser, rows, layout, catalogue, mapping, period_text)
    if not result.rows and not result.row_errors and not result.header_errors:
        result.header_errors.append(
            "无法识别的列：没有读出任何可导入的数（行名应为平台记录的主体和指标，如“大数据智能化产业营业收入”）；"
            "缺少必填列：主体、指标。请在下方映射中指定各列的作用"
        )


def _bureau_rows(result, parser, rows, layout, catalogue, mapping, period_text) -> None:
    subjects = parser.subjects
    stated = None
    written = period_text or layout.period_text
    if written:
        try:
            stated = bureau.column_period("本期", Period.parse(written))
        except PeriodError as error:
            result.header_errors.append(f"期间：{error}")
            return
    result.period_label = stated.label if stated else ""
    try:
        table_region = _table_region(subjects, layout.region_text)
    except ValueError as error:
        result.header_errors.append(str(error))
        return
    result.region_name = table_region.name
    rate = None
    if mapping.dollar_rate:
        try:
            rate = Decimal(mapping.dollar_rate)
        except InvalidOperation:
            result.header_errors.append(f"汇率“{mapping.dollar_rate}”不是数字")
            return
    read = bureau.readings(rows, layout, catalogue, mapping)
    result.skipped = list(read.skipped)
    for number, message in read.errors:
        result.add(number, message)
    sections: dict[str, Region | None] = {}
    chosen: dict[tuple, Row] = {}
    scoped: dict[tuple, bool] = {}
    for reading in read.readings:
        where = f"{reading.column}列"
        try:
            row = _bureau_row(result, parser, reading, layout, stated, table_region, sections, rate)
        except (ValueError, PeriodError, UnitError) as error:
            message = str(error)
            result.add(reading.row, message if re.match(r"^[A-Z]{1,3}列：", message) else f"{where}：{message}")
            continue
        if row is None:
            continue
        key = row.key
        if key in chosen:
            first = chosen[key]
            if (first.value, first.yoy_pct) == (row.value, row.yoy_pct):
                continue  # the same figure stated twice (地区生产总值 atop two tables)
            if scoped[key] != reading.scoped:
                result.skipped.append(
                    bureau.Skipped(
                        first.number if reading.scoped else row.number,
                        reading.label,
                        "与规模以上的同一指标同期，取规模以上的数",
                    )
                )
                if reading.scoped:
                    result.rows.remove(first)
                    chosen[key], scoped[key] = row, True
                    result.rows.append(row)
                continue
            result.add(
                row.number,
                f"{where}：与第{first.number}行{first.column}列重复（{row.indicator.name}·{row.period.label}）",
            )
            continue
        chosen[key], scoped[key] = row, reading.scoped
        result.rows.append(row)


def _table_region(subjects: "Subjects", text: str) -> Region:
    if text in ("", "全区", "全市", "全县", "全省"):
        return subjects.default_region
    found = Region.objects.named(text, near=subjects.default_region)
    if found is None:
        raise ValueError(f"找不到标题中的地区“{text}”（可在映射中填写地区）")
    return found


def _skip(result, reading, reason: str, strict: bool) -> None:
    if strict:
        result.add(reading.row, f"{reading.column}列：“{reading.label}”{reason}")
    elif not result.skipped or (result.skipped[-1].row, result.skipped[-1].reason) != (reading.row, reason):
        result.skipped.append(bureau.Skipped(reading.row, reading.label, reason.lstrip("：")))


def _bureau_row(result, parser, reading, layout, stated, table_region, sections, rate) -> Row | None:
    strict = result.mapping.strict
    subjects = parser.subjects
    indicator = parser.indicators.get(reading.indicator) if reading.indicator else None
    if indicator is None:
        reason = f"的指标“{reading.indicator}”不在指标目录中" if reading.indicator else "没有可识别的指标"
        _skip(result, reading, reason, strict)
        return None
    region = table_region
    if reading.region:
        region = subjects.region(reading.region)
    elif reading.section:
        if reading.section not in sections:
            sections[reading.section] = Region.objects.named(reading.section, near=table_region)
        if sections[reading.section] is None:
            _skip(result, reading, f"属于分组“{reading.section}”，它不是平台记录的地区", strict)
            return None
        region = sections[reading.section]
    if reading.subject:
        found = subjects.named(reading.subject, region, reading.industry)
        if found is None:
            _skip(result, reading, f"：{region.name}没有名为“{reading.subject}”的集群、载体、企业或地区", strict)
            return None
        kind, subject, region_id = found
    else:
        kind, subject, region_id = REGION, region.pk, region.pk
    subjects.check(kind, subject, region_id, reading.subject or region.name)
    period = _reading_period(reading.period, stated)
    if error := observation_year_error(period.year, parser.today):
        raise ValueError(error)
    value = None
    note = ""
    if reading.value:
        if not bureau.is_number(reading.value):
            raise ValueError(f"数值“{reading.value}”不是数字")
        unit = _unit(reading.unit, layout.unit_texts, indicator)
        number = bureau.number(reading.value)
        if (factor := bureau.dollar_unit(unit)) is not None:
            if rate is None:
                raise ValueError(f"单位为“{unit}”：平台以人民币元记录金额，请在映射中填写汇率（1美元合多少元）")
            note = f"原值{reading.value}{unit}，按1美元={rate}元折算"
            number, unit = number * factor * rate, "元"
        value, base = to_base(number, unit)
        if base != indicator.unit and not _compatible(base, indicator.unit):
            raise ValueError(f"单位“{unit}”与指标“{indicator.name}”的单位“{indicator.unit}”不符")
    yoy = _yoy(result, reading)
    if value is None and yoy is None:
        return None
    if indicator.kind == Indicator.Kind.STOCK and period.kind != "point":
        period = Period.point(period.end_date)
    return Row(
        reading.row,
        kind,
        subject,
        region_id,
        indicator,
        period,
        value,
        "",
        yoy,
        note,
        column=reading.column,
        sheet=layout.sheet,
    )


def _reading_period(text: str, stated: Period | None) -> Period:
    if text == bureau.LAST_YEAR:
        if stated is None:
            raise PeriodError("表格没有写明期间：请在导入设置中填写期间")
        return stated.previous_year()
    return bureau.column_period(text, stated)


COUNT_FAMILY = {"家": {"家", "户", "个"}, "户": {"户", "家", "个"}, "个": {"个", "项"}, "项": {"项", "个"}}


def _compatible(unit: str, base: str) -> bool:
    return unit in COUNT_FAMILY.get(base, {base})


def _unit(written: str, table_units: list[str], indicator: Indicator) -> str:
    """A figure's unit: its own (column, label, header), else the table's that fits the indicator
    (单位:个、万元 gives 万元 to money and 个 to counts); a count defaults to its base unit."""
    if written:
        return written
    money = indicator.unit == "元"
    for unit in table_units:
        if (unit in bureau.MONEY_UNITS or unit in bureau.DOLLAR_UNITS) == money:
            return unit
    if money:
        raise ValueError(f"没有写明单位：指标“{indicator.name}”为金额，请在映射中填写单位（如 亿元、万元）")
    return indicator.unit


def _yoy(result, reading) -> Decimal | None:
    text = reading.yoy
    if not text:
        return None
    if bureau.is_number(text.rstrip("%")):
        return bureau.number(text)
    if match := re.fullmatch(r"(?:增长|上升)?(\d+(?:\.\d+)?)倍", text):
        return Decimal(match.group(1)) * 100  # 增长1.6倍 is +160%
    if "百分点" in text:
        result.warnings.append(
            f"第{reading.row}行{reading.yoy_column}列：“{text}”是百分点变化，不是同比增速，未记为同比"
        )
        return None
    raise ValueError(f"{reading.yoy_column}列：同比“{text}”不是数字")
