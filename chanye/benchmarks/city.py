"""Benchmarks of monitoring and regions on a SYNTHETIC city (names 合成…, labelled so; never mixed with
the demo): the 38 districts and counties of 重庆市, each with 7 clusters and 10,000 enterprises coded
with GB/T 4754 classes, 60 months (2021-2025) of 5 indicators per cluster. The instance is the city
(CHANYE_REGION=500000 for these runs).

    chanye bench generate --db /tmp/city.sqlite3   make the city
    chanye bench cockpit  --db /tmp/city.sqlite3   server time of the city roll-up page and of a district's
                                                    cockpit, p50/p95; location quotients over 38 × 1,382 classes
    chanye bench import   --db /tmp/city.sqlite3   import 1,000,000 observation rows from one CSV file
"""

import csv
import os
import random
import time
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from chanye.benchmarks.timing import percentiles
from chanye.core.models import Region
from chanye.core.tables import csv_rows
from chanye.lib.periods import Period
from chanye.monitoring import imports
from chanye.monitoring.models import Indicator, Observation, Target
from chanye.reference.models import IndustryCode
from chanye.reference.services import load_reference
from chanye.regions import reports
from chanye.registry.models import Cluster, Enterprise

CITY, ENTERPRISES_PER_DISTRICT, YEARS = "500000", 10_000, range(2021, 2026)
CLUSTERS = ["大数据智能化", "大健康生物医药", "生态环保", "新材料", "重庆小面", "文化休闲旅游", "现代服务业"]
FLOWS = ["revenue", "output", "value_added", "tax"]
IMPORT_ROWS = 1_000_000
PREFIX = "合成"


def say(out, message: str) -> None:
    out.write(message)
    out.flush()


def districts() -> list[Region]:
    return list(Region.objects.filter(parent__code=CITY, level="county").order_by("code"))


@transaction.atomic
def generate(out, seed: int = 500104) -> None:
    """Bulk inserts for benchmark data only (no audit entries: nothing here is real)."""
    if Cluster.objects.filter(name__startswith=PREFIX).exists():
        say(out, "合成城市已存在，跳过生成")
        return
    rng = random.Random(seed)
    if not IndustryCode.objects.exists():
        load_reference(actor=None)
    indicators = {i.key: i for i in Indicator.objects.all()}
    counties = districts()
    codes = list(IndustryCode.objects.filter(level=4).values_list("pk", flat=True))
    clusters = Cluster.objects.bulk_create(
        Cluster(
            name=f"{PREFIX}·{name}",
            region=district,
            kind="百亿级产业集群" if i < 5 else "产业领域",
            order=d * 10 + i,
            description="合成数据，仅用于性能测试",
        )
        for d, district in enumerate(counties)
        for i, name in enumerate(CLUSTERS)
    )
    say(out, f"集群 {len(clusters)} 个（{len(counties)} 个区县）")
    through = Enterprise.clusters.through
    for d, district in enumerate(counties):
        # Each district leans towards a few classes, so that quotients differ from district to district.
        favourites = rng.sample(codes, 40)
        made = Enterprise.objects.bulk_create(
            Enterprise(
                name=f"{PREFIX}{district.code}企业{i:05d}",
                region=district,
                industry_code_id=rng.choice(favourites) if rng.random() < 0.4 else rng.choice(codes),
                role=rng.choice(["规上", "培育", "其他", "专精特新"]),
            )
            for i in range(ENTERPRISES_PER_DISTRICT)
        )
        through.objects.bulk_create(
            through(enterprise_id=e.pk, cluster_id=clusters[d * 7 + rng.randrange(7)].pk) for e in made
        )
        say(out, f"企业 {(d + 1) * ENTERPRISES_PER_DISTRICT}/{len(counties) * ENTERPRISES_PER_DISTRICT}")
    rows = []
    for cluster in clusters:
        base = Decimal(rng.randrange(20, 200)) * 100_000_000
        for year in YEARS:
            scale = Decimal("1.06") ** (year - YEARS[0])
            for month in range(1, 13):
                period = Period.ytd(year, month) if month > 1 else Period.month(year, 1)
                for key in FLOWS:
                    value = (base * scale * month / 12 * Decimal(FLOWS.index(key) + 1) / 4).quantize(Decimal("1"))
                    rows.append(_observation(cluster, indicators[key], period, value, Decimal("6.00")))
                point = Period.point(period.end_date)
                rows.append(
                    _observation(cluster, indicators["enterprises"], point, Decimal(200 + month + year - 2000), None)
                )
    Observation.objects.bulk_create(rows, batch_size=5000)
    Target.objects.bulk_create(
        Target(
            subject_kind="cluster",
            cluster=c,
            region_id=c.region_id,
            subject_key=f"cluster:{c.pk}",
            indicator=indicators["revenue"],
            year=2028,
            value=Decimal(300) * 100_000_000,
            qualifier="超",
        )
        for c in clusters
    )
    say(out, f"观测值 {len(rows)} 条（{len(clusters)} 个集群 × 5 个指标 × 60 个月），目标 {len(clusters)} 个")
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum would gather them in time
        cursor.execute("ANALYZE")


def _observation(cluster, indicator, period, value, yoy):
    return Observation(
        subject_kind="cluster",
        cluster=cluster,
        region_id=cluster.region_id,
        subject_key=f"cluster:{cluster.pk}",
        indicator=indicator,
        period_start=period.start_date,
        period_end=period.end_date,
        period_kind=period.kind,
        value=value,
        yoy_pct=yoy,
        note="合成数据",
    )


def _timed(client: Client, url: str, runs: int) -> dict:
    assert client.get(url).status_code == 200
    timings, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), _server_cpu()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        cpu.append(_server_cpu() - cpu_started)
        assert response.status_code == 200
    return _summary(timings, **_cpu_summary(cpu))


def _server_cpu() -> float:
    """CPU seconds spent serving: this process, plus on a local PostgreSQL the backend process that runs
    this connection's queries (read from /proc; 0 where it cannot be read)."""
    return time.process_time() + _backend_cpu()


def _backend_cpu() -> float:
    if connection.vendor != "postgresql":
        return 0.0  # SQLite works inside this process
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _cpu_summary(cpu: list[float]) -> dict:
    """CPU time beside the wall clock: on a shared machine the wall clock measures the neighbours too, the
    CPU time what serving the request cost, i.e. about what an idle machine's wall clock would show."""
    return percentiles(cpu, "cpu_")


def cockpit(out, runs: int = 20) -> dict:
    """Server time, in one process, of the city's roll-up page (the city's 38 districts summed for the
    latest period) and of one district's cockpit, for a city administrator; location quotients of the
    38 districts over every 小类 (1,382 classes)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    city = Region.objects.get(code=CITY)
    district = districts()[3]
    rollup = _timed(client, reverse("regions:region-detail", args=[city.pk]) + "?grouping=name", runs)
    district_cockpit = _timed(client, f"{reverse('home')}?region={district.pk}", runs)
    timings, cpu = [], []
    for _ in range(max(3, runs // 4)):
        started, cpu_started = time.perf_counter(), _server_cpu()
        quotients = reports.enterprise_quotients(city, level=4)
        timings.append(time.perf_counter() - started)
        cpu.append(_server_cpu() - cpu_started)
    return {
        "city_rollup": rollup,
        "district_cockpit": {**district_cockpit, "district": district.name},
        "quotients_4_digit": {**_summary(timings, **_cpu_summary(cpu)), "shape": list(quotients.lq.shape)},
        "clusters": Cluster.objects.count(),
        "observations": Observation.objects.count(),
        "enterprises": Enterprise.objects.count(),
    }


def write_import_file(path: Path, rng: random.Random) -> None:
    """1,000,000 long-format rows: monthly year-to-date revenue of 16,667 synthetic enterprises."""
    names = list(Enterprise.objects.filter(name__startswith=PREFIX).values_list("name", flat=True)[:16_667])
    periods = [f"{year}年1月" if month == 1 else f"{year}年1-{month}月" for year in YEARS for month in range(1, 13)]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["主体类型", "主体", "指标", "期间", "数值", "单位", "同比"])  # enterprises: no 地区 needed
        written = 0
        for name in names:
            for period in periods:
                writer.writerow(["企业", name, "营收", period, f"{rng.randrange(10, 9000) / 10}", "万元", "5.2"])
                written += 1
                if written == IMPORT_ROWS:
                    return


def import_file(out) -> dict:
    path = Path(settings.DATA_DIR) / "bench-import.csv"
    if not path.exists():
        write_import_file(path, random.Random(4754))
    content = path.read_bytes()
    say(out, f"文件 {path.name}：{len(content) / 1024 / 1024:.0f} MB")
    started, read_cpu_started = time.perf_counter(), time.process_time()
    bare_rows = sum(1 for _ in csv_rows(content))  # the bare read the validating parse is measured against
    read_s, read_cpu = time.perf_counter() - started, time.process_time() - read_cpu_started
    started, cpu_started = time.perf_counter(), _server_cpu()
    parsed = imports.parse(path.name, content, actor=None)
    parsed_at, parse_cpu = time.perf_counter(), _server_cpu() - cpu_started
    if not parsed.ok:
        raise SystemExit(f"导入文件有错误：{parsed.header_errors} {parsed.sorted_row_errors[:5]}")
    batch = imports.commit(parsed, actor=None)
    done, cpu = time.perf_counter(), _server_cpu() - cpu_started
    return {
        "rows": len(parsed.rows),
        "csv_read_s": round(read_s, 1),
        "csv_read_cpu_s": round(read_cpu, 1),
        "csv_rows": bare_rows,
        "parse_s": round(parsed_at - started, 1),
        "parse_over_read": round((parsed_at - started) / read_s, 2),
        "parse_cpu_over_read_cpu": round(parse_cpu / read_cpu, 2),  # the same ratio, the neighbours left out
        "write_s": round(done - parsed_at, 1),
        "total_s": round(done - started, 1),
        "parse_cpu_s": round(parse_cpu, 1),
        "total_cpu_s": round(cpu, 1),  # this process and its PostgreSQL backend
        "written": batch is not None,
    }


def _summary(timings: list[float], **extra) -> dict:
    return {"runs": len(timings), **percentiles(timings), **extra}


def run(out, name: str, runs: int = 20) -> dict:
    settings.CHANYE_REGION = CITY  # the instance serves the city: its districts are its own
    say(out, f"数据库：{connection.vendor}（合成数据）")
    if name == "generate":
        generate(out)
        return {}
    if name == "cockpit":
        result = cockpit(out, runs)
    else:
        result = import_file(out)
    say(out, str(result))
    return result
