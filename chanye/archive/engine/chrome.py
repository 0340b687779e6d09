"""Page chrome of saved newspaper-database and news-site pages: what the site prints around an
article (banner, navigation, copyright notice, app advertisements), as opposed to the article.

Rules are data: each says what it removes and why, and may read metadata from the line it
removes (publication, date, edition, section). Lines are matched in their normalised form, so a
rule is written once for "第13版:社会" and "第１３版：社会". Every removed line is reported with
its rule, so that the platform can show what was taken away.
"""

import datetime
import re
from dataclasses import dataclass
from itertools import groupby

from .normalize import normalize_line, to_simplified


@dataclass(frozen=True)
class Rule:
    reason: str  # why the line goes, shown to the user
    pattern: re.Pattern  # matched against the normalised line (re.search)
    block: bool = False  # the notice's body, the paragraph after the line, goes too
    title_before: bool = False  # the nearest kept line before this one is the article's title


def _rule(reason: str, pattern: str, **options) -> Rule:
    return Rule(reason, re.compile(pattern, re.IGNORECASE), **options)


_DATE = r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)"
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
# Words of a page's navigation bar; a line made of nothing else is navigation. Rules that match
# the start of a line stop at sentence punctuation, so that a sentence beginning with the same
# words ("订阅用户数达到10万。") is never taken for chrome.
_NAVIGATION_WORDS = (
    r"返回目录|返回首页|返回顶部|返回|放大|缩小|全文复制|复制|上一篇|下一篇|上一版|下一版|上一期|下一期"
    r"|打印本页|打印|关闭窗口|关闭|收藏|字号|[大中小]|默认|【|】|\[|\]|\||/|：|:|\s"
)

RULES = [
    # "第13版:社会": the page (版) and its section, printed at the top of a database page.
    _rule("版面栏目", r"^第(?P<edition>\d{1,3})版(?:[：:](?P<section>\S{1,12}))?$"),
    # "人民日报图文数据库(1946-2021)": the database's banner.
    _rule(
        "数据库名称",
        r"^(?P<publication>\S{1,10}?(?:报|刊|志|网|社))(?:图文|全文|电子|报刊)?数据库(?:（\d{4}-\d{4}）)?$",
    ),
    # "人民日报 2024年01月23日 星期二": the paper's masthead with the day of the issue.
    _rule("报头日期", rf"^(?P<publication>\S{{2,12}}?(?:报|刊))\s*{_DATE}\s*(?:{_WEEKDAY})?$"),
    # "返回目录  放大缩小全文复制    上一篇  下一篇", "打印本页 关闭窗口": navigation links.
    _rule("页面导航", rf"^(?=.*(?:返回|上一篇|下一篇|打印|关闭窗口|放大|缩小|全文复制))(?:{_NAVIGATION_WORDS})+$"),
    # "《 人民日报 》( 2024年01月23日   第 13 版)": the citation under the title; the line above it
    # is the title.
    _rule(
        "出处行", rf"^《(?P<publication>[^》]{{2,12}})》（{_DATE}\s*第(?P<edition>\d{{1,3}})版）$", title_before=True
    ),
    # "版权声明" and the notice under it, up to the next blank line.
    _rule("版权声明", r"^(?:版权声明|免责声明)$", block=True),
    # One-line copyright notices: "版权所有 人民网", "Copyright © 1997-2024".
    _rule("版权信息", r"^(?:版权所有|copyright|©|\(c\)|（c）)[^。！？]{0,80}$"),
    # "责任编辑：张三", "(责编：李四)": the site's editor, not the article's author.
    _rule("责任编辑", r"^[（(【\[]?(?:责任编辑|责编)[：:]\s*(?P<editor>[^）)】\]]{1,20})[）)】\]]?$"),
    # "来源：人民网": the site that republished the article (kept as metadata); "来源：安徽日报 日期：2024-05-21": its
    # name and the day it is dated, apart.
    _rule(
        "来源行",
        r"^来源[：:]\s*(?P<source>[^。！？\s]{1,29})\s+(?:日期|时间|发布时间)[：:]\s*"
        r"(?P<date>\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)[^。！？]{0,12}$",
    ),
    _rule("来源行", r"^来源[：:]\s*(?P<source>[^。！？\s][^。！？]{0,29})$"),
    # "发布时间:2018-08-10 来源:太仓日报": the day first, then the publisher.
    _rule(
        "来源行",
        r"^(?:发布时间|发布日期|日期|时间)[：:]\s*(?P<date>\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
        r"\s*来源[：:]\s*(?P<source>[^。！？\s]{1,29})$",
    ),
    # "分享到：微信 微博 QQ空间": share buttons.
    _rule("分享按钮", r"^分享到[^。！？]{0,40}$"),
    # "人民日报手机报", "移动用户 发送RMRB10658000": subscription to the paper by text message.
    _rule("订阅信息", r"^\S{2,10}手机报$"),
    _rule("订阅信息", r"^(?:移动|联通|电信)用户\s*(?:发送|编辑短信)\s*\S+"),
    _rule("订阅信息", r"^(?:扫码|扫描二维码|长按识别|长按二维码|关注我们|欢迎关注|点击订阅)[^。！？]{0,30}$"),
    # "• ios版", "• android版", "• 微信小程序": app download links.
    _rule("客户端下载", r"^[•·●▪◆\-]?\s*(?:ios|iphone|ipad|android|安卓|苹果|鸿蒙)\s*(?:版|客户端)$"),
    _rule(
        "客户端下载", r"^[•·●▪◆\-]?\s*(?:微信小程序|微信公众号|小程序|客户端|客户端下载|下载客户端|app下载|下载app)$"
    ),
]


@dataclass(frozen=True)
class _Match:
    rule: Rule
    groups: dict


def _match(line: str) -> _Match | None:
    for rule in RULES:
        if found := rule.pattern.search(line):
            return _Match(rule, {k: v for k, v in found.groupdict().items() if v})
    return None


def _iso_date(text: str) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    try:
        return datetime.date(*numbers[:3]).isoformat()
    except (TypeError, ValueError):
        return ""


def _metadata_from(groups: dict) -> dict:
    """The metadata a removed line tells, in the platform's terms."""
    fields = {}
    for name, value in groups.items():
        value = value.strip()
        if name == "date":
            value = _iso_date(value)
        elif name == "edition":
            value = f"第{int(value)}版"
        if value:
            fields[name] = value
    return fields


def _notice_body(lines: list[str], start: int) -> list[int]:
    """Indices of the paragraph that follows line start (blank lines before it skipped)."""
    index = start + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    body = []
    while index < len(lines) and lines[index].strip():
        body.append(index)
        index += 1
    return body


def _previous_kept(lines: list[str], removed: dict[int, str], before: int) -> int | None:
    for index in range(before - 1, -1, -1):
        if index not in removed and lines[index].strip():
            return index
    return None


def _without(lines: list[str], removed: dict[int, str]) -> tuple[list[str], list[int | None]]:
    """The kept lines, and for each the index of the line it was (None for a blank line put in).

    A stretch of removed and blank lines between two kept lines closes up to its widest run of
    blank lines (at least one); at the start or the end of the page it goes entirely. So removing
    chrome neither glues two paragraphs together nor opens a wide gap that would make the next
    short line look like a picture standing alone.
    """
    kept, origins, stretch = [], [], []

    def close(at_end: bool) -> None:
        if any(index in removed for index in stretch):
            blank_runs = [len(list(run)) for blank, run in groupby(stretch, key=lambda i: i not in removed) if blank]
            between = bool(kept) and not at_end  # at the start or the end of the page, no gap at all
            width = max(max(blank_runs, default=0), 1) if between else 0
            kept.extend([""] * width)
            origins.extend([None] * width)
        else:
            kept.extend(lines[index] for index in stretch)
            origins.extend(stretch)
        stretch.clear()

    for index, line in enumerate(lines):
        if index in removed or not line.strip():
            stretch.append(index)
        else:
            close(at_end=False)
            kept.append(line)
            origins.append(index)
    close(at_end=True)
    return kept, origins


def strip_chrome(lines: list[str]) -> tuple[dict, list[str]]:
    """Remove page chrome from the lines of a saved page.

    Returns (metadata, kept lines). metadata holds what the chrome told: publication, date
    (ISO), edition ("第13版"), section, title, editor, source, when found (the first line that
    tells a field wins), and "removed": every removed line as {"line": 1-based number, "text":
    the line as it was, "reason": the rule}.
    """
    metadata, kept, _ = strip_chrome_with_origins(lines)
    return metadata, kept


def strip_chrome_with_origins(lines: list[str]) -> tuple[dict, list[str], list[int | None]]:
    """strip_chrome(), and for each kept line the 0-based index of the input line it was
    (None for a blank line that stands for a removed stretch)."""
    normalised = [normalize_line(to_simplified(line)) for line in lines]
    removed: dict[int, str] = {}
    metadata: dict = {}
    for index, line in enumerate(normalised):
        if index in removed or not line:
            continue
        match = _match(line)
        if match is None:
            continue
        removed[index] = match.rule.reason
        for name, value in _metadata_from(match.groups).items():
            metadata.setdefault(name, value)
        if match.rule.block:
            removed.update(dict.fromkeys(_notice_body(lines, index), match.rule.reason))
        if match.rule.title_before and (title := _previous_kept(lines, removed, index)) is not None:
            metadata.setdefault("title", normalised[title])
    metadata["removed"] = [
        {"line": index + 1, "text": lines[index], "reason": reason} for index, reason in sorted(removed.items())
    ]
    kept, origins = _without(lines, removed)
    return metadata, kept, origins
