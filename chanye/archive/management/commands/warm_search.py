"""`chanye warm_search`: load what a PostgreSQL search reads into memory (after a restart, say)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from chanye.archive import search


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


class Command(BaseCommand):
    help = "把 PostgreSQL 检索用到的表和索引载入内存（pg_prewarm），并对比 shared_buffers 的大小。"

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite 的检索索引由操作系统缓存，不需要预热。")
            return
        try:
            loaded = search.warm()
        except search.WarmError as error:
            raise CommandError(str(error)) from None
        for relation, pages in loaded:
            self.stdout.write(f"已载入 {relation}：{pages:,} 页")
        sizes = search.memory()
        self.stdout.write(
            f"检索用表与索引共 {_mb(sizes['search_bytes'])}，shared_buffers 为 {_mb(sizes['shared_buffers'])}。"
        )
        if sizes["search_bytes"] > sizes["shared_buffers"]:
            self.stdout.write(
                self.style.WARNING(
                    "shared_buffers 小于检索用表：少见词语的检索会从磁盘读取，可能变慢。"
                    "请把 shared_buffers 调到检索用表之上，并考虑 shared_preload_libraries = 'pg_prewarm'（重启后自动恢复缓存）。"
                )
            )
