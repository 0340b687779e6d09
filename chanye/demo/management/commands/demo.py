from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from chanye.core.management.commands.serve import serve
from chanye.demo.loader import load_demo, set_up_demo_accounts
from chanye.jobs.worker import backend_kind, serve_with_worker


class Command(BaseCommand):
    help = "创建并迁移数据库，载入大渡口区演示数据，创建演示账户，然后启动网站和一个后台任务工作进程。"

    def add_arguments(self, parser):
        # --db PATH is taken by chanye.cli before Django starts; declared here for --help.
        parser.add_argument("--db", metavar="PATH", help="SQLite 数据库文件（默认 ./chanye.sqlite3）")
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--no-serve", action="store_true", help="只准备数据库，不启动网站")
        parser.add_argument("--no-worker", action="store_true", help="只启动网站，不启动后台任务工作进程")

    def handle(self, *args, **options):
        self.stdout.write(f"数据库：{connection.settings_dict['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("数据库迁移完成")
        report = load_demo()
        for table, n in sorted(report.created.items()):
            self.stdout.write(f"  新建 {table}: {n}")
        if report.existing:
            self.stdout.write(f"  已存在，未改动：{sum(report.existing.values())} 条")
        self.stdout.write(self.style.SUCCESS("演示账户（密码每次运行重新生成）："))
        for username, role, password in set_up_demo_accounts():
            self.stdout.write(f"  {role:<4} {username:<10} 密码：{password}")
        if options["no_serve"]:
            return
        if options["no_worker"] or backend_kind() == "immediate":
            serve(port=options["port"], stdout=self.stdout)
        # The web server and one worker (uploads, imports and re-extraction are done by it), stopped together.
        serve_with_worker(port=options["port"], host="127.0.0.1", stdout=self.stdout)
