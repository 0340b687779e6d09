from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    """Django's login page; django-axes refuses it after repeated failures (settings.AXES_*)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True
