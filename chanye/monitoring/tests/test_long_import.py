"""The long template's bulk read (LongTable) says exactly what reading each row through Parser.row says: the
same rows, figures, row numbers and messages, for files full of bad cells, repeats, ragged rows and shuffled
columns, read in chunks of a few rows so that every path between chunks is taken (issue 20)."""

import csv
import io
import random

import pytest

from chanye.core import tables
from chanye.core.imports import RowErrors
from chanye.core.regions import home_region
from chanye.lib.periods import PeriodError
from chanye.lib.units import UnitError
from chanye.monitoring import imports
from chanye.registry.models import Cluster, Enterprise, Park

OPTIONAL = ["地区", "主体类型", "单位", "同比", "约数", "说明"]
REQUIRED = ["主体", "指标", "期间", "数值"]


def per_row(headers: list[str], content: bytes, actor) -> RowErrors:
    """The reference: every row through Parser.row, then the repeats by Row.key, as the import read a long
    file before it was read in bulk."""
    result = RowErrors(filename="f.csv")
    parser = imports.Parser(actor)
    column = imports.get_column_letter(headers.index("数值") + 1)
    at = {h: i for i, h in enumerate(headers)}
    rows, seen = [], {}
    _headers, read = imports.read_rows("f.csv", content)
    for number, cells in read:

        def cell(name, cells=cells):
            i = at.get(name, -1)
            return cells[i] if 0 <= i < len(cells) else ""

        try:
            row = parser.row(
                number,
                cell("主体类型"),
                cell("主体"),
                cell("指标"),
                cell("期间"),
                cell("数值"),
                cell("单位"),
                cell("同比").rstrip("%"),
                cell("约数"),
                cell("说明"),
                cell("地区"),
            )
        except (ValueError, PeriodError, UnitError) as error:
            result.add(number, str(error))
            continue
        row.column = column
        rows.append(row)
    for row in rows:
        key = row.key
        if key in seen:
            result.add(row.number, f"与第{seen[key]}行重复（{row.indicator.name}·{row.period.label}）")
        seen.setdefault(key, row.number)
    result.rows = rows
    return result


def pools() -> dict[str, tuple[list, list]]:
    """(good cells, bad or odd ones) for each column; a row takes a good one most of the time."""
    clusters = list(Cluster.objects.filter(region=home_region()).values_list("name", flat=True)[:4])
    firms = list(Enterprise.objects.order_by("pk").values_list("name", flat=True)[:4])
    parks = list(Park.objects.values_list("name", flat=True)[:2])
    return {
        "subject": (
            [
                *(("集群", c) for c in clusters),
                *(("企业", f) for f in firms),
                ("企业", "甲简称"),  # the first firm's short name: one subject with its full name
                *(("载体", p) for p in parks),
                ("全区", "大渡口区"),
                ("", clusters[0]),
                ("", "全区"),
                (" 集群 ", f" {clusters[2]} "),
            ],
            [("集群", "不存在的集群"), ("企业", "不存在的企业"), ("机构", clusters[1]), ("集群", "")],
        ),
        "地区": (["", "", "", "大渡口区", "大渡口", "500104", " 大渡口区 "], ["火星", "江津"]),
        "measure": (
            [
                ("营收", "亿元"),
                ("营收", "万元"),
                ("营业收入", ""),
                ("产值", "元"),
                (" 营收 ", " 亿元 "),
                ("企业数", "家"),
                ("规上企业数", ""),
                ("企业数", " 家 "),
                ("营收", "千亿元"),
            ],
            [("利润率", "亿元"), ("", "亿元"), ("营收", "家"), ("企业数", "亿元"), ("营收", "美元"), ("企业数", "个")],
        ),
        "期间": (
            ["2023年1-3月", "2023年一季度", "2023年1-10月", "2023年11月", "2023-10", "2024年1-2月", " 2023年1-3月 "],
            ["2023年3-5月", "1900年1月", "明年", ""],
        ),
        "数值": (
            ["101.5", "92.2", "450", " 45.5 ", "0", "-12.5", "0.000001", "0.10", "1e3", "-0", "7"],
            ["1,234", "1，234.5", "１２", "1_000", "NaN", "Infinity", "九十二", "abc", "", "9" * 59],
        ),
        "同比": (["", "", "5.2", "5.2%", "-1.0", " 3 "], ["1,2", "持平", "%", "NaN", "1e400"]),
        "约数": (["", "", "", "多", "近"], ["大约"]),
        "说明": (["", "", "初步数", " 含 空格 "], []),
    }


def pick(rng: random.Random, cells: tuple[list, list], bad_rate: float):
    good, bad = cells
    return rng.choice(bad) if bad and rng.random() < bad_rate else rng.choice(good)


def random_file(rng: random.Random, cells: dict) -> tuple[list[str], bytes]:
    headers = REQUIRED + rng.sample(OPTIONAL, rng.randrange(len(OPTIONAL) + 1))
    rng.shuffle(headers)
    bad_rate = rng.choice([0, 0.08])  # a clean file's repeats are found by the bulk read alone
    rows: list[list[str]] = []
    for _ in range(rng.randrange(1, 80)):
        roll = rng.random()
        if rows and roll < 0.12:  # a row repeated, or repeated with another figure
            row = list(rng.choice(rows))
            if rng.random() < 0.5 and len(row) == len(headers):
                row[headers.index("数值")] = pick(rng, cells["数值"], bad_rate)
        elif roll < 0.15:
            row = [""] * len(headers)  # an empty row: skipped, yet counted in the numbering
        else:
            subject = pick(rng, cells["subject"], bad_rate)
            while "主体类型" not in headers and subject[0].strip() not in ("", "集群", "全区"):
                subject = pick(rng, cells["subject"], bad_rate)  # without the column, a subject is a cluster
            values = dict(zip(("主体类型", "主体"), subject, strict=True))
            values.update(zip(("指标", "单位"), pick(rng, cells["measure"], bad_rate), strict=True))
            row = [values[h] if h in values else pick(rng, cells[h], bad_rate) for h in headers]
            if bad_rate and rng.random() < 0.05:  # ragged
                row = row[: rng.randrange(len(row))] if rng.random() < 0.5 else [*row, "多余"]
        rows.append(row)
    out = io.StringIO()
    csv.writer(out).writerows([headers, *rows])
    return headers, out.getvalue().encode("utf-8")


def as_compared(rows) -> list[tuple]:
    return [
        (
            r.number,
            r.kind,
            r.subject_id,
            r.region_id,
            r.indicator.pk,
            r.period.kind,
            r.period.start_date,
            r.period.end_date,
            r.period.label,
            str(r.value),
            r.qualifier,
            None if r.yoy_pct is None else str(r.yoy_pct),
            r.note,
            r.column,
            r.key,
        )
        for r in rows
    ]


@pytest.mark.parametrize(("chunk", "kept"), [(3, 5), (7, imports.VALUE_CACHE), (20_000, imports.VALUE_CACHE)])
def test_the_bulk_read_says_what_each_row_through_the_parser_says(personas, monkeypatch, chunk, kept):
    monkeypatch.setattr(tables, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(imports, "VALUE_CACHE", kept)  # 5: the tables of figures fill up at once
    first_firm = Enterprise.objects.order_by("pk").first()
    Enterprise.objects.filter(pk=first_firm.pk).update(short_name="甲简称")
    cells = pools()
    rng = random.Random(20 + chunk)
    checked = {"rows": 0, "errors": 0, "repeats": 0}
    for _ in range(40):
        headers, content = random_file(rng, cells)
        for actor in (personas["statistics"], personas["office"]):
            bulk = imports.parse("f.csv", content, actor)
            reference = per_row(headers, content, actor)
            assert bulk.header_errors == []
            assert bulk.sorted_row_errors == reference.sorted_row_errors, content.decode()
            assert as_compared(bulk.rows) == as_compared(reference.rows), content.decode()
            checked["rows"] += len(reference.rows)
            checked["errors"] += len(reference.row_errors)
            checked["repeats"] += sum("重复" in m for ms in reference.row_errors.values() for m in ms)
    # the files did exercise both sides: good rows, bad ones, repeats
    assert checked["rows"] > 300 and checked["errors"] > 300 and checked["repeats"] > 20, checked
