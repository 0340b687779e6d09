"""Form fields shared by the domains."""

from decimal import Decimal, InvalidOperation

from django import forms

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
