from django import forms

from chanye.core.forms import ScopedModelForm
from chanye.lib.names import split_names
from chanye.reference.models import IndustryCode

from .models import CandidateEnterprise, Chain, ChainLink, LinkEnterprise


class IndustryCodesField(forms.CharField):
    """GB/T 4754-2017 小类 codes typed as text ('2761、3581'); every one must exist."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "四位小类代码，多个用顿号“、”分隔，如 2761、3581")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return "、".join(getattr(i, "code", str(i)) for i in items)
        return value

    def clean(self, value):
        codes = split_names(super().clean(value))
        found = {c.code: c for c in IndustryCode.objects.filter(code__in=codes, level=4)}
        if unknown := [c for c in codes if c not in found]:
            raise forms.ValidationError(f"未知的行业代码：{'、'.join(unknown)}（应为 GB/T 4754-2017 四位小类代码）")
        return [found[c] for c in codes]


class ChainForm(ScopedModelForm):
    owned_through = ("cluster",)

    class Meta:
        model = Chain
        fields = ["cluster", "name", "description", "order"]


class ChainLinkForm(ScopedModelForm):
    owned_through = ("chain",)
    industry_codes = IndustryCodesField(label="行业代码", required=False)
    downstream = forms.ModelMultipleChoiceField(
        label="下游环节", queryset=ChainLink.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ChainLink
        fields = [
            "chain",
            "name",
            "segment",
            "is_extension",
            "description",
            "keywords",
            "industry_codes",
            "strategic_categories",
            "order",
        ]
        widgets = {"strategic_categories": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chain_id = self.instance.chain_id or self.initial.get("chain") or self.data.get("chain")
        others = ChainLink.objects.filter(chain_id=chain_id) if chain_id else ChainLink.objects.none()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.initial.setdefault("downstream", list(self.instance.downstream.all()))
        self.fields["downstream"].queryset = others


class PlacementForm(ScopedModelForm):
    owned_through = ("link",)

    class Meta:
        model = LinkEnterprise
        fields = ["link", "enterprise", "role"]


class CandidateForm(forms.ModelForm):
    class Meta:
        model = CandidateEnterprise
        fields = ["name", "region", "industry_code", "products", "size"]
