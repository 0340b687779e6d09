"""Form fields and widgets shared by the domains."""

from decimal import Decimal, InvalidOperation

from django import forms

from chanye.lib.periods import Period, PeriodError
from chanye.lib.units import UnitError, parse_amount


class MoneyField(forms.CharField):
    """An amount of money typed as reports write it: "10.6亿元", "1060万元", "10.6亿", or a plain
    number of 元. Cleans to Decimal 元; shows the stored value back in 元."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "如 10.6亿元、1060万元，或以元为单位的数字")
        super().__init__(**kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").strip().replace(",", "").replace("，", "")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            pass
        if text.endswith(("亿", "万")):
            text += "元"
        try:
            amount, unit, _qualifier = parse_amount(text)
        except UnitError as error:
            raise forms.ValidationError(str(error)) from error
        if unit != "元":
            raise forms.ValidationError(f"“{value}”不是金额：请写成 10.6亿元、1060万元 或以元为单位的数字")
        return amount


class DateInput(forms.DateInput):
    """The browser's date picker; the value written as it expects (2023-11-30)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodField(forms.CharField):
    """A statistical period typed as Chinese statistics write it ("2023年1-10月", "2023年11月底").
    Cleans to a chanye.lib.periods.Period; shows a stored Period back as its label."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "期间")
        kwargs.setdefault("help_text", "如 2023年1-10月、2023年10月、2023年前三季度、2023年、2023年11月底")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.label if isinstance(value, Period) else value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return Period.parse(text)
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error
