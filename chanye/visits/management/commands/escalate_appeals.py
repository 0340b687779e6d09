"""`chanye escalate_appeals`: notify office heads (and assignees) of appeal milestones that passed
their deadline unmet. Idempotent: each appeal's milestone is escalated once, however often it
runs; schedule it every working morning (cron, systemd timer, Windows Task Scheduler)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from chanye.visits.models import OfficeHead
from chanye.visits.services import escalate_overdue


class Command(BaseCommand):
    help = "超期诉求升级：通知承办部门负责人和承办人（每个诉求的每个环节只通知一次）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天判断是否超期（YYYY-MM-DD，默认今天）")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{date}") from error
        escalations = escalate_overdue(today=today)
        for escalation in escalations:
            self.stdout.write(f"{escalation}：{escalation.recipients}")
        self.stdout.write(self.style.SUCCESS(f"新升级 {len(escalations)} 个超期环节"))
        headless = sorted(
            {e.appeal.office.name for e in escalations} - set(OfficeHead.objects.values_list("office__name", flat=True))
        )
        if headless:
            self.stderr.write(f"以下部门未设置负责人，无法通知负责人：{'、'.join(headless)}（在“部门负责人”页面设置）")
        return None
