"""Benchmark of the investment pipeline on 100,000 SYNTHETIC projects (named 合成项目…).

    chanye bench projects --db /tmp/projects.sqlite3

Times the server side of the board (GET /projects/board/) and the funnel (GET /projects/funnel/).
"""

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client

from chanye.benchmarks.timing import percentiles
from chanye.projects.models import STAGE_DATE_FIELD, STAGES, TERMINATED, Project
from chanye.registry.models import Cluster

PROJECTS = 100_000
CLUSTER = "合成集群（招商基准）"


@transaction.atomic
def generate(out, seed: int = 107) -> None:
    """Bulk inserts for benchmark data only (no audit entries: nothing here is real)."""
    rng = random.Random(seed)
    clusters = [Cluster.objects.get_or_create(name=f"{CLUSTER}{i}", defaults={"kind": "产业领域"})[0] for i in range(7)]
    start = datetime.date(2021, 1, 1)
    rows = []
    for i in range(PROJECTS):
        reached = rng.choices(range(len(STAGES)), weights=[40, 25, 15, 12, 8])[0]
        on = start + datetime.timedelta(days=rng.randrange(900))
        dates = {}
        for stage in STAGES[: reached + 1]:
            dates[STAGE_DATE_FIELD[stage]] = on
            on += datetime.timedelta(days=rng.randrange(10, 200))
        stage = STAGES[reached]
        if reached < 4 and rng.random() < 0.1:
            stage, dates["terminated_on"] = TERMINATED, on
        rows.append(
            Project(
                name=f"合成项目{i:06d}",
                cluster=rng.choice(clusters),
                stage=stage,
                contract_investment=rng.randrange(1, 500) * 10_000_000,
                last_activity_on=on,
                **dates,
            )
        )
    Project.objects.bulk_create(rows, batch_size=5000)
    out.write(f"合成项目 {PROJECTS} 个")


def analyse() -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would soon do by itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run(out, runs: int = 20) -> dict:
    if Project.objects.filter(name__startswith="合成项目").count() < PROJECTS:
        generate(out)
    analyse()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    result = {"database": connection.vendor, "projects": Project.objects.count()}
    for name, url in [("board", "/projects/board/"), ("funnel", "/projects/funnel/")]:
        assert client.get(url).status_code == 200
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            timings.append(time.perf_counter() - started)
        timings.sort()
        result[name] = percentiles(timings)
    out.write(str(result))
    return result
