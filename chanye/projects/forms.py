from django import forms

from chanye.core import roles
from chanye.core.fields import DateInput, MoneyField
from chanye.core.forms import ScopedModelForm
from chanye.core.querysets import VIEW

from .models import STAGES, TERMINATED, FundsInPlace, Project, ServiceEntry, Signing, SigningEvent

MONEY = ["planned_investment", "contract_investment", "expected_output"]


class ProjectForm(ScopedModelForm):
    """招商局 files a project under any cluster; an 产业办 under the clusters its office owns."""

    owned_through = ("cluster",)
    planned_investment = MoneyField(label="计划总投资", required=False)
    contract_investment = MoneyField(label="合同投资额", required=False)
    expected_output = MoneyField(label="预计年产值", required=False)

    class Meta:
        model = Project
        fields = [
            "name",
            "investor",
            "investor_name",
            "cluster",
            "chain_link",
            "planned_investment",
            "contract_investment",
            "expected_output",
            "land_mu",
            "park",
            "office",
            "task_force",
            "task_force_lead",
            "task_force_members",
            "next_action",
            "next_action_due",
            "note",
        ]
        widgets = {"next_action_due": DateInput(), "task_force_members": forms.SelectMultiple(attrs={"size": 5})}

    def owned_choices(self, queryset):
        if roles.has(self.user, roles.INVESTMENT):
            return queryset.restrict(self.user, VIEW)
        return super().owned_choices(queryset)


class StageForm(forms.Form):
    to = forms.ChoiceField(label="新阶段", choices=[(s, s) for s in [*STAGES, TERMINATED]])
    on = forms.DateField(label="日期", required=False, widget=DateInput(), help_text="留空为今天")
    reason = forms.CharField(label="原因/说明", required=False, max_length=300, help_text="终止项目必填")


class FundsForm(ScopedModelForm):
    owned_through = ("project",)
    amount = MoneyField(label="到位资金")

    class Meta:
        model = FundsInPlace
        fields = ["project", "on", "amount", "note"]
        widgets = {"on": DateInput()}


class ServiceEntryForm(ScopedModelForm):
    owned_through = ("project",)

    class Meta:
        model = ServiceEntry
        fields = ["project", "on", "kind", "office", "text"]
        widgets = {"on": DateInput()}


class SigningEventForm(forms.ModelForm):
    announced_investment = MoneyField(label="公布投资额", required=False)

    class Meta:
        model = SigningEvent
        fields = ["name", "date", "date_note", "venue", "announced_projects", "announced_investment", "announced_basis"]
        widgets = {"date": DateInput()}


class SigningForm(forms.ModelForm):
    contract_investment = MoneyField(label="签约投资额")

    class Meta:
        model = Signing
        fields = ["event", "project", "contract_investment"]
