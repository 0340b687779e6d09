"""A long-template CSV read by Arrow's reader (arrow_csv, LongTable.read_arrow) imports exactly as read by
csv.reader: the same rows, figures, row numbers, messages and limits, for clean files, files full of bad cells
and repeats, files saved as GB18030, with a BOM, with \\n line ends, blank and empty rows, and the shapes Arrow
leaves to csv.reader (quotes, ragged rows, a lone carriage return). Every file is parsed twice, once with the
size from which Arrow reads lowered to 0 and once with it out of reach (issue 20)."""

import csv
import io
import random
from decimal import Decimal

import pytest

from chanye.monitoring import arrow_csv, imports
from chanye.monitoring.models import Observation
from chanye.monitoring.tests.test_long_import import as_compared, pools, random_file
from chanye.registry.models import Enterprise

BY_ARROW, BY_CSV_READER = 0, 1 << 62


def parsed(monkeypatch, content: bytes, actor, from_bytes: int, name="f.csv"):
    monkeypatch.setattr(arrow_csv, "MIN_BYTES", from_bytes)
    try:
        result = imports.parse(name, content, actor)
    except Exception as error:  # a file csv.reader refuses must be refused alike
        return repr(error)
    return (result.layout, result.header_errors, result.sorted_row_errors, as_compared(result.rows))


def read_by_arrow(monkeypatch, content: bytes, actor) -> bool:
    """Whether Arrow's reading of the file was kept (not handed back to csv.reader)."""
    monkeypatch.setattr(arrow_csv, "MIN_BYTES", BY_ARROW)
    try:
        headers, rows = imports.read_raw_rows("f.csv", content, imports._plain_long)
    except csv.Error:  # handed back to csv.reader, which refuses the file
        return False
    return imports._read_by_arrow(imports.Parser(actor), headers, rows.arrow) is not None


def same_both_ways(monkeypatch, content: bytes, actor, name="f.csv"):
    by_arrow = parsed(monkeypatch, content, actor, BY_ARROW, name)
    assert by_arrow == parsed(monkeypatch, content, actor, BY_CSV_READER, name), content.decode("gb18030")
    return by_arrow


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode())))


def rectangular(content: bytes) -> bool:
    return len(set(map(len, csv_rows(content)))) == 1


def variants(content: bytes) -> dict[str, bytes]:
    """The same table as spreadsheets and editors save it."""
    text = content.decode()
    lines = text.split("\r\n")
    return {
        "utf-8": content,
        "bom": b"\xef\xbb\xbf" + content,
        "gb18030": text.encode("gb18030"),
        "lf": text.replace("\r\n", "\n").encode(),
        "blank lines": "\r\n".join(
            line for pair in zip(lines, [""] * len(lines), strict=True) for line in pair
        ).encode(),
        "no final line end": text.removesuffix("\r\n").encode(),
    }


@pytest.fixture
def cells(db):
    first_firm = Enterprise.objects.order_by("pk").first()
    Enterprise.objects.filter(pk=first_firm.pk).update(short_name="甲简称")
    return pools()


def test_arrow_reads_every_file_as_csv_reader_does(personas, monkeypatch, cells):
    rng = random.Random(2026)
    kept = {"files": 0, "by arrow": 0, "rows": 0, "errors": 0}
    for _ in range(30):
        _headers, content = random_file(rng, cells)
        for variant, data in variants(content).items():
            for actor in (personas["statistics"], personas["office"]):
                _layout, _header_errors, errors, rows = same_both_ways(monkeypatch, data, actor)
                kept["files"] += 1
                kept["by arrow"] += read_by_arrow(monkeypatch, data, actor)
                kept["rows"] += len(rows)
                kept["errors"] += len(errors)
                if variant == "utf-8" and b'"' not in data and rectangular(data):
                    # Arrow's to read, bad cells and all: only a file without a filled row is handed back
                    assert read_by_arrow(monkeypatch, data, actor) == any(map(any, csv_rows(data)[1:]))
    # both sides were exercised: files Arrow kept, files full of errors it handed back
    assert kept["by arrow"] > 60 and kept["files"] - kept["by arrow"] > 60 and kept["errors"] > 300, kept


def clean_file(cells, count: int, rng: random.Random) -> bytes:
    """A file without a bad cell: monthly figures of four clusters and four firms, from 2015 on."""
    good_subjects = [s for s in cells["subject"][0] if s[0] in ("集群", "企业") and s[1] != "甲简称"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["主体类型", "主体", "指标", "期间", "数值", "单位", "同比", "说明"])
    for i in range(count):
        kind, name = good_subjects[i % len(good_subjects)]
        month = i // len(good_subjects) % 12 + 1
        year = 2015 + i // (len(good_subjects) * 12)
        figure = f"{rng.randrange(10, 9000) / 10}" if i % 3 else str(i)
        writer.writerow([kind, name, "营收", f"{year}年{month}月", figure, "万元", rng.choice(["", "5.2"]), ""])
    return out.getvalue().encode()


def test_a_large_clean_file_is_read_by_arrow_and_stored_alike(personas, monkeypatch, cells, settings):
    rng = random.Random(4754)
    content = clean_file(cells, 1000, rng)
    actor = personas["statistics"]
    by_arrow = same_both_ways(monkeypatch, content, actor)
    assert by_arrow[1:3] == ([], []) and len(by_arrow[3]) == 1000
    assert read_by_arrow(monkeypatch, content, actor)
    monkeypatch.setattr(arrow_csv, "MIN_BYTES", BY_ARROW)
    imports.commit(imports.parse("f.csv", content, actor), actor)
    stored = sorted(
        Observation.objects.filter(import_batch__filename="f.csv").values_list("import_row", "subject_key", "value")
    )
    expected = sorted((row[0], row[14][0], Decimal(row[9])) for row in by_arrow[3])
    assert [(n, key, Decimal(value)) for n, key, value in stored] == expected


@pytest.mark.parametrize(
    "change",
    [
        "a repeated row",
        "a bad figure",
        "an unknown subject",
        "an empty row",
        "a quoted cell",
        "a ragged row",
        "a lone carriage return",
        "a lone carriage return at the end",
        "a lone carriage return ending the header",
        "bytes of GB18030 in a UTF-8 file",
        "a NUL",
        "a cell longer than csv.reader takes",
        "two units",
    ],
)
def test_what_arrow_hands_back_or_handles_is_reported_alike(personas, monkeypatch, cells, change):
    rows = clean_file(cells, 200, random.Random(7)).decode().split("\r\n")
    at = 57
    cells_of = rows[at].split(",")
    if change == "a repeated row":
        rows[at + 5] = rows[at]
    elif change == "a bad figure":
        cells_of[4] = "九十二"
    elif change == "an unknown subject":
        cells_of[1] = "不存在的企业"
    elif change == "an empty row":
        cells_of = [""] * len(cells_of)
    elif change == "a quoted cell":
        cells_of[7] = '"初步数,含估计"'
    elif change == "a ragged row":
        cells_of = cells_of[:3]
    elif change == "a lone carriage return":
        cells_of[7] = "初步\r数"
    elif change == "a NUL":
        cells_of[7] = "初步\x00数"
    elif change == "a cell longer than csv.reader takes":
        cells_of[7] = "长" * (csv.field_size_limit() + 1)
    elif change == "two units":
        cells_of[5] = "亿元"
    rows[at] = ",".join(cells_of)
    content = "\r\n".join(rows).encode()
    if change == "a lone carriage return at the end":
        content = content.removesuffix(b"\r\n") + b"\r"
    elif change == "a lone carriage return ending the header":
        content = content.replace(b"\r\n", b"\r", 1)
    elif change == "bytes of GB18030 in a UTF-8 file":
        content = (
            content.replace("初步".encode(), "初步".encode("gb18030"), 1) if "初步".encode() in content else content
        )
        content = (
            content.removesuffix(b"\r\n") + b"\r\n" + "企业,海康威视,营收,2015年1月,1,万元,,备注".encode("gb18030")
        )
    actor = personas["statistics"]
    result = same_both_ways(monkeypatch, content, actor)
    if change in ("a repeated row", "a bad figure", "an unknown subject", "a ragged row"):
        assert result[2], result  # the error is there, with its row number, whichever reader read the file
    if change in ("a repeated row", "a bad figure", "an unknown subject", "an empty row", "two units"):
        assert read_by_arrow(monkeypatch, content, actor)  # Arrow's rows, their errors found as for csv.reader's
    elif change in ("a quoted cell", "a ragged row", "a lone carriage return at the end", "a lone carriage return"):
        assert not read_by_arrow(monkeypatch, content, actor)  # handed back to csv.reader


@pytest.mark.parametrize(
    ("rows", "cells_limit", "refused"),
    # 200 rows under a header, 8 cells a row: 1,608 cells
    [(199, 10**9, True), (200, 10**9, False), (10**6, 1607, True), (10**6, 1608, False)],
)
def test_the_row_and_cell_limits_are_kept(personas, monkeypatch, cells, settings, rows, cells_limit, refused):
    settings.CHANYE_MAX_OBSERVATION_IMPORT_ROWS = rows
    settings.CHANYE_MAX_OBSERVATION_IMPORT_CELLS = cells_limit
    content = clean_file(cells, 200, random.Random(1))
    _layout, header_errors, _errors, _rows = same_both_ways(monkeypatch, content, personas["statistics"])
    assert bool(header_errors) == refused, header_errors
    if not refused:
        assert read_by_arrow(monkeypatch, content, personas["statistics"])
