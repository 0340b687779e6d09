"""`chanye ingest PATH…`: files or folders (recursively) into the archive, with a progress bar,
a result per file and a summary. One broken file never stops the batch. With --background a worker
ingests them (chanye.archive.jobs) and the command returns at once."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chanye.archive import services
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

    def handle(self, *args, **options):
        clusters = list(Cluster.objects.filter(name__in=options["cluster"]))
        if len(clusters) != len(set(options["cluster"])):
            raise CommandError(f"集群不存在：{'、'.join(set(options['cluster']) - {c.name for c in clusters})}")
        files = files_in(options["paths"])
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
        for path in tqdm(files, unit="个", desc="入库", disable=None):
            result = services.ingest_one(actor=None, filename=path.name, content=path.read_bytes(), clusters=clusters)
            results.append(result)
            self.stdout.write(f"[{result['status']}] {path}：{result.get('title', '')} {result['message']}")
        services.finish_run(run, results)
        summary = Counter(r["status"] for r in results)
        self.stdout.write(
            "合计：" + "，".join(f"{k} {v}" for k, v in summary.items()) if results else "没有可入库的文件"
        )
