from django.core.management.base import BaseCommand, CommandError

from chanye.accounts.models import Office
from chanye.accounts.services import set_up_account
from chanye.core import roles
from chanye.core.models import Region
from chanye.core.regions import home_region


class Command(BaseCommand):
    help = "设置账户：`chanye account USERNAME --role 产业办 --office 办公室名称` 创建或更新账户、角色和部门，并打印新密码。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=roles.ALL, help="角色")
        parser.add_argument("--office", action="append", default=[], metavar="NAME", help="所属部门（可多次指定）")
        parser.add_argument(
            "--region", metavar="NAME", help="账户负责的区域：全称、简称或区划代码（缺省为本平台所服务的区域）"
        )

    def handle(self, *args, **options):
        offices = []
        for name in options["office"]:
            try:
                offices.append(Office.objects.get(name=name))
            except Office.DoesNotExist:
                known = "、".join(Office.objects.values_list("name", flat=True))
                raise CommandError(f"部门不存在：{name}（现有部门：{known}）") from None
        region = None
        if options["region"]:
            region = Region.objects.named(options["region"], near=home_region())
            if region is None:
                raise CommandError(f"找不到区域：{options['region']}（可写全称、简称或区划代码，如 江北区、500105）")
        # The printed password is handed to a person: they replace it at their first sign-in.
        user, password = set_up_account(
            actor=None,
            username=options["username"],
            role=options["role"],
            offices=offices,
            region=region,
            must_change_password=True,
        )
        where = f"，负责区域：{region}" if region else ""
        self.stdout.write(f"{user.username}（{options['role']}{where}）密码：{password}")
