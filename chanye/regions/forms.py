"""The choices of the regional pages: period, grouping, level, indicator, validated like every form."""

from django import forms

from chanye.core.fields import PeriodField
from chanye.monitoring.models import Indicator

from .reports import ADDITIVE, CODE_LEVELS, GROUPINGS


class RollupForm(forms.Form):
    period = PeriodField(required=False, help_text="默认为最近一期")
    grouping = forms.ChoiceField(label="分组", choices=GROUPINGS.items(), required=False)

    def clean_grouping(self):
        return self.cleaned_data["grouping"] or "city_cluster"


class QuotientForm(forms.Form):
    level = forms.TypedChoiceField(label="行业层级", choices=CODE_LEVELS.items(), coerce=int, required=False)

    def clean_level(self):
        return self.cleaned_data["level"] or 2


class ShiftShareForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label="指标", queryset=Indicator.objects.filter(key__in=ADDITIVE, kind=Indicator.Kind.FLOW), to_field_name="key"
    )
    start = PeriodField(label="起始期")
    end = PeriodField(label="截止期")
    grouping = forms.ChoiceField(label="分组", choices=GROUPINGS.items(), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and (start.kind != end.kind or start.months != end.months or start.end_date >= end.end_date):
            raise forms.ValidationError("起止两期应为同一类期间（如都为全年或都为1-10月），且起始期在前")
        data["grouping"] = data.get("grouping") or "city_cluster"
        return data
