"""Editing a proposed fact before accepting it: the officer corrects what the rules guessed."""

from django import forms

from chanye.core.fields import PeriodField

from .models import ExtractedFact


class FactForm(forms.ModelForm):
    period = PeriodField(required=False, help_text="统计期，如 2023年1-10月；时点数写日期，如 2023年11月底")

    class Meta:
        model = ExtractedFact
        fields = [
            "subject",
            "is_district",
            "cluster",
            "enterprise",
            "park",
            "indicator",
            "value",
            "qualifier",
            "yoy_pct",
            "target_year",
            "projects",
        ]
        help_texts = {"value": "基本单位：金额为元，家数、个数为数字"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("cluster", "enterprise", "park", "indicator"):
            self.fields[name].empty_label = "（无）"
        self.initial["period"] = self.instance.period
        self.order_fields([*self.Meta.fields[:8], "period"])
        if self.instance.value is not None:
            self.initial["value"] = f"{self.instance.value.normalize():f}"  # 6000000000, not 6000000000.0000

    def edits(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "period"]}


class DecisionNoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=300, required=False)
