from django import forms

from chanye.core import roles
from chanye.core.fields import PeriodField
from chanye.core.forms import ScopedModelForm
from chanye.core.querysets import CHANGE, VIEW
from chanye.lib.units import UnitError, to_base

from .models import SUBJECT_FIELDS, ImportTemplate, Observation, Target


class SubjectFormMixin:
    """Subject kind plus the one matching field; the others must stay empty (the model checks). The
    subjects offered are those whose figures the user records: 统计 every one, an 产业办 those of its
    clusters and the peers' (对标), wherever they are. A form's fields begin with SUBJECT."""

    owned_through = ("cluster", "enterprise", "park", "chain_link")
    SUBJECT = ["subject_kind", *owned_through]

    def owned_choices(self, queryset):
        if roles.has(self.user, roles.STATISTICS):
            return queryset.restrict(self.user, VIEW)
        return queryset.restrict(self.user, CHANGE)

    def clean(self):
        data = super().clean()
        wanted = SUBJECT_FIELDS.get(data.get("subject_kind"))
        for field in SUBJECT_FIELDS.values():
            if field != wanted:
                data[field] = None
        return data


class AmountMixin:
    """The value typed in the unit people use (92.2 亿元), stored in the indicator's base unit."""

    def clean_amount(self, data: dict, field: str = "value") -> None:
        indicator, unit = data.get("indicator"), data.pop("unit", "")
        if indicator is None or data.get(field) in (None, ""):
            return
        try:
            amount, base = to_base(data[field], unit or indicator.unit)
        except UnitError as error:
            self.add_error("unit", str(error))
            return
        if base != indicator.unit:
            self.add_error("unit", f"单位“{unit}”与指标“{indicator}”的基本单位“{indicator.unit}”不符")
            return
        data[field] = amount


UNIT_HELP = "如 亿元、万元、元、家、个；留空为指标的基本单位"


class ObservationForm(SubjectFormMixin, AmountMixin, ScopedModelForm):
    period = PeriodField()
    value = forms.DecimalField(label="数值", required=False, max_digits=24, decimal_places=4)
    unit = forms.CharField(label="单位", required=False, help_text=UNIT_HELP)

    class Meta:
        model = Observation
        fields = [*SubjectFormMixin.SUBJECT, "indicator", "period", "value", "unit", "qualifier", "yoy_pct", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["period"] = self.instance.period

    def clean(self):
        data = super().clean()
        self.clean_amount(data)
        if data.get("value") is None and data.get("yoy_pct") is None:
            raise forms.ValidationError("数值和同比至少填写一项")
        return data


class TargetForm(SubjectFormMixin, AmountMixin, ScopedModelForm):
    value = forms.DecimalField(label="目标值", max_digits=24, decimal_places=4)
    unit = forms.CharField(label="单位", required=False, help_text=UNIT_HELP)

    class Meta:
        model = Target
        fields = [*SubjectFormMixin.SUBJECT, "indicator", "year", "value", "unit", "qualifier", "note"]

    def clean(self):
        data = super().clean()
        self.clean_amount(data)
        return data


class ImportTemplateForm(ScopedModelForm):
    """A saved import mapping, renamed or corrected by hand (the import page writes it for you)."""

    class Meta:
        model = ImportTemplate
        fields = ["name", "mapping"]
        help_texts = {
            "mapping": "JSON：header_rows（表头行号）、columns（各列：role 为 label/subject/indicator/unit/value/yoy/"
            "region/ignore，period、indicator、region、unit、of）、region、period、unit、indicator、labels（行名对照）、"
            "dollar_rate（美元汇率）、strict（无法识别的行报错）"
        }
