"""统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.

18 characters: registration authority (1), organisation type (1), administrative division (6),
organisation code (9), check character (1). The alphabet leaves out I, O, S, V and Z, which
are easily misread; the check character is a weighted sum modulo 31 over the first 17.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


class InvalidCreditCode(ValueError):
    """The code is not a well-formed 统一社会信用代码; the message says why, in Chinese."""


def normalise(code: str) -> str:
    """Upper-case and strip spaces and full-width characters users paste from Word."""
    table = {ord(c): ord(c) - 0xFEE0 for c in map(chr, range(0xFF01, 0xFF5F))}
    return "".join(code.translate(table).split()).upper()


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(code: str) -> str:
    """Return the normalised code, or raise InvalidCreditCode with the reason."""
    code = normalise(code)
    if len(code) != LENGTH:
        raise InvalidCreditCode(f"统一社会信用代码应为18位，实际为{len(code)}位")
    if bad := sorted({c for c in code if c not in ALPHABET}):
        raise InvalidCreditCode(f"统一社会信用代码含有不允许的字符：{''.join(bad)}")
    if not code[2:8].isdigit():
        raise InvalidCreditCode("统一社会信用代码第3-8位应为行政区划码（数字）")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidCreditCode(f"统一社会信用代码校验位错误：应为{expected}，实际为{code[17]}")
    return code


def is_valid(code: str) -> bool:
    try:
        validate(code)
    except InvalidCreditCode:
        return False
    return True
