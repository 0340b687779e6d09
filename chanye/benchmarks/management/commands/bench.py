from django.core.management import call_command
from django.core.management.base import BaseCommand

from chanye.benchmarks import archive, brief, bureau, chains, city, extraction, jobs, load, projects

# name -> (module, whether the module runs several benchmarks and needs the name)
BENCHMARKS = {
    "chains": (chains, False),
    "projects": (projects, False),
    "archive": (archive, False),
    "extraction": (extraction, False),
    "generate": (city, True),
    "cockpit": (city, True),
    "import": (city, True),
    "bureau": (bureau, False),
    "jobs": (jobs, True),
    "upload": (jobs, True),
    "brief": (brief, False),
    "load": (load, False),
}


class Command(BaseCommand):
    help = "性能基准（合成数据）：chains、projects、archive、extraction、generate、cockpit、import、bureau、jobs、upload、brief、load，如 `chanye bench generate --db /tmp/city.sqlite3`。请使用单独的数据库。"

    def add_arguments(self, parser):
        parser.add_argument("name", choices=list(BENCHMARKS))
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--users", type=int, default=32, help="load：同时登录的用户数（缺省 32）")
        parser.add_argument("--seconds", type=int, default=60, help="load：持续秒数（缺省 60）")
        parser.add_argument("--paragraphs", type=int, help="archive：合成段落数（缺省 1,000,000，每篇文档 50 段）")
        parser.add_argument("--workers", type=int, default=1, help="archive：同时入库的进程数（缺省 1）")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        module, named = BENCHMARKS[options["name"]]
        if named:
            module.run(self.stdout, options["name"], runs=options["runs"])
        elif options["name"] == "load":
            module.run(self.stdout, users=options["users"], seconds=options["seconds"])
        elif options["name"] == "archive":
            module.run(self.stdout, runs=options["runs"], paragraphs=options["paragraphs"], workers=options["workers"])
        else:
            module.run(self.stdout, runs=options["runs"])
