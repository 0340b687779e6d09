"""The `chanye` console command: Django's management commands with chanye's settings.

`chanye demo`, `chanye serve` and `chanye token` are management commands of chanye's apps;
every other Django command (migrate, createsuperuser, …) works too. `--db PATH` chooses a
SQLite file for any of them.
"""

import os
import sys
from pathlib import Path


def take_database_option(argv: list[str]) -> tuple[list[str], str | None]:
    """Remove `--db PATH` / `--db=PATH` from argv and return it: Django reads the database from
    settings at start-up, before a command parses its own options."""
    rest, path = [], None
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            path = next(args, None)
        elif arg.startswith("--db="):
            path = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest, path


def main(argv: list[str] | None = None) -> None:
    argv, path = take_database_option(list(sys.argv if argv is None else argv))
    if path:
        os.environ["CHANYE_DATABASE_URL"] = f"sqlite:///{Path(path).expanduser().resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanye.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(argv)
    except (OperationalError, ProgrammingError) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            sys.exit(f"数据库尚未初始化（{error}）：请先运行 `chanye demo --no-serve` 或 `chanye migrate`")
        raise


if __name__ == "__main__":
    main()
