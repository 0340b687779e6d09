"""The `chanye` console command: Django's management commands with chanye's settings.

`chanye demo`, `chanye serve` and `chanye token` are management commands of chanye's apps;
every other Django command (migrate, createsuperuser, …) works too.
"""

import os
import sys
from pathlib import Path


def database_option(argv: list[str]) -> str | None:
    """The value of `--db PATH` / `--db=PATH`, which must be known before settings load."""
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    # `chanye demo --db PATH` chooses the database, and Django reads the database
    # from settings at start-up, before the command parses its options.
    if len(argv) > 1 and argv[1] == "demo" and (path := database_option(argv)):
        os.environ["CHANYE_DATABASE_URL"] = f"sqlite:///{Path(path).expanduser().resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanye.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
