from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chanye.reference.services import BUNDLED, ReferenceError, load_reference


class Command(BaseCommand):
    help = (
        "参考数据：`chanye reference load [DIR]` 载入国民经济行业分类与战略性新兴产业分类对照（默认用随包附带的副本）。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="载入或刷新参考数据")
        load.add_argument(
            "directory",
            nargs="?",
            default=str(BUNDLED),
            help="含 gbt4754_2017.csv 与 sei2018_to_gbt4754.csv 的目录（如 ../shared/data/gbt4754_2017）",
        )

    def handle(self, *args, **options):
        try:
            counts = load_reference(actor=None, directory=Path(options["directory"]))
        except ReferenceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"行业代码 {counts['industry_codes']} 个，战略性新兴产业分类 {counts['strategic_categories']} 类，"
            f"对照 {counts['strategic_mappings']} 条"
        )
