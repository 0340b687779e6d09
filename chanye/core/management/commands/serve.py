import os
import sys

from django.core.management.base import BaseCommand


def serve(*, port: int, stdout, host: str = "127.0.0.1", workers: int = 2) -> None:
    """Replace this process with gunicorn serving chanye (a production-grade WSGI server).
    The environment, and so the database choice, passes to it unchanged."""
    stdout.write(f"网站地址：http://{host}:{port}/  （Ctrl+C 停止）")
    stdout.flush()
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "chanye.wsgi:application",
        "--config",
        "python:chanye.core.gunicorn_conf",  # no Server header
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
        # Idle keep-alive connections live 5 s, not gunicorn's 2: a browser (or a proxy) that sends its next
        # request 2 s later would otherwise meet a connection closed under it (ConnectionReset, bench load).
        "--keep-alive",
        "5",
    ]
    os.execv(sys.executable, args)


class Command(BaseCommand):
    help = "用 gunicorn 启动网站。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认只监听本机）")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, **options):
        serve(port=options["port"], host=options["host"], workers=options["workers"], stdout=self.stdout)
