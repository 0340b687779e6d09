from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from chanye.accounts.services import create_token, revoke_token


class Command(BaseCommand):
    help = (
        "API 令牌：`chanye token create USERNAME` 打印该用户的令牌（没有或已过期则新建）；"
        "`chanye token revoke USERNAME` 立即吊销。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="打印用户的 API 令牌，没有或已过期则新建")
        create.add_argument("username")
        revoke = sub.add_parser("revoke", help="吊销用户的 API 令牌")
        revoke.add_argument("username")

    def handle(self, *args, **options):
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"用户不存在：{options['username']}") from None
        if options["action"] == "revoke":
            done = revoke_token(actor=None, user=user)
            self.stdout.write(f"已吊销 {user.username} 的 API 令牌" if done else f"{user.username} 没有 API 令牌")
            return
        self.stdout.write(create_token(actor=None, user=user).key)
