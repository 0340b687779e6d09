from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chanye.core.regions import load_regions
from chanye.lib.gazetteer import DATA, Gazetteer


class Command(BaseCommand):
    help = (
        "载入统计用区划代码（省、市、县）和功能区：`chanye regions load [目录]`，缺省为随软件附带的数据；可重复运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])
        parser.add_argument(
            "folder", nargs="?", type=Path, default=DATA, help="含 regions.csv 和 zones.csv 的目录（缺省为随附数据）"
        )

    def handle(self, *args, **options):
        folder = options["folder"]
        if not (folder / "regions.csv").is_file() or not (folder / "zones.csv").is_file():
            raise CommandError(f"{folder} 中没有 regions.csv 和 zones.csv（格式见 chanye/reference/data/SOURCES.md）")
        counts = load_regions(Gazetteer.load(folder))
        self.stdout.write(f"区域：新建 {counts['created']}，更新 {counts['updated']}")
