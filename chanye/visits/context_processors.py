from functools import cache

from chanye.core import roles

from .models import Notification


def notifications(request):
    """`unread_notification_count` for the navbar badge: counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not roles.has_role(user):
        return {}

    @cache
    def unread_notification_count() -> int:
        return Notification.objects.for_recipient(user).unread().count()

    return {"unread_notification_count": unread_notification_count}
