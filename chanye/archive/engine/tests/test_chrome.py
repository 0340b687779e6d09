"""strip_chrome(): the newspaper database's page furniture goes, what it tells is kept."""

import json

import pytest

from chanye.archive.engine.chrome import RULES, strip_chrome

from ._seeds import PAPER, RMRB, read

RMRB_CHROME = [
    "第13版:社会",
    "人民日报图文数据库(1946-2021)",
    "人民日报 2024年01月23日 星期二",
    "返回目录",  # the navigation bar: 返回目录  放大缩小全文复制    上一篇  下一篇
    "《 人民日报 》(",
    "版权声明",
    "《人民日报》(电子版)的一切内容",
    "人民日报手机报",
    "移动用户 发送RMRB10658000",
    "联通用户 发送RMRB10655111",
    "• ios版",
    "• android版",
    "• 微信小程序",
]


@pytest.fixture(scope="module")
def rmrb():
    lines = read(RMRB).split("\n")
    metadata, kept = strip_chrome(lines)
    return lines, metadata, kept


def test_the_database_page_tells_publication_date_edition_section_and_title(rmrb):
    _, metadata, _ = rmrb
    assert {k: v for k, v in metadata.items() if k != "removed"} == {
        "publication": "人民日报",
        "date": "2024-01-23",
        "edition": "第13版",
        "section": "社会",
        "title": "重庆市大渡口区：不断壮大产业集群 交出经济高质量发展答卷",
    }


def test_every_chrome_line_is_removed_and_reported_with_its_line_and_reason(rmrb):
    lines, metadata, kept = rmrb
    removed = metadata["removed"]
    assert len(removed) == len(RMRB_CHROME)
    for chrome, entry in zip(RMRB_CHROME, removed, strict=True):
        assert chrome in entry["text"]
        assert lines[entry["line"] - 1] == entry["text"]  # the line as it was, 1-based
        assert entry["reason"]
    kept_text = "\n".join(kept)
    for chrome in [
        "返回目录",
        "上一篇",
        "版权声明",
        "人民网股份有限公司",
        "RMRB",
        "ios版",
        "微信小程序",
        "图文数据库",
        "星期二",
    ]:
        assert chrome not in kept_text
    assert json.dumps(metadata, ensure_ascii=False)  # stored as JSON by the platform


def test_the_article_itself_is_kept(rmrb):
    lines, _, kept = rmrb
    kept_text = "\n".join(kept)
    assert kept[0] == "重庆市大渡口区:不断壮大产业集群 交出经济高质量发展答卷"  # the title stays, as text
    for line in lines[12:55]:  # the article, from its first paragraph to 数据来源
        assert line in kept_text


def test_removing_chrome_closes_the_gap_it_leaves(rmrb):
    _, _, kept = rmrb
    text = "\n".join(kept)
    assert "\n\n\n" not in text
    assert strip_chrome(["第一段。", "打印本页 关闭窗口", "第二段。"])[1] == ["第一段。", "", "第二段。"]


def test_a_page_without_chrome_is_left_alone():
    lines = read(PAPER).split("\n")
    metadata, kept = strip_chrome(lines)
    assert kept == lines and metadata == {"removed": []}


@pytest.mark.parametrize(
    ("line", "reason", "field"),
    [
        ("打印本页  关闭窗口", "页面导航", None),
        ("【字号 大 中 小】 打印 关闭", "页面导航", None),
        ("责任编辑：张三", "责任编辑", ("editor", "张三")),
        ("（责编：李四、王五）", "责任编辑", ("editor", "李四、王五")),
        ("来源：人民网－人民日报", "来源行", ("source", "人民网－人民日报")),
        ("来源: 安徽日报 日期: 2024-05-21", "来源行", ("source", "安徽日报")),  # eval dev g05
        ("来源：新华社 时间：2023年5月2日 10:30", "来源行", ("date", "2023-05-02")),
        ("发布时间:2018-08-10 来源:太仓日报", "来源行", ("source", "太仓日报")),  # eval dev n05, day first
        ("发布时间：2018-08-10来源：太仓日报", "来源行", ("date", "2018-08-10")),  # as normalised, the space gone
        ("分享到：微信 微博 QQ空间", "分享按钮", None),
        ("版权所有 © 人民网股份有限公司", "版权信息", None),
        ("Copyright © 1997-2024 by www.people.com.cn", "版权信息", None),
        ("扫描二维码下载客户端", "订阅信息", None),
        ("• iPhone版", "客户端下载", None),
        ("下载客户端", "客户端下载", None),
        ("第５版：要闻", "版面栏目", ("edition", "第5版")),
        ("光明日報 2023年12月18日 星期一", "报头日期", ("publication", "光明日报")),
    ],
)
def test_generic_chrome_of_news_sites(line, reason, field):
    metadata, kept = strip_chrome(["正文第一段。", "", line, "", "正文第二段。"])
    assert kept == ["正文第一段。", "", "正文第二段。"]
    assert [(entry["text"], entry["reason"]) for entry in metadata["removed"]] == [(line, reason)]
    if field:
        assert metadata[field[0]] == field[1]


@pytest.mark.parametrize(
    "line",
    [
        "数据来源:中共重庆市大渡口区委宣传部",
        "来源于群众的意见，要认真办理。",
        "记者在上一篇报道中提到的项目已经开工。",
        "他说，版权声明要写清楚。",
        "重庆小面产业园生产基地一期建成投用。",
        "关闭落后产能，是我们的责任。",
        "订阅用户数达到10万。",
        "版权所有人应当依法维护自己的权益。",
        "分享到朋友圈的照片引来不少点赞。",
        "产业链企业数据库",
    ],
)
def test_sentences_that_merely_mention_chrome_words_are_kept(line):
    metadata, kept = strip_chrome([line])
    assert kept == [line] and metadata["removed"] == []


def test_a_copyright_notice_goes_with_its_body_and_no_further():
    lines = ["正文。", "", "版权声明", "", "本网站所有内容未经授权不得转载。", "违者必究。", "", "正文之后的一段。"]
    metadata, kept = strip_chrome(lines)
    assert [entry["text"] for entry in metadata["removed"]] == [
        "版权声明",
        "本网站所有内容未经授权不得转载。",
        "违者必究。",
    ]
    assert kept == ["正文。", "", "正文之后的一段。"]


def test_the_first_line_that_tells_a_field_wins():
    metadata, _ = strip_chrome(["人民日报 2024年01月23日 星期二", "标题", "《光明日报》（2023年12月18日 第5版）"])
    assert metadata["publication"] == "人民日报" and metadata["date"] == "2024-01-23"
    assert metadata["edition"] == "第5版" and metadata["title"] == "标题"


def test_an_impossible_date_is_not_reported():
    metadata, _ = strip_chrome(["人民日报 2024年02月30日 星期五"])
    assert "date" not in metadata


def test_rules_are_data_each_with_a_reason():
    assert RULES and all(rule.reason and rule.pattern.pattern for rule in RULES)
