"""`chanye import observations FILE…`: statistics files from the command line, same checks as the page."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from chanye.monitoring import imports
from chanye.monitoring.models import ImportTemplate


class Command(BaseCommand):
    help = (
        "导入统计数据：`chanye import observations FILE…`（CSV 或 XLSX：长表、宽表或统计局报表原样；"
        "任何一个数有错则该文件不导入）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["observations"])
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--check", action="store_true", help="只校验，不写入")
        parser.add_argument("--template", default="", help="按保存的导入模板（名称）读取统计局报表")
        parser.add_argument("--period", default="", help="表格没有写明期间时的期间，如 2023年1-10月")

    def handle(self, *args, **options):
        template = None
        if name := options["template"]:
            found = list(ImportTemplate.objects.filter(name=name).select_related("region"))
            if not found:
                raise CommandError(f"没有名为“{name}”的导入模板")
            if len(found) > 1:
                regions = "、".join(t.region.name for t in found)
                raise CommandError(f"有多个名为“{name}”的导入模板（{regions}）：请先改名")
            template = found[0]
        failed = 0
        for path in options["files"]:
            if not path.is_file():
                self.stderr.write(f"{path}：文件不存在")
                failed += 1
                continue
            failed += not self.import_one(path, options["check"], template, options["period"])
        if failed:
            raise CommandError(f"{failed} 个文件未导入")

    def import_one(self, path: Path, check_only: bool, template=None, period: str = "") -> bool:
        parsed = imports.parse(path.name, path.read_bytes(), actor=None, template=template, period=period)
        if not parsed.ok:
            self.stderr.write(f"{path}：未导入")
            for message in parsed.header_errors:
                self.stderr.write(f"  表头：{message}")
            for number, messages in parsed.sorted_row_errors[:200]:
                self.stderr.write(f"  第{number}行：{'；'.join(messages)}")
            if len(parsed.row_errors) > 200:
                self.stderr.write(f"  另有 {len(parsed.row_errors) - 200} 行有错误")
            return False
        if parsed.is_bureau:
            template = f"，按模板“{parsed.template.name}”" if parsed.template else ""
            self.stdout.write(
                f"{path}：统计局报表，地区 {parsed.region_name}，期间 {parsed.period_label or '各列自带'}{template}"
            )
            for warning in parsed.warnings:
                self.stdout.write(f"  提示：{warning}")
            for skipped in parsed.skipped:
                self.stdout.write(f"  跳过第{skipped.row}行“{skipped.label}”：{skipped.reason}")
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
