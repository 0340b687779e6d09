from django.contrib import messages
from django.contrib.auth import views as auth_views

from .services import record_password_change


class LoginView(auth_views.LoginView):
    """Django's login page; django-axes refuses it after repeated failures (settings.AXES_*)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with the validators of settings.AUTH_PASSWORD_VALIDATORS.
    Audited as a change of the account (never the password itself)."""

    template_name = "core/form.html"
    success_url = "/"

    def form_valid(self, form):
        response = super().form_valid(form)
        record_password_change(actor=self.request.user)
        messages.success(self.request, "密码已修改")
        return response
