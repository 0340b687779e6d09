"""Benchmark of the monthly brief over the SYNTHETIC city of chanye/benchmarks/city.py (38 districts and
counties, 266 clusters, 80,000 figures; run `chanye bench generate --db /tmp/city.sqlite3` first): the
brief of the whole city for November 2025 — every cluster's paragraph and row, the charts, the sources —
timed from the database to the file, in each format, as the system makes it (the scheduled brief).

    chanye bench brief --db /tmp/city.sqlite3 [--runs N]
"""

import statistics
import time

from django.conf import settings
from django.db import connection

from chanye.briefs import charts, content, excel, render, word
from chanye.core.models import Region
from chanye.registry.models import Cluster

from .city import CITY, PREFIX, say

MONTH = "2025-11"


def _timed(make, runs: int) -> tuple[dict, object]:
    """Wall-clock time, and the CPU time of this process (what the wall-clock time would be on an idle
    machine: the two differ when other work shares the cores)."""
    timings, cpu, result = [], [], None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = make()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    timings.sort()
    return {
        "runs": runs,
        "median_s": round(statistics.median(timings), 2),
        "max_s": round(timings[-1], 2),
        "cpu_s": round(statistics.median(cpu), 2),
    }, result


def run(out, runs: int = 3) -> dict:
    settings.CHANYE_REGION = CITY  # the instance serves the city: its districts are its own
    say(out, f"数据库：{connection.vendor}（合成数据）")
    if not Cluster.objects.filter(name__startswith=PREFIX).exists():
        raise SystemExit("请先生成合成城市：chanye bench generate --db /tmp/city.sqlite3")
    runs = max(1, min(runs, 5))
    city = Region.objects.get(code=CITY)
    month = content.parse_month(MONTH)
    result = {}
    # What the issue asks: the whole brief of the city, from the database to the file, in each format.
    for fmt in render.FORMATS:
        timing, rendered = _timed(lambda fmt=fmt: render.render(content.build(month, city), fmt), runs)
        result[fmt] = {**timing, "kb": len(rendered.content) // 1024}
        if fmt == "pdf":
            result[fmt]["pages"] = _pages(rendered.content)
        say(out, f"{fmt}：{result[fmt]}")
    # Where the time goes, once: reading the database, drawing the charts, each renderer.
    build, brief = _timed(lambda: content.build(month, city), 1)
    result["parts"] = {"build_s": build["median_s"], "clusters": len(brief.sections), "notes": len(brief.notes.items)}
    chart_timing, chart_list = _timed(lambda: charts.charts(brief), 1)
    result["parts"]["charts_s"] = chart_timing["median_s"]
    for fmt, make in (
        ("docx", lambda: word.docx(brief, chart_list)),
        ("pdf", lambda: render.pdf(brief, chart_list)),
        ("xlsx", lambda: excel.xlsx(brief, chart_list)),
    ):
        result["parts"][f"{fmt}_s"] = _timed(make, 1)[0]["median_s"]
    say(out, str(result))
    return result


def _pages(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
