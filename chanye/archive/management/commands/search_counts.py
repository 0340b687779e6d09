"""`chanye search_counts`: look for common phrases over the whole PostgreSQL index and keep their counts."""

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from chanye.archive import search


class Command(BaseCommand):
    help = "PostgreSQL：在整个检索索引中查找常见词语并开始维护其计数（升级后或分批少量入库后运行一次，可重复运行）。"

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite 的检索不需要维护计数。")
            return
        with tqdm(total=None, unit="段", desc="查找常见词语", file=self.stderr) as bar:

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            kept = search.promote_all(progress=progress)
        self.stdout.write(f"共维护 {kept:,} 个常见词语的计数。")
