import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from chanye.jobs import schedule
from chanye.jobs.worker import SCHEDULER_INTERVAL


class Command(BaseCommand):
    help = (
        "定时任务调度：把到期的定时任务放入队列（每个时点只入队一次，多个调度进程同时运行也一样）。"
        "`chanye worker` 已含调度；`--once` 只检查一次（可由 cron 调用）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只检查一次")

    def handle(self, *args, **options):
        while True:
            close_old_connections()
            for job in schedule.tick():
                self.stdout.write(f"定时任务入队：{job.title}")
            if options["once"]:
                return
            time.sleep(SCHEDULER_INTERVAL)
