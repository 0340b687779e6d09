"""The CJK fonts the brief is set in: Noto Serif CJK SC (body) and Noto Sans CJK SC (headings, charts),
from Debian's fonts-noto-cjk, found through fontconfig (PDF) and matplotlib's font list (charts).

Nothing is downloaded: a machine without the fonts gets a message saying what to install instead of a
PDF or chart of empty boxes.
"""

from functools import cache

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
INSTALL_HINT = "缺少中文字体 Noto CJK：请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk）"


class MissingFont(RuntimeError):
    pass


@cache
def font_file(family: str = SANS) -> str:
    """The font file of a family, or MissingFont."""
    from matplotlib import font_manager

    try:
        return font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        font_manager.fontManager.__init__()  # fonts installed after matplotlib built its cache
        try:
            return font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            raise MissingFont(INSTALL_HINT) from None


def require() -> None:
    for family in (SERIF, SANS):
        font_file(family)
