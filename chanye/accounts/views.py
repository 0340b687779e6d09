from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import generic

from chanye.core import roles
from chanye.core.models import Profile
from chanye.core.views import RoleRequiredMixin

from . import services
from .forms import AccountForm, NewAccountForm
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


# ─── the accounts page, for administrators ───────────────────────────────────────────────────────────


class AdminRequiredMixin(RoleRequiredMixin):
    """Administrators only; every other role is refused with 403 (the services check again)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.is_admin(request.user):
            raise PermissionDenied("只有管理员可以管理账户")
        return super().dispatch(request, *args, **kwargs)


def _account(pk):
    return get_object_or_404(get_user_model(), pk=pk)


def _initial(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    return {
        "full_name": user.first_name,
        "role": next(iter(sorted(roles.roles_of(user))), ""),
        "offices": list(user.offices.all()),
        "region": profile.region if profile else None,
    }


def _password_page(request, user, password: str, title: str):
    return render(request, "accounts/password_shown.html", {"account": user, "password": password, "title": title})


class AccountList(AdminRequiredMixin, generic.ListView):
    template_name = "accounts/account_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            get_user_model()
            .objects.order_by("-is_active", "username")
            .prefetch_related("groups", "offices")
            .select_related("chanye_profile__region")
        )


class AccountCreate(AdminRequiredMixin, generic.FormView):
    template_name = "accounts/account_form.html"
    form_class = NewAccountForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user, password = services.create_account(
                actor=self.request.user,
                username=data["username"],
                full_name=data["full_name"],
                role=data["role"],
                offices=data["offices"],
                region=data["region"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return _password_page(self.request, user, password, "账户已创建")


class AccountUpdate(AdminRequiredMixin, generic.FormView):
    template_name = "accounts/account_form.html"
    form_class = AccountForm

    def dispatch(self, request, *args, **kwargs):
        self.account = _account(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return _initial(self.account)

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.account, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        services.update_account(
            actor=self.request.user,
            user=self.account,
            full_name=data["full_name"],
            role=data["role"],
            offices=data["offices"],
            region=data["region"],
        )
        messages.success(self.request, f"已保存账户 {self.account.username}")
        return redirect("accounts:account-list")


class AccountActive(AdminRequiredMixin, generic.View):
    """POST active=0 disables the account, active=1 enables it again."""

    def post(self, request, pk):
        account = _account(pk)
        active = request.POST.get("active") == "1"
        try:
            services.set_account_active(actor=request.user, user=account, active=active)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, f"已{'启用' if active else '停用'}账户 {account.username}")
        return redirect("accounts:account-list")


class AccountResetPassword(AdminRequiredMixin, generic.View):
    def post(self, request, pk):
        account = _account(pk)
        password = services.reset_password(actor=request.user, user=account)
        return _password_page(request, account, password, "密码已重置")
