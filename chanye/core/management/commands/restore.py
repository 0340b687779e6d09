from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chanye.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    # The instance being restored may have no database yet: checks that read it would fail before we start.
    requires_system_checks = []
    help = "从 chanye backup 的备份文件恢复到一个空实例（先校验每个文件的指纹）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="chanye backup 写出的备份文件")
        parser.add_argument("--force", action="store_true", help="目标实例不是空的也覆盖它")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(Path(options["file"]), force=options["force"], progress=self.stderr.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"已从 {options['file']}（{manifest['created']}）恢复：{rows} 行，{len(manifest['files']) - 1} 个文件，"
            "行数与指纹均已核对"
        )
