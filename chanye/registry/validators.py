from django.core.exceptions import ValidationError
from django.db import models

from chanye.lib import uscc


def validate_credit_code(value: str) -> None:
    if not value:
        return
    try:
        uscc.validate(value)
    except uscc.InvalidCreditCode as error:
        raise ValidationError(str(error), code="invalid_credit_code") from error


class CreditCodeField(models.CharField):
    """统一社会信用代码: normalised (upper case, no spaces, half-width) and checked with the
    GB 32100-2015 check character. Empty is stored as NULL, so that the unique constraint
    allows any number of enterprises whose code is not known yet."""

    default_validators = [validate_credit_code]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return uscc.normalise(value) or None if value else None

    def get_prep_value(self, value):
        return super().get_prep_value(value) or None
