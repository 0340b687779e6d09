"""Benchmark of the 统计局报表 import against the long template, on SYNTHETIC data (合成).

    chanye bench bureau --db /tmp/bureau.sqlite3 [--runs 3]

10,000 synthetic enterprises (合成制造00001有限公司 …) get one 2023年1-10月 revenue figure each, written
twice as XLSX: once in the long template (主体类型, 主体, 指标, 期间, 数值, 单位, 同比), once as a bureau
table (a title stating period and region, a unit row, a two-level merged header 1-10月 over 绝对值 | 同比
增长%, row labels joining firm and indicator: 合成制造00001有限公司营业收入). Each run imports the file
into an empty set of figures (parse, validate, write); the median of the runs is reported.
"""

import io
import random
import statistics
import time

from django.db import transaction
from openpyxl import Workbook

from chanye.core.regions import home_region
from chanye.monitoring import imports
from chanye.monitoring.models import ImportBatch, Observation
from chanye.registry.models import Enterprise

ROWS = 10_000
PREFIX = "合成制造"


def say(out, message: str) -> None:
    out.write(message)
    out.flush()


def enterprises() -> list[str]:
    names = [f"{PREFIX}{i:05d}有限公司" for i in range(ROWS)]
    existing = set(Enterprise.objects.filter(name__startswith=PREFIX).values_list("name", flat=True))
    region = home_region()
    Enterprise.objects.bulk_create(Enterprise(name=n, region=region) for n in names if n not in existing)
    return names


def values(rng: random.Random) -> list[tuple[str, str]]:
    return [(f"{rng.randrange(10, 90000) / 10}", f"{rng.randrange(-300, 300) / 10}") for _ in range(ROWS)]


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("合成")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def long_file(names, figures) -> bytes:
    rows = [["主体类型", "主体", "指标", "期间", "数值", "单位", "同比"]]
    rows += [
        ["企业", n, "营业收入", "2023年1-10月", float(v), "万元", float(y)]
        for n, (v, y) in zip(names, figures, strict=True)
    ]
    return xlsx(rows)


def bureau_file(names, figures) -> bytes:
    """Merged cells are written as the bureau's workbooks store them: the value in the first cell only."""
    rows = [
        ["2023年1-10月大渡口区规模以上工业企业主要指标（合成）", None, None],
        ["单位：万元", None, None],
        ["指标名称", "1-10月", None],
        [None, "绝对值", "同比增长%"],
    ]
    rows += [[f"{n}营业收入", float(v), float(y)] for n, (v, y) in zip(names, figures, strict=True)]
    return xlsx(rows)


def timed_import(name: str, content: bytes) -> tuple[float, float, int]:
    """(parse seconds, total seconds, figures) of one import into a clean slate, rolled back after."""
    with transaction.atomic():
        Observation.objects.filter(enterprise__name__startswith=PREFIX).delete()
        ImportBatch.objects.all().delete()
        started = time.perf_counter()
        parsed = imports.parse(name, content, actor=None)
        parsed_at = time.perf_counter()
        if not parsed.ok:
            raise SystemExit(f"{name} 有错误：{parsed.header_errors} {parsed.sorted_row_errors[:5]}")
        imports.commit(parsed, actor=None)
        done = time.perf_counter()
        transaction.set_rollback(True)
    return parsed_at - started, done - started, len(parsed.rows)


def run(out, runs: int = 3) -> dict:
    runs = max(1, min(runs, 10))
    rng = random.Random(4754)
    names = enterprises()
    figures = values(rng)
    files = {
        "long": ("合成长表.xlsx", long_file(names, figures)),
        "bureau": ("合成统计局报表.xlsx", bureau_file(names, figures)),
    }
    result = {}
    for layout, (name, content) in files.items():
        timings = [timed_import(name, content) for _ in range(runs)]
        result[layout] = {
            "rows": timings[0][2],
            "bytes": len(content),
            "parse_s": round(statistics.median(t[0] for t in timings), 2),
            "total_s": round(statistics.median(t[1] for t in timings), 2),
        }
        say(out, f"{layout}: {result[layout]}")
    result["ratio"] = round(result["bureau"]["total_s"] / result["long"]["total_s"], 2)
    say(out, f"统计局报表 / 长表 = {result['ratio']}（目标 ≤ 1.5）")
    return result
