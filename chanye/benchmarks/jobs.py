"""Benchmarks of background jobs (issue 18), on SYNTHETIC documents (titled 合成…), in a database of their own.

    chanye bench jobs --runs 1 --db /tmp/jobs1.sqlite3      # 1,000 small ingest jobs, 1 worker process
    chanye bench jobs --runs 2 --db /tmp/jobs2.sqlite3      # the same with 2 processes (--runs: processes)
    CHANYE_DATABASE_URL=postgresql://…/chanye_bench_jobs chanye bench jobs --runs 2
    chanye bench upload --db /tmp/upload.sqlite3 --runs 10          # a 20 MB PDF's upload request, before/after

`jobs`: 1,000 uploads of one small text file each are queued (as 1,000 people uploading), then
`chanye worker --processes N --batch` runs them all and exits; the wall time from its start to its exit
gives the throughput. Run it on a new database for each N (`--runs N`): ingest compares each document
with the archive's others, so a second run on the same archive would not be comparable.

`upload`: the upload page's POST of a 20 MB PDF (30 pages of text and a 20 MB image), timed on the server
(from Django's request_started to request_finished), `--runs` times, each with a different file: first with
the ingest inside the request (ImmediateBackend, as before this issue), then queued for a worker (the
database backend). Reports the median and p95."""

import os
import random
import statistics
import subprocess
import sys
import time
import zlib

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings

from chanye.archive import services as archive
from chanye.jobs.models import Job

JOBS = 1000
COMMON = [chr(c) for c in range(0x4E00, 0x4E00 + 3500)]


def _say(out, message: str) -> None:
    out.write(message)
    out.flush()


def small_document(rng: random.Random, tag: str) -> bytes:
    body = "\n\n".join("".join(rng.choices(COMMON, k=rng.randrange(60, 120))) + "。" for _ in range(5))
    return f"合成文档{tag}\n\n{body}".encode()


def queue_uploads(n: int, tag: str, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(n):
        upload = SimpleUploadedFile(f"合成{tag}{i:05d}.txt", small_document(rng, f"{tag}{i:05d}"))
        archive.start_upload(actor=None, files=[upload])


def run_workers(processes: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "chanye.cli", "worker", "--processes", str(processes), "--batch"],
        check=True,
        env={**os.environ, "CHANYE_TASK_QUEUE": "database"},
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def throughput(out, runs: int) -> None:
    _say(out, f"数据库：{connection.vendor}；CPU：{os.cpu_count()} 核")
    for processes in (runs,):
        tag = f"P{processes}-{int(time.time())}-"
        started = time.perf_counter()
        queue_uploads(JOBS, tag, seed=processes)
        queued_s = time.perf_counter() - started
        elapsed = run_workers(processes)
        jobs = Job.objects.filter(kind="archive.ingest", params__run_id__isnull=False, title__contains=tag)
        states = dict(jobs.values_list("state").annotate(n=Count("pk")).order_by())
        _say(
            out,
            f"{processes} 个工作进程：{JOBS} 个入库任务用时 {elapsed:.1f} 秒，{JOBS / elapsed:.1f} 个/秒"
            f"（入队用时 {queued_s:.1f} 秒；状态 {states}）",
        )


# ─── the upload request of a 20 MB PDF ──────────────────────────────────────────────────────


def pdf(seed: int, pages: int = 30, image_bytes: int = 20 * 1024 * 1024) -> bytes:
    """A PDF of `pages` pages of text (Helvetica) and one incompressible RGB image of about 20 MB."""
    rng = random.Random(seed)
    words = ["industry", "cluster", "output", "growth", "enterprise", "investment", "project", "district"]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    side = int((image_bytes / 3) ** 0.5)
    raw = rng.randbytes(side * side * 3)
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length %d >>\nstream\n"
        % (side, side, len(raw))
        + raw
        + b"\nendstream"
    )
    kids = []
    pages_id = len(objects) + 1 + 2 * pages  # the Pages object comes after every page and its content
    for page in range(pages):
        lines = [f"Report {seed}-{page}: " + " ".join(rng.choice(words) for _ in range(10)) + "." for _ in range(40)]
        text = "BT /F1 11 Tf 50 770 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
        if page == 0:
            text = "q 200 0 0 200 350 50 cm /Im1 Do Q " + text
        stream = zlib.compress(text.encode())
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id, content, font, image)
            )
        )
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), pages)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def upload_times(client: Client, runs: int, seed: int) -> list[float]:
    times, marks = [], {}

    def started(**kwargs):
        marks["start"] = time.perf_counter()

    def finished(**kwargs):
        marks["end"] = time.perf_counter()

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        for run in range(runs):
            upload = SimpleUploadedFile(f"合成报告{seed}-{run}.pdf", pdf(seed * 1000 + run), "application/pdf")
            response = client.post("/archive/upload/", {"files": [upload]})
            assert response.status_code == 302, response.status_code
            times.append(marks["end"] - marks["start"])
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    return times


def upload(out, runs: int) -> None:
    size = len(pdf(0))
    _say(
        out,
        f"数据库：{connection.vendor}；文件：{size / 1024 / 1024:.1f} MB 的 PDF（30 页文字和一幅图像），每种 {runs} 次",
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-upload", defaults={"is_superuser": True})
    user.is_superuser = True
    user.save()
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}):
        before = upload_times(client, runs, seed=1)
    after = upload_times(client, runs, seed=2)
    for label, times in (("之前：请求内入库（ImmediateBackend）", before), ("之后：交给工作进程（数据库队列）", after)):
        _say(out, f"{label}：中位数 {statistics.median(times) * 1000:.0f} ms，p95 {p95(times) * 1000:.0f} ms")


def run(out, name: str, runs: int) -> None:
    {"jobs": throughput, "upload": upload}[name](out, runs)
