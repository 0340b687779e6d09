import logging

from django.core.management.base import BaseCommand, CommandError

from chanye.jobs.worker import Supervisor, run_child


class Command(BaseCommand):
    help = "运行后台任务：`chanye worker [--processes N]`（含定时任务调度；SIGTERM 时做完手上的任务再退出）。"

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=1, help="工作进程数（默认 1）")
        parser.add_argument("--no-scheduler", action="store_true", help="不在本进程调度定时任务")
        parser.add_argument("--batch", action="store_true", help="做完队列中的任务就退出（不调度定时任务）")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时多久查看一次（秒，默认 1）")
        parser.add_argument("--child", action="store_true", help="（内部）作为单个工作进程运行")
        parser.add_argument("--worker-id", default="", help="（内部）工作进程编号")

    def handle(self, *args, **options):
        logging.getLogger("chanye.jobs").setLevel(logging.INFO if options["verbosity"] > 1 else logging.WARNING)
        if options["child"]:
            run_child(
                worker_id=options["worker_id"] or "worker",
                batch=options["batch"],
                interval=options["interval"],
                stdout=self.stdout,
            )
            return
        if options["processes"] < 1:
            raise CommandError("--processes 至少为 1")
        supervisor = Supervisor(
            processes=options["processes"],
            scheduler=not options["no_scheduler"] and not options["batch"],
            batch=options["batch"],
            interval=options["interval"],
            stdout=self.stdout,
        )
        supervisor.run()
