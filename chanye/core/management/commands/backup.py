from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chanye.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "备份整个实例（数据库快照、资料库原件、简报等文件）到一个 tar 文件，网站运行时也可执行。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（.tar，或 .tar.gz 压缩）")

    def handle(self, *args, **options):
        try:
            manifest = create_backup(Path(options["file"]), progress=self.stderr.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(f"已备份到 {options['file']}：{len(manifest['counts'])} 个表共 {rows} 行，{files} 个文件")
