"""Numbers as a Chinese monthly brief writes them (plain Python, no Django).

Money in 亿元 with one decimal from 1亿 (92.2亿元, 59.0亿元), in 万元 with one decimal below it
(2000.0万元); counts in their unit, whole 万 as 万 (2万家); a qualifier where the source gives one
(450多家, 近60个, 突破200.0亿元); growth as 同比增长 / 同比下降 with one decimal; and 暂无数据 wherever
there is no figure, never a zero.
"""

from decimal import ROUND_HALF_UP, Decimal

NO_DATA = "暂无数据"
YI = Decimal(100_000_000)
WAN = Decimal(10_000)
ONE_DECIMAL = Decimal("0.1")


def one_decimal(value: Decimal) -> Decimal:
    """Rounded half up to one decimal, never "-0.0"."""
    rounded = Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded


def money_parts(value: Decimal) -> tuple[Decimal, str]:
    """(number, unit) as shown: 9220000000 -> (92.2, "亿元"), 20000000 -> (2000.0, "万元")."""
    value = Decimal(value)
    if abs(value) >= YI:
        return one_decimal(value / YI), "亿元"
    if abs(value) >= WAN:
        return one_decimal(value / WAN), "万元"
    return one_decimal(value), "元"


def in_yi(value: Decimal | None) -> Decimal | None:
    """Money in 亿元, one decimal: the unit of the brief's tables and charts."""
    return None if value is None else one_decimal(Decimal(value) / YI)


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: Decimal | None, unit: str, qualifier: str = "") -> str:
    """A figure in its base unit (元 for money) as the brief writes it, with its qualifier."""
    if value is None:
        return NO_DATA
    value = Decimal(value)
    if unit == "元":
        number, shown = money_parts(value)
        text = f"{number:f}"
    elif value >= WAN and value % WAN == 0:
        number, shown = value / WAN, f"万{unit}"
        text = _plain(number)
    else:
        number, shown = value, unit
        text = _plain(value)
    if qualifier in ("近", "超", "约"):
        return f"{qualifier}{text}{shown}"
    if qualifier in ("多", "余"):
        # 多 stands before the counted unit (450多家, 2万多家) and before the magnitude of money (10多亿元).
        if unit == "元":
            return f"{text}{qualifier}{shown}"
        return f"{text}{shown[: -len(unit)]}{qualifier}{unit}"
    return f"{text}{shown}"


def target_amount(value: Decimal, unit: str, qualifier: str) -> str:
    """A target as plans state it: 突破200.0亿元, 300家."""
    text = amount(value, unit)
    return f"突破{text}" if qualifier == "超" else text


def percent(value: Decimal | None) -> str:
    return NO_DATA if value is None else f"{one_decimal(value):f}%"


def growth(value: Decimal | None, prefix: str = "同比") -> str:
    """同比增长6.1%, 同比下降3.0%, 与上年同期持平; 同比暂无数据 when there is no growth."""
    if value is None:
        return f"{prefix}{NO_DATA}"
    rounded = one_decimal(value)
    if rounded > 0:
        return f"{prefix}增长{rounded:f}%"
    if rounded < 0:
        return f"{prefix}下降{-rounded:f}%"
    return "与上年同期持平" if prefix == "同比" else f"{prefix}持平"


def signed_percent(value: Decimal | None) -> str:
    """For table cells: +6.1, -3.0; 暂无数据 without a figure."""
    if value is None:
        return NO_DATA
    rounded = one_decimal(value)
    return f"{rounded:+f}" if rounded else "0.0"


def count(n: int, unit: str = "个") -> str:
    return f"{n}{unit}"


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二, 23 -> 二十三: the numbering of sections （一）（二）…"""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, units = divmod(n, 10)
    if n < 100:
        return f"{'' if tens == 1 else digits[tens]}十{digits[units] if units else ''}"
    return str(n)
