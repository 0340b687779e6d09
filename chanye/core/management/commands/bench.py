import importlib
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

# name -> module in benchmarks/ (and, for the city, what to run)
BENCHMARKS = {
    "chains": "chains",
    "projects": "projects",
    "archive": "archive",
    "extraction": "extraction",
    "generate": "city",
    "cockpit": "city",
    "import": "city",
}


class Command(BaseCommand):
    help = "性能基准（合成数据）：chains、projects、archive、extraction、generate、cockpit、import，如 `chanye bench generate --db /tmp/city.sqlite3`。请使用单独的数据库。"

    def add_arguments(self, parser):
        parser.add_argument("name", choices=list(BENCHMARKS))
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args, **options):
        # benchmarks/ sits beside the package in a checkout; it is not installed with it.
        sys.path.insert(0, str(Path(__file__).resolve().parents[4]))
        call_command("migrate", interactive=False, verbosity=0)
        module = importlib.import_module(f"benchmarks.{BENCHMARKS[options['name']]}")
        if module.__name__.endswith("city"):
            module.run(self.stdout, options["name"], runs=options["runs"])
        else:
            module.run(self.stdout, runs=options["runs"])
