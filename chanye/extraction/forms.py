"""Editing a proposed fact before accepting it: the officer corrects what the rules guessed."""

import re

from django import forms

from .models import ExtractedFact

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class FactForm(forms.ModelForm):
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
            "period_start",
            "period_end",
            "yoy_pct",
            "target_year",
            "projects",
        ]
        widgets = {
            "period_start": forms.TextInput(attrs={"placeholder": "2023-01"}),
            "period_end": forms.TextInput(attrs={"placeholder": "2023-11"}),
        }
        help_texts = {"value": "基本单位：金额为元，家数、个数为数字"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("cluster", "enterprise", "park", "indicator"):
            self.fields[name].empty_label = "（无）"
        if self.instance.value is not None:
            self.initial["value"] = f"{self.instance.value.normalize():f}"  # 6000000000, not 6000000000.0000

    def clean_period_start(self):
        return self._month("period_start")

    def clean_period_end(self):
        return self._month("period_end")

    def _month(self, name: str) -> str:
        value = (self.cleaned_data.get(name) or "").strip()
        if value and not MONTH.match(value):
            raise forms.ValidationError("请按“年-月”填写，如 2023-11")
        return value

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_start"] > data["period_end"]:
            raise forms.ValidationError("期间开始晚于结束")
        return data

    def edits(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionNoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=300, required=False)
