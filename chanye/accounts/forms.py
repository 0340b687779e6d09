"""The accounts page's forms: who the person is, their one role, their offices and the region they work for."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator

from chanye.core import roles
from chanye.core.models import Region
from chanye.core.regions import home_region

from .models import Office


def regions_of_this_instance():
    """The instance's own region and the regions in it: an account works for one of them."""
    home = home_region()
    return Region.objects.filter(path__startswith=home.path).order_by("path")


class AccountForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    role = forms.ChoiceField(label="角色", choices=[(role, role) for role in roles.ALL])
    offices = forms.ModelMultipleChoiceField(
        label="所属部门", queryset=Office.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.ModelChoiceField(
        label="负责区域",
        queryset=Region.objects.none(),
        required=False,
        empty_label="本级（全部）",
        help_text="城市实例中，区县账户只看到本区县的记录",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_of_this_instance()


class NewAccountForm(AccountForm):
    username = forms.CharField(
        label="账户名", max_length=150, validators=[UnicodeUsernameValidator()], help_text="登录用，如 zhangsan"
    )
    field_order = ["username", "full_name", "role", "offices", "region"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError("该账户名已被使用")
        return username
