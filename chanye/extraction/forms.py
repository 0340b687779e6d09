"""Editing a proposed fact before accepting it: the officer corrects what the rules guessed."""

from django import forms

from chanye.core.fields import PeriodField
from chanye.core.forms import RegionField
from chanye.registry.models import Cluster, Enterprise, Park

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


class ResolveForm(forms.Form):
    """指定主体: the record an unresolved figure is about, one of a cluster (of the fact's region), a
    registered enterprise or park (typed by name: there may be hundreds of thousands), or a region as a
    whole. The name as written is remembered unless the officer says it is a one-off."""

    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), required=False, label="产业集群")
    enterprise = forms.CharField(label="企业（已登记的名称或简称）", required=False, max_length=100)
    park = forms.CharField(label="产业载体（已登记的名称）", required=False, max_length=100)
    region = RegionField(label="区域整体", help_text="数字是整个区域的（全区、全市）：区域全称、简称或区划代码")
    remember = forms.BooleanField(label="记住这个名称，以后的文档自动对应", required=False, initial=True)

    def __init__(self, *args, user, fact: ExtractedFact, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        clusters = Cluster.objects.restrict(user).select_related("region")
        self.fields["cluster"].queryset = clusters.within(fact.region) if fact.region is not None else clusters
        self.fields["cluster"].empty_label = "（不是集群）"
        self.fields["region"].near = fact.region

    def clean_enterprise(self):
        return self._registered(Enterprise, self.cleaned_data["enterprise"], "企业")

    def clean_park(self):
        return self._registered(Park, self.cleaned_data["park"], "产业载体")

    def _registered(self, model, name: str, what: str):
        if not name:
            return None
        visible = model.objects.restrict(self.user)
        matches = list(visible.filter(name=name)[:2])
        if not matches and model is Enterprise:
            matches = list(visible.filter(short_name=name)[:2])
        if not matches:
            raise forms.ValidationError(f"没有已登记的{what}“{name}”，可用“新建”")
        if len(matches) > 1:
            raise forms.ValidationError(f"“{name}”对应多个{what}，请写全称")
        return matches[0]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in ("cluster", "enterprise", "park", "region") if cleaned.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError("请在集群、企业、载体、区域中选且只选一项")
        cleaned["target"] = chosen[0]
        return cleaned
