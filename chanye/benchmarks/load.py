"""Load: logged-in users against `chanye serve` with its default workers and threads, on loopback only.

    chanye bench load --db /tmp/load.sqlite3                                   SQLite
    CHANYE_DATABASE_URL=postgresql://…/chanye_load chanye bench load          PostgreSQL

The database gets the Dadukou demo (as `chanye demo`); the site is served by gunicorn exactly as
`chanye serve` does (2 workers × 4 threads); locust (chanye/benchmarks/locustfile.py, in its own process)
signs in 32 users, spread over the five roles and arriving over 4 s, who for 60 s (measured once all are in) open the cockpit, a chain page, the enterprise
and project lists, a document, search the archive, and write: a visit (产业办, 招商局, 管理员) or an observation
(统计, 管理员) through the API. Prints per request kind: requests, errors, requests/s, p50 and p95 (ms).
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from chanye.archive import services as archive_services
from chanye.archive.models import Document
from chanye.chains.models import Chain
from chanye.demo.loader import load_demo, set_up_demo_accounts
from chanye.monitoring.models import Indicator
from chanye.registry.models import Cluster, Enterprise

USERS, SECONDS, SPAWN_RATE = 32, 60, 8
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
WRITERS = {"visit": {"管理员", "产业办", "招商局"}, "observation": {"管理员", "统计"}}


def say(out, message: str) -> None:
    out.write(message)
    out.flush()


def synthetic_document() -> Document:
    """A document to open and search, labelled 合成 (the demo has none without the seed articles)."""
    paragraphs = [
        f"合成文档第{n}段：大渡口区产业集群经济运行平稳，规上工业产值同比增长{n % 9}.{n % 7}%，"
        f"大数据智能化、新材料等集群的重点项目推进顺利，企业走访收集诉求{n}件。"
        for n in range(1, 61)
    ]
    content = "合成：大渡口区产业集群运行情况（负载测试）\n\n" + "\n\n".join(paragraphs)
    return archive_services.ingest_file(actor=None, filename="合成-负载测试.txt", content=content.encode("utf-8"))


def signed_in_session(username: str) -> str:
    """A session cookie of the account, as after signing in: the users are measured logged in, not
    while their passwords are hashed (PBKDF2, about a second of CPU each, once a day in real use)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def plan(users: int) -> dict:
    """What the simulated users do, as URLs and bodies (the locust process has no Django)."""
    demo = set_up_demo_accounts()  # (username, role, password) of the five roles
    accounts = [
        {
            "username": username,
            "session": signed_in_session(username),
            "writes": [kind for kind, roles in WRITERS.items() if role.strip() in roles],
        }
        for username, role, _password in (demo[n % len(demo)] for n in range(users))
    ]
    chain = Chain.objects.order_by("pk").first()
    document = Document.objects.order_by("pk").first() or synthetic_document()
    return {
        "accounts": accounts,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "pages": {
            "驾驶舱": reverse("home"),
            "产业链": reverse("chains:chain-detail", args=[chain.pk]),
            "企业列表": reverse("registry:enterprise-list"),
            "项目列表": reverse("projects:project-list"),
            "文档": reverse("archive:document-detail", args=[document.pk]),
        },
        "search": reverse("archive:search") + "?q=大渡口",
        "visit": {
            "url": "/api/v1/visits/",
            "enterprise": Enterprise.objects.filter(clusters__office__isnull=False).order_by("pk")[0].pk,
        },
        "observation": {
            "url": "/api/v1/observations/",
            "cluster": Cluster.objects.filter(office__isnull=False).order_by("pk")[0].pk,
            "indicator": Indicator.objects.get(key="enterprises").pk,
        },
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"网站未能在 {seconds} 秒内启动：{url}")


def serve(port: int, log: Path) -> subprocess.Popen:
    """`chanye serve` with its defaults, on this database (the environment carries it), in its own process;
    its access log and errors go to `log`."""
    env = {**os.environ, "CHANYE_DATABASE_URL": database_url()}
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "chanye.cli", "serve", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgresql://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def locust(host: str, work: Path, users: int, seconds: int) -> list[dict]:
    """Run locust headless; its final statistics (one entry per request kind)."""
    stats = work / "load.json"
    subprocess.run(
        [
            *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host),
            # Users arrive over a few seconds (8 a second), not all in the same instant; the statistics start
            # once all are in, for `seconds`.
            *("--users", str(users), "--spawn-rate", str(SPAWN_RATE), "--reset-stats"),
            *("--run-time", f"{seconds + -(-users // SPAWN_RATE)}s"),
            *(
                "--csv",
                str(work / "load"),
                "--json-file",
                str(stats.with_suffix("")),
                "--only-summary",
                "--skip-log",
                "--stop-timeout",
                "10",
            ),
        ],
        env={**os.environ, "CHANYE_LOAD_PLAN": str(work / "plan.json")},
        stdout=subprocess.DEVNULL,
        check=False,  # locust exits 1 when any request failed: the table says which
    )
    return json.loads(stats.read_text(encoding="utf-8"))


def percentile(buckets: dict, fraction: float) -> int:
    """The response time (ms) below which `fraction` of the requests fall, from locust's rounded buckets."""
    times = sorted((int(float(ms)), n) for ms, n in buckets.items())
    wanted, seen = fraction * sum(n for _, n in times), 0
    for ms, n in times:
        seen += n
        if seen >= wanted:
            return ms
    return times[-1][0] if times else 0


def report(out, entries: list[dict], seconds: int) -> dict:
    """Per request kind and in total: requests, errors, requests/s, p50 and p95 (ms). Returns the total."""
    say(out, f"{'请求':<22} {'次数':>6} {'错误':>5} {'次/秒':>7} {'p50 ms':>7} {'p95 ms':>7}")
    total = {"name": "合计", "method": "", "num_requests": 0, "num_failures": 0, "response_times": {}}
    for entry in entries:
        total["num_requests"] += entry["num_requests"]
        total["num_failures"] += entry["num_failures"]
        for ms, n in entry["response_times"].items():
            total["response_times"][ms] = total["response_times"].get(ms, 0) + n
    for entry in [*sorted(entries, key=lambda e: e["name"]), total]:
        name = f"{entry['method']} {entry['name']}".strip()
        say(
            out,
            f"{name:<22} {entry['num_requests']:>6} {entry['num_failures']:>5} {entry['num_requests'] / seconds:>7.1f}"
            f" {percentile(entry['response_times'], 0.5):>7} {percentile(entry['response_times'], 0.95):>7}",
        )
    return total


def run(out, users: int = USERS, seconds: int = SECONDS) -> None:
    say(out, f"数据库：{connection.vendor} {connection.settings_dict['NAME']}")
    load_demo()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        (work / "plan.json").write_text(json.dumps(plan(users), ensure_ascii=False), encoding="utf-8")
        connection.close()  # the server and its workers open their own connections
        port = free_port()
        server = serve(port, work / "serve.log")
        try:
            wait_until_up(f"http://127.0.0.1:{port}/accounts/login/")
            say(out, f"chanye serve（gunicorn 2 个工作进程 × 4 线程）127.0.0.1:{port}；{users} 个用户，{seconds} 秒")
            total = report(out, locust(f"http://127.0.0.1:{port}", work, users, seconds), seconds)
            if total["num_failures"]:
                log = (work / "serve.log").read_text(errors="replace").splitlines()
                errors = [line for line in log if re.search(r'HTTP/1\.[01]" [45]\d\d ', line)]
                say(out, "出错的请求（服务器日志）：\n" + "\n".join(errors[:20]))
                say(out, "locust 记下的错误：\n" + (work / "load_failures.csv").read_text(encoding="utf-8"))
        finally:
            server.terminate()
            server.wait(timeout=30)
