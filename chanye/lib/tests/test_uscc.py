import pytest

from chanye.lib import uscc

# The worked example printed in GB 32100-2015.
STANDARD_EXAMPLE = "91350100M000100Y43"


def test_the_standard_example_is_valid():
    assert uscc.validate(STANDARD_EXAMPLE) == STANDARD_EXAMPLE


def test_check_character_is_computed_from_the_first_17():
    assert uscc.check_character(STANDARD_EXAMPLE[:17]) == "3"


def test_lower_case_spaces_and_full_width_are_normalised():
    pasted = "９１３５０１００ｍ０００１００ｙ４３ "
    assert uscc.validate(pasted) == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y4", "18位"),
        ("91350100M000100Y44", "校验位错误：应为3"),
        ("91350100M000100I43", "不允许的字符：I"),
        ("913501X0M000100Y43", "行政区划码"),
    ],
)
def test_malformed_codes_are_refused_with_the_reason(code, reason):
    with pytest.raises(uscc.InvalidCreditCode, match=reason):
        uscc.validate(code)
    assert not uscc.is_valid(code)
