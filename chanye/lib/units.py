"""Amounts as Chinese reports write them: 92.2亿元, 450多家, 近2亿元, 2万多家, 二十三个.

Money is stored in 元 as an exact Decimal and shown in 亿元 or 万元; counts and measures are stored
in the unit they are given in. A qualifier (多, 近, 超, 约, 余) is kept beside the value, because
"450多家" is not the same statement as "450家".
"""

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow, localcontext
from functools import lru_cache

MONEY_UNITS = {
    "元": 1,
    "万元": 10_000,
    "亿元": 100_000_000,
    "千元": 1000,
    "百万元": 1_000_000,
    "千亿元": 10**11,
    "万亿元": 10**12,
}
COUNT_UNITS = {"家", "个", "户", "项", "人", "吨", "千瓦时", "人份", "%"}
APPROX = {"多", "近", "超", "约", "余", "逾", "超过", "左右", "以上"}
# Several words say the same thing; one letter each is stored.
NORMAL_QUALIFIER = {
    "多": "多",
    "近": "近",
    "超": "超",
    "约": "约",
    "余": "余",
    "逾": "超",
    "超过": "超",
    "以上": "超",
    "左右": "约",
}

MONEY_BASE = "元"
# Multipliers written between the number and the unit: 2万家, 1.2万千瓦时, 10亿元.
MAGNITUDES = {
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "十亿": 10**9,
    "百亿": 10**10,
    "千亿": 10**11,
    "万亿": 10**12,
    "百": 100,
    "千": 1000,
    "万": 10**4,
    "亿": 10**8,
}
# Enough for any figure a report prints, so that scaling never rounds.
PRECISION = 60


class UnitError(ValueError):
    """Not an amount or unit this module knows; the message says why, in Chinese."""


def to_base(value: Decimal | str | int | float, unit: str) -> tuple[Decimal, str]:
    """(value in base units, base unit): ("92.2", "亿元") -> (Decimal("9220000000"), "元")."""
    number = _decimal(value)
    unit = str(unit).strip()
    if unit in MONEY_UNITS:
        return _scaled(number, MONEY_UNITS[unit]), MONEY_BASE
    if unit in COUNT_UNITS:
        return _counted(number), unit
    raise UnitError(f"未知的单位：“{unit}”")


@lru_cache(maxsize=64)
def scaler(unit: str) -> tuple[Callable[[Decimal], Decimal], str]:
    """(what to_base does to a Decimal in `unit`, base unit), for converting a column of figures in one
    unit without looking the unit up for each; UnitError for an unknown unit. The same function is
    returned for the same unit, so a caller may keep converted figures beside it."""
    unit = str(unit).strip()
    if unit in MONEY_UNITS:
        return _money_scaler(MONEY_UNITS[unit]), MONEY_BASE
    if unit in COUNT_UNITS:
        return lambda number: _counted(_finite(number)), unit
    raise UnitError(f"未知的单位：“{unit}”")


def _money_scaler(factor: int) -> Callable[[Decimal], Decimal]:
    """_scaled(_finite(number), factor) in one function: a file of a million different figures calls it a
    million times, and the five nested calls cost more than the arithmetic."""
    multiply, integral = _EXACT.multiply, _EXACT

    def scale(number: Decimal) -> Decimal:
        if not number.is_finite():
            raise UnitError(f"不是有限的数值：“{number}”")
        try:
            scaled = multiply(number, factor)
            if scaled == scaled.to_integral_value(context=integral):
                whole = scaled.quantize(_ONE, context=integral)
                return whole if whole else abs(whole)  # no -0
            return scaled.normalize(integral)
        except (Inexact, InvalidOperation, Overflow):  # more digits than PRECISION: never rounded
            raise UnitError(f"数值位数过多，无法精确换算：{number}") from None

    return scale


def parse_amount(text: str) -> tuple[Decimal, str, str]:
    """A figure as written -> (value in base units, base unit, qualifier or "").

    "92.2亿元" -> (9220000000, "元", ""); "2万多家" -> (20000, "家", "多"); "近2亿元" -> (200000000, "元", "近").
    """
    compact = _normalise(text)
    match = _AMOUNT.fullmatch(compact)
    if match is None:
        if loose := _LOOSE_AMOUNT.fullmatch(compact):
            raise UnitError(f"“{text}”：未知的单位：“{loose['unit']}”")
        raise UnitError(f"无法识别的数量：“{text}”（可写作“92.2亿元”“450多家”“近2亿元”等）")
    qualifiers = [match[name] for name in ("before", "after_number", "after_magnitude", "after_unit") if match[name]]
    if len(qualifiers) > 1:
        raise UnitError(f"“{text}”：约数说法重复（{'、'.join(qualifiers)}）")
    if match["magnitude"] and match["unit"] == "%":
        raise UnitError(f"“{text}”：百分数前不能带“{match['magnitude']}”")
    number = _number(match["number"], text)
    value, unit = to_base(_scaled(number, MAGNITUDES.get(match["magnitude"], 1)), match["unit"])
    return value, unit, NORMAL_QUALIFIER[qualifiers[0]] if qualifiers else ""


def format_money(value: Decimal, unit: str = "亿元", digits: int = 1) -> str:
    """An amount in 元 shown in the given unit with a fixed number of decimals: 9220000000 -> "92.2亿元"."""
    if unit not in MONEY_UNITS:
        raise UnitError(f"未知的金额单位：“{unit}”")
    shown = _in_unit(_decimal(value), MONEY_UNITS[unit]).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{_unsigned_zero(shown):f}{unit}"


def format_value(value: Decimal, unit: str) -> str:
    """For display: money in 亿元 from 1亿, in 万元 from 1万, else in 元, with at most two decimals
    ("92.2亿元", "2000万元"); counts and measures in their unit, whole ones as integers ("450家", "1.89%")."""
    number = _decimal(value)
    if unit in MONEY_UNITS:
        number, _ = to_base(number, unit)
        shown_in = next(name for name in ("亿元", "万元", "元") if abs(number) >= MONEY_UNITS[name] or name == "元")
        shown = _in_unit(number, MONEY_UNITS[shown_in]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{_plain(shown)}{shown_in}"
    if unit in COUNT_UNITS:
        return f"{_plain(number)}{unit}"
    raise UnitError(f"未知的单位：“{unit}”")


# -- helpers ---------------------------------------------------------------------------------

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_CHINESE_DIGITS = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_SECTIONS = {"万": 10**4, "亿": 10**8}


def _alternatives(words) -> str:
    # Longest first, so that 超过 is not read as 超 followed by 过.
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# A Chinese numeral starts with a digit or 十 (十二); 亿元 alone has no number.
_NUMBER = r"[-+]?\d+(?:\.\d+)?|[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*"
_AMOUNT = re.compile(
    rf"(?P<before>近|超过|超|约|逾)?"
    rf"(?P<number>{_NUMBER})"
    rf"(?P<after_number>多|余)?"
    rf"(?P<magnitude>{_alternatives(MAGNITUDES)})?"
    rf"(?P<after_magnitude>多|余)?"
    rf"(?P<unit>{_alternatives([MONEY_BASE, *COUNT_UNITS])})"
    rf"(?P<after_unit>左右|以上|多|余)?"
)
# The same shape with any unit, only to name an unknown unit in the error.
_LOOSE_AMOUNT = re.compile(rf"(?:近|超过|超|约|逾)?(?:{_NUMBER})(?:多|余)?(?P<unit>[^\d.]+?)(?:左右|以上)?")


def _normalise(text: str) -> str:
    text = "".join(str(text).translate(_FULL_WIDTH).split())
    text = text.replace("−", "-")
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)  # thousands separators: 1,234.5万元


def _decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise UnitError(f"不是数值：{value!r}")
    if isinstance(value, float):
        value = str(value)  # 92.2, not 92.2000000000000028421709430404007434844970703125
    try:
        number = Decimal(_normalise(value) if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise UnitError(f"不是数值：“{value}”") from None
    return _finite(number, value)


def _finite(number: Decimal, written=None) -> Decimal:
    if not number.is_finite():
        raise UnitError(f"不是有限的数值：“{number if written is None else written}”")
    return number


def _number(numeral: str, text: str) -> Decimal:
    if numeral[0].isdigit() or numeral[0] in "+-":
        return Decimal(numeral)
    try:
        return Decimal(_chinese_integer(numeral))
    except ValueError:
        raise UnitError(f"无法识别的中文数字“{numeral}”：“{text}”") from None


def _chinese_integer(numeral: str) -> int:
    """二十三 -> 23, 一千 -> 1000, 两万五千 -> 25000, 一亿二千万 -> 120000000."""
    total = section = 0
    digit = None  # the digit waiting for its unit
    for char in numeral:
        if char in _CHINESE_DIGITS:
            if digit:  # 一二: two digits in a row say nothing
                raise ValueError(numeral)
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_UNITS:
            section += (1 if digit is None else digit) * _CHINESE_UNITS[char]  # 十二: the 一 is left out
            digit = None
        elif char == "万":
            section = (section + (digit or 0)) * 10**4
            digit = None
        else:  # 亿
            total = (total + section + (digit or 0)) * 10**8
            section, digit = 0, None
        if char in _CHINESE_SECTIONS and total + section == 0:
            raise ValueError(numeral)
    return total + section + (digit or 0)


# PRECISION digits and an error instead of rounding: a figure must never be rounded on its way to 元.
# One context for every conversion (entering a localcontext for each figure of a million-row import
# cost more than the arithmetic).
_EXACT = Context(prec=PRECISION, traps=[InvalidOperation, DivisionByZero, Overflow, Inexact])
_ONE = Decimal(1)


def _scaled(number: Decimal, factor: int) -> Decimal:
    try:
        return _tidy(_EXACT.multiply(number, factor), _EXACT)
    except (Inexact, InvalidOperation, Overflow):  # too many digits to round to 元 within PRECISION (quantize)
        raise UnitError(f"数值位数过多，无法精确换算：{number}") from None


def _counted(number: Decimal) -> Decimal:
    """A count or measure as stored; more digits than the default context holds is a row's error, not a
    crash of the import (450 followed by 59 digits)."""
    try:
        return _tidy(number)
    except InvalidOperation:
        raise UnitError(f"数值位数过多，无法精确换算：{number}") from None


def _in_unit(number: Decimal, factor: int) -> Decimal:
    with localcontext() as context:
        context.prec = PRECISION
        return number / factor


def _tidy(number: Decimal, context: Context | None = None) -> Decimal:
    """Drop trailing zeros without exponent notation: 9220000000.0 -> 9220000000, 1.890 -> 1.89."""
    if number == number.to_integral_value(context=context):
        return _unsigned_zero(number.quantize(Decimal(1), context=context))
    return number.normalize(context)


def _plain(number: Decimal) -> str:
    return f"{_tidy(number):f}"


def _unsigned_zero(number: Decimal) -> Decimal:
    return abs(number) if number.is_zero() else number
