from decimal import Decimal

import pytest

from chanye.lib.units import (
    APPROX,
    COUNT_UNITS,
    MONEY_UNITS,
    UnitError,
    format_money,
    format_value,
    parse_amount,
    to_base,
)

D = Decimal


def exactly(actual: Decimal, expected: str) -> bool:
    """Equal and written the same way: no 9220000000.0, no 9.22E+9 in storage or display."""
    return actual == D(expected) and str(actual) == expected


# -- to_base ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "base", "base_unit"),
    [
        ("92.2", "亿元", "9220000000", "元"),
        (D("92.2"), "亿元", "9220000000", "元"),
        (92.2, "亿元", "9220000000", "元"),  # a float is read as written, not as its binary expansion
        (10, "亿元", "1000000000", "元"),
        ("2000", "万元", "20000000", "元"),
        ("0.0001", "万元", "1", "元"),
        ("1.5", "千元", "1500", "元"),
        ("3.25", "百万元", "3250000", "元"),
        ("1.2", "千亿元", "120000000000", "元"),
        ("1.05", "万亿元", "1050000000000", "元"),
        ("12.5", "元", "12.5", "元"),
        ("-3.4", "亿元", "-340000000", "元"),
        ("450", "家", "450", "家"),
        ("1.89", "%", "1.89", "%"),
        ("1.890", "%", "1.89", "%"),
        ("12000", "千瓦时", "12000", "千瓦时"),
        (" 92.2 ", " 亿元 ", "9220000000", "元"),
        ("１２．５", "万元", "125000", "元"),
    ],
)
def test_to_base(value, unit, base, base_unit):
    result, result_unit = to_base(value, unit)
    assert exactly(result, base)
    assert result_unit == base_unit


def test_to_base_is_exact_beyond_float_precision():
    # 0.1 + 0.2 style errors and 17-digit floats must never reach storage.
    assert to_base("123456789012.3456789", "亿元")[0] == D("12345678901234567890")
    assert to_base("0.00000001", "亿元")[0] == D(1)


def test_every_money_unit_and_every_count_unit_is_known():
    for unit, factor in MONEY_UNITS.items():
        assert to_base(1, unit) == (D(factor), "元")
    for unit in COUNT_UNITS:
        assert to_base(7, unit) == (D(7), unit)


@pytest.mark.parametrize("unit", ["美元", "亿", "万", "kg", ""])
def test_to_base_names_an_unknown_unit(unit):
    with pytest.raises(UnitError, match=f"未知的单位：“{unit}”"):
        to_base("1", unit)


@pytest.mark.parametrize("value", ["abc", "", "1.2.3", "NaN", "Infinity", None, True])
def test_to_base_refuses_what_is_not_a_number(value):
    with pytest.raises(UnitError, match="数值"):
        to_base(value, "元")


def test_unit_error_is_a_value_error():
    assert issubclass(UnitError, ValueError)


# -- parse_amount -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("92.2亿元", "9220000000", "元", ""),
        ("10.6亿元", "1060000000", "元", ""),
        ("2000万元", "20000000", "元", ""),
        ("350元", "350", "元", ""),
        ("5千元", "5000", "元", ""),
        ("3百万元", "3000000", "元", ""),
        ("1.5万亿元", "1500000000000", "元", ""),
        ("450多家", "450", "家", "多"),
        ("300余家", "300", "家", "余"),
        ("近2亿元", "200000000", "元", "近"),
        ("2万多家", "20000", "家", "多"),
        ("10多亿元", "1000000000", "元", "多"),
        ("1亿多元", "100000000", "元", "多"),
        ("超100亿元", "10000000000", "元", "超"),
        ("超过50项", "50", "项", "超"),
        ("逾300家", "300", "家", "超"),
        ("100亿元以上", "10000000000", "元", "超"),
        ("约5亿元", "500000000", "元", "约"),
        ("2亿元左右", "200000000", "元", "约"),
        ("1.89%", "1.89", "%", ""),
        ("-3.2%", "-3.2", "%", ""),
        ("12人", "12", "人", ""),
        ("3万户", "30000", "户", ""),
        ("1.2万吨", "12000", "吨", ""),
        ("1.2万千瓦时", "12000", "千瓦时", ""),
        ("500千瓦时", "500", "千瓦时", ""),
        ("200万人份", "2000000", "人份", ""),
        ("１０．６亿元", "1060000000", "元", ""),
        ("２０００万元", "20000000", "元", ""),
        (" 92.2 亿元 ", "9220000000", "元", ""),
        ("1,234.5万元", "12345000", "元", ""),
        ("二十三个", "23", "个", ""),
        ("一千家", "1000", "家", ""),
        ("十二项", "12", "项", ""),
        ("三十多家", "30", "家", "多"),
        ("十多亿元", "1000000000", "元", "多"),
        ("两万五千人", "25000", "人", ""),
        ("一千零五家", "1005", "家", ""),
        ("一亿二千万元", "120000000", "元", ""),
        ("五百亿元", "50000000000", "元", ""),
    ],
)
def test_parse_amount(text, value, unit, qualifier):
    result = parse_amount(text)
    assert exactly(result[0], value)
    assert result[1:] == (unit, qualifier)


def test_every_qualifier_is_stored_as_one_of_five():
    qualifiers = {
        parse_amount(text)[2]
        for text in [
            "近2亿元",
            "超2亿元",
            "超过2亿元",
            "逾2亿元",
            "约2亿元",
            "2亿元以上",
            "2亿元左右",
            "2多亿元",
            "2余亿元",
        ]
    }
    assert qualifiers == {"多", "近", "超", "约", "余"}
    assert {"逾", "超过", "以上", "左右"} < APPROX


@pytest.mark.parametrize("text", ["5美元", "92.2亿美元", "3台"])
def test_parse_amount_names_an_unknown_unit(text):
    with pytest.raises(UnitError, match=f"“{text}”：未知的单位"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["", "abc", "亿元", "多家", "1.2.3亿元", "约"])
def test_parse_amount_refuses_garbage_and_quotes_it(text):
    with pytest.raises(UnitError, match=f"无法识别的数量：“{text}”"):
        parse_amount(text)


def test_parse_amount_refuses_two_qualifiers():
    with pytest.raises(UnitError, match="约数说法重复（约、多）"):
        parse_amount("约2万多家")


def test_parse_amount_refuses_a_magnitude_on_a_percentage():
    with pytest.raises(UnitError, match="百分数"):
        parse_amount("2万%")


@pytest.mark.parametrize("text", ["一二家", "万家"])
def test_parse_amount_refuses_malformed_chinese_numerals(text):
    with pytest.raises(UnitError):
        parse_amount(text)


# -- formatting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "digits", "shown"),
    [
        (D("9220000000"), "亿元", 1, "92.2亿元"),
        (D("9220000000"), "万元", 1, "922000.0万元"),
        (D("9225000000"), "亿元", 1, "92.3亿元"),  # half up
        (D("9224999999"), "亿元", 1, "92.2亿元"),
        (D("9220000000"), "亿元", 2, "92.20亿元"),
        (D("9220000000"), "亿元", 0, "92亿元"),
        (D("-9220000000"), "亿元", 1, "-92.2亿元"),
        (D("-1060000000"), "万元", 1, "-106000.0万元"),
        (D("-1000"), "亿元", 1, "0.0亿元"),  # rounds to nothing: no "-0.0"
        (D("0"), "亿元", 1, "0.0亿元"),
        (D("1e12"), "亿元", 1, "10000.0亿元"),  # never exponent notation
        (D("350"), "元", 1, "350.0元"),
    ],
)
def test_format_money(value, unit, digits, shown):
    assert format_money(value, unit, digits) == shown


def test_format_money_defaults_to_one_decimal_in_yi_yuan():
    assert format_money(D("9220000000")) == "92.2亿元"


def test_format_money_refuses_a_unit_that_is_not_money():
    with pytest.raises(UnitError, match="未知的金额单位：“家”"):
        format_money(D(450), "家")


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (D("9220000000"), "元", "92.2亿元"),
        (D("10000000000"), "元", "100亿元"),
        (D("100000000"), "元", "1亿元"),  # exactly 1亿 is shown in 亿元
        (D("123456789"), "元", "1.23亿元"),
        (D("99990000"), "元", "9999万元"),
        (D("20000000"), "元", "2000万元"),
        (D("12345678"), "元", "1234.57万元"),
        (D("10000"), "元", "1万元"),  # exactly 1万 is shown in 万元
        (D("9999"), "元", "9999元"),
        (D("123.456"), "元", "123.46元"),
        (D("0"), "元", "0元"),
        (D("-250000000"), "元", "-2.5亿元"),  # losses: the threshold is on the size, the sign stays
        (D("-50000"), "元", "-5万元"),
        (D("92.2"), "亿元", "92.2亿元"),  # a value still in a money unit is converted first
        (D("450"), "家", "450家"),
        (D("450.00"), "家", "450家"),
        (D("20000"), "家", "20000家"),  # counts are not abbreviated
        (D("1.89"), "%", "1.89%"),
        (D("1.890"), "%", "1.89%"),
        (D("-3.2"), "%", "-3.2%"),
        (D("2.5"), "吨", "2.5吨"),
        (D("1E+3"), "个", "1000个"),
    ],
)
def test_format_value(value, unit, shown):
    assert format_value(value, unit) == shown


def test_format_value_refuses_an_unknown_unit():
    with pytest.raises(UnitError, match="未知的单位：“台”"):
        format_value(D(3), "台")


@pytest.mark.parametrize("text", ["92.2亿元", "450家", "1.89%", "2000万元", "23个"])
def test_a_parsed_amount_displays_as_written(text):
    value, unit, _ = parse_amount(text)
    assert format_value(value, unit) == text
