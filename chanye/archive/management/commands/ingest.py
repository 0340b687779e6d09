"""`chanye ingest PATH…`: files or folders (recursively) into the archive, with a progress bar,
a result per file and a summary. One broken file never stops the batch. --workers N ingests with N
processes at once (chanye.archive.parallel). With --background a worker ingests them
(chanye.archive.jobs) and the command returns at once."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chanye.archive import parallel, services
from chanye.registry.models import Cluster

SUFFIXES = {".html", ".htm", ".txt", ".pdf", ".docx"}


def files_in(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"找不到：{path}")
    return found


class Command(BaseCommand):
    help = "文档入库：`chanye ingest 文件或文件夹…`（HTML、文本、PDF、DOCX；文件夹递归）。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--cluster", action="append", default=[], help="相关集群名称（可多次指定）")
        parser.add_argument(
            "--background", action="store_true", help="交给后台工作进程（chanye worker）入库，本命令立即返回"
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="同时入库的进程数（缺省 1；多核机器上可设为核数，约快一倍）"
        )

    def handle(self, *args, **options):
        clusters = list(Cluster.objects.filter(name__in=options["cluster"]))
        if len(clusters) != len(set(options["cluster"])):
            raise CommandError(f"集群不存在：{'、'.join(set(options['cluster']) - {c.name for c in clusters})}")
        files = files_in(options["paths"])
        if options["workers"] < 1:
            raise CommandError("--workers 至少为 1")
        if options["background"]:
            if not files:
                raise CommandError("没有可入库的文件")
            run, job = services.start_folder(actor=None, paths=files, clusters=clusters)
            self.stdout.write(
                f"已提交后台任务 #{job.pk}：{len(files)} 个文件，由 chanye worker 入库；"
                f"进度见 /jobs/{job.pk}/ 和 /archive/runs/{run.pk}/"
            )
            return
        run = services.start_run(actor=None, total=len(files))
        results = []
        tqdm.monitor_interval = 0  # no monitor thread: the workers are forked, and a fork copies no thread
        ingested = parallel.ingest_all(
            actor=None, files=[(path.name, path) for path in files], clusters=clusters, workers=options["workers"]
        )
        for path, result in zip(
            files, tqdm(ingested, total=len(files), unit="个", desc="入库", disable=None), strict=True
        ):
            results.append(result)
            self.stdout.write(f"[{result['status']}] {path}：{result.get('title', '')} {result['message']}")
        services.finish_run(run, results)
        summary = Counter(r["status"] for r in results)
        self.stdout.write(
            "合计：" + "，".join(f"{k} {v}" for k, v in summary.items()) if results else "没有可入库的文件"
        )
