"""A generated password (a new account, a reset) is known to the administrator who handed it over: until its
owner replaces it, every page but the password change itself (and signing out) leads there."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from chanye.core.models import Profile


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._must_change(request, user):
            messages.warning(request, "这是管理员生成的密码：请先设置您自己的新密码。")
            return redirect(reverse("password_change"))
        return self.get_response(request)

    @staticmethod
    def _must_change(request, user) -> bool:
        allowed = (reverse("password_change"), reverse("logout"), "/static/", "/i18n/")
        if request.path.startswith(allowed):
            return False
        return Profile.objects.filter(user=user, must_change_password=True).exists()
