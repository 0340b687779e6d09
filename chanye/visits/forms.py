from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from chanye.accounts.models import Office
from chanye.core import roles
from chanye.core.fields import DateInput
from chanye.core.forms import ScopedModelForm
from chanye.registry.models import Enterprise

from .models import Appeal, OfficeHead, Visit, user_label


def users_with_a_role():
    return get_user_model().objects.filter(is_active=True, groups__name__in=roles.ALL).distinct().order_by("username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


class VisitForm(ScopedModelForm):
    officials = UsersChoiceField(
        label="走访人员",
        queryset=users_with_a_role(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="有平台账户的走访人员（按住 Ctrl 多选）",
    )

    class Meta:
        model = Visit
        fields = ["date", "enterprise", "officials", "other_officials", "purpose", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["officials"].queryset = users_with_a_role()
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            if user is not None and user.is_authenticated:
                self.initial.setdefault("officials", [user.pk])
        if (
            user is not None
            and roles.has(user, roles.INDUSTRY_OFFICE)
            and not (roles.is_admin(user) or roles.has(user, roles.INVESTMENT))
        ):
            # An 产业办 visits the enterprises of its office's clusters.
            self.fields["enterprise"].queryset = (
                Enterprise.objects.filter(clusters__office__members=user).distinct().order_by("name")
            )

    def clean(self):
        data = super().clean()
        if not data.get("officials") and not (data.get("other_officials") or "").strip():
            self.add_error("officials", "请至少填写一名走访人员（平台用户或其他走访人员）")
        return data


class AppealForm(ScopedModelForm):
    office = forms.ModelChoiceField(label="承办部门", queryset=Office.objects.all())
    assignee = UserChoiceField(
        label="承办人",
        queryset=users_with_a_role(),
        required=False,
        help_text="承办部门的成员；可暂不指定，由部门成员认领",
    )

    class Meta:
        model = Appeal
        fields = ["enterprise", "visit", "category", "description", "office", "assignee", "received_on"]
        widgets = {"received_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["visit"].queryset = self.fields["visit"].queryset.select_related("enterprise")
        self.fields["received_on"].required = False
        self.fields["received_on"].help_text = "留空为今天（来自走访的为走访日期）；办理期限从受理日期起按工作日计算"
        if user is not None and not roles.is_admin(user):
            offices = Office.objects.filter(members=user)
            self.fields["office"].queryset = offices
            self.fields["assignee"].queryset = users_with_a_role().filter(offices__in=offices).distinct()
            if offices.count() == 1 and not self.instance.pk:
                self.initial.setdefault("office", offices.first().pk)
        enterprise = self.initial.get("enterprise") or self.data.get("enterprise") or self.instance.enterprise_id
        if enterprise:
            self.fields["visit"].queryset = self.fields["visit"].queryset.filter(enterprise=enterprise)

    def clean_received_on(self):
        return self.cleaned_data.get("received_on")

    def clean(self):
        data = super().clean()
        if not data.get("received_on"):
            visit = data.get("visit")
            data["received_on"] = visit.date if visit else timezone.localdate()
            self.instance.received_on = data["received_on"]
        return data


class AppealStatusForm(forms.Form):
    """Which status next, and what that status needs; the service enforces the rules."""

    status = forms.ChoiceField(label="变更为", choices=Appeal.Status.choices)
    reason = forms.CharField(
        label="无法办理原因",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="标记为“无法办理”时必填",
    )
    satisfaction = forms.ChoiceField(
        label="企业满意度",
        required=False,
        choices=[("", "—"), *Appeal.Satisfaction.choices],
        help_text="办结时必填：向企业反馈后记录其满意度",
    )
    resolution = forms.CharField(label="办结情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label="说明", required=False, max_length=200, help_text="记入修改历史")

    def __init__(self, *args, appeal=None, **kwargs):
        super().__init__(*args, **kwargs)
        if appeal is not None and appeal.next_statuses:
            self.fields["status"].choices = [(s, Appeal.Status(s).label) for s in appeal.next_statuses]


class OfficeHeadForm(forms.ModelForm):
    user = UserChoiceField(label="负责人", queryset=users_with_a_role(), help_text="须为该部门的成员")

    class Meta:
        model = OfficeHead
        fields = ["office", "user"]
