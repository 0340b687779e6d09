"""`chanye report brief --period 2023-11 [--region …] [--format docx|pdf|xlsx] [-o FILE]`: the monthly brief
from the command line (as the system, or `--user NAME` to generate it as that account may read it);
`chanye report template -o FILE`: the Word template to edit; `chanye report monthly [--date D] [--force]`:
the scheduled monthly brief kept in the archive (what a scheduler or cron runs each working day)."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chanye.briefs import content, docx_template, render, services


class Command(BaseCommand):
    help = "月度简报：`chanye report brief --period 2023-11 [--region 大渡口区] [--format docx|pdf|xlsx] [-o 文件]`；`chanye report template -o 文件`；`chanye report monthly`。"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["brief", "template", "monthly"])
        parser.add_argument("--period", help="月份，如 2023-11（brief 必填）")
        parser.add_argument("--region", help="区域名称、简称或区划代码（默认本平台所辖区域）")
        parser.add_argument("--format", choices=list(render.FORMATS), default="docx")
        parser.add_argument("-o", "--output", type=Path, help="输出文件（默认当前目录下按月报名称命名）")
        parser.add_argument("--user", help="以该账户的权限生成（默认系统，读取全部数据）")
        parser.add_argument("--date", help="monthly：视作今天的日期 YYYY-MM-DD")
        parser.add_argument("--force", action="store_true", help="monthly：不是第5个工作日也生成")

    def handle(self, *args, **options):
        try:
            getattr(self, options["what"])(options)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("；".join(messages)) from None

    def brief(self, options):
        if not options["period"]:
            raise CommandError("请用 --period 指定月份，如 --period 2023-11")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"没有账户“{options['user']}”")
        rendered = services.render_brief(
            month=options["period"], region=options["region"], fmt=options["format"], user=user
        )
        path = options["output"] or Path(rendered.filename)
        path.write_bytes(rendered.content)
        self.stdout.write(f"{path}：{rendered.filename}，{len(rendered.content) // 1024} KB")

    def template(self, options):
        path = options["output"] or Path("brief-template.docx")
        docx_template.build(path)
        self.stdout.write(f"{path}：月报 Word 模板（修改后以 CHANYE_BRIEF_TEMPLATE={path} 启用）")

    def monthly(self, options):
        today = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        day = today or timezone.localdate()
        if not options["force"] and not content.is_brief_day(day):
            due = content.issue_date(content.previous_month(day))
            self.stdout.write(f"{day} 不是月报日（上月月报应于 {due} 生成）；用 --force 立即生成")
            return
        record = services.monthly_brief(today=today, region=options["region"])
        self.stdout.write(f"{record}：已存入资料库《{record.document}》（文档 #{record.document_id}）")
