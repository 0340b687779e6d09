"""`chanye import observations FILE…`: statistics files from the command line, same checks as the page."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chanye.monitoring import imports


class Command(BaseCommand):
    help = "导入统计数据：`chanye import observations FILE…`（CSV 或 XLSX，长表或宽表；任何一行有错则该文件不导入）。"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["observations"])
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--check", action="store_true", help="只校验，不写入")

    def handle(self, *args, **options):
        failed = 0
        for path in options["files"]:
            if not path.is_file():
                self.stderr.write(f"{path}：文件不存在")
                failed += 1
                continue
            failed += not self.import_one(path, options["check"])
        if failed:
            raise CommandError(f"{failed} 个文件未导入")

    def import_one(self, path: Path, check_only: bool) -> bool:
        parsed = imports.parse(path.name, path.read_bytes(), actor=None)
        if not parsed.ok:
            self.stderr.write(f"{path}：未导入")
            for message in parsed.header_errors:
                self.stderr.write(f"  表头：{message}")
            for number, messages in parsed.sorted_row_errors[:200]:
                self.stderr.write(f"  第{number}行：{'；'.join(messages)}")
            if len(parsed.row_errors) > 200:
                self.stderr.write(f"  另有 {len(parsed.row_errors) - 200} 行有错误")
            return False
        if check_only:
            self.stdout.write(f"{path}：{len(parsed.rows)} 个数全部通过校验（{parsed.layout}）")
            return True
        with tqdm(total=len(parsed.rows), unit="行", desc=path.name, disable=None) as bar:
            batch = imports.commit(parsed, actor=None, progress=lambda done, total: bar.update(done - bar.n))
        if batch is None:
            self.stdout.write(f"{path}：已于 {parsed.previous.imported_at:%Y-%m-%d %H:%M} 导入过，未作改动")
        else:
            self.stdout.write(f"{path}：已导入 {batch.rows} 个数（批次 #{batch.pk}）")
        return True
