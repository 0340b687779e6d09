"""API tokens that expire. DRF's own Token (one per user, already issued to clients) is kept and checked
for age here: a token older than CHANYE_API_TOKEN_DAYS is refused with 401 until `chanye token create`
issues a new one; `chanye token revoke` deletes it at once (then 401 too)."""

import datetime

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def token_expired(token) -> bool:
    return token.created < timezone.now() - datetime.timedelta(days=settings.CHANYE_API_TOKEN_DAYS)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise exceptions.AuthenticationFailed("API 令牌已过期：请管理员用 chanye token create 重新生成")
        return user, token
