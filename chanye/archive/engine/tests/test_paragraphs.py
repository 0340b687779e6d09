"""split_paragraphs(): paragraphs with their kind (heading, body, caption)."""

import pytest

from chanye.archive.engine.normalize import normalize
from chanye.archive.engine.paragraphs import Paragraph, split_paragraphs

from ._seeds import PAPER, RMRB, read


def kinds(text: str, **options) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in split_paragraphs(text, **options)]


def test_paragraphs_are_separated_by_blank_lines_and_stripped():
    assert kinds("  第一段。\n\n\n第二段。  \n\n") == [("body", "第一段。"), ("body", "第二段。")]


def test_lines_of_one_paragraph_run_together():
    assert kinds("全区新材料产业\n全年实现营收59亿元。") == [("body", "全区新材料产业全年实现营收59亿元。")]
    assert kinds("PRO-AM\nSTUDIOS影视产业园。") == [("body", "PRO-AM STUDIOS影视产业园。")]


@pytest.mark.parametrize("line", ["# 培育产业集群", "## 培育产业集群", "##培育产业集群", "###  培育产业集群  ##"])
def test_markdown_headings_lose_their_hashes_and_are_flagged(line):
    assert kinds(f"{line}\n正文第一句。") == [("heading", "培育产业集群"), ("body", "正文第一句。")]


def test_a_hashtag_is_not_a_heading():
    assert kinds("#重庆小面#走红全网，订单大增。") == [("body", "#重庆小面#走红全网，订单大增。")]


def test_seed_002_headings_and_captions():
    paragraphs = split_paragraphs(normalize(read(PAPER)))
    headings = [p.text for p in paragraphs if p.kind == "heading"]
    captions = [p.text for p in paragraphs if p.kind == "caption"]
    assert headings == [
        "培育“5+2”产业集群“七”头并进推动高质量发展",
        "核心提示",
        "大数据智能化产业 数字经济产业链布局蹄疾步稳",
        "重庆小面产业 打造重点地方特色食品产业",
        "大健康生物医药产业 建设全国体外诊断产业高地",
        "文化休闲旅游及现代服务业 让城市兼具“国际范”“烟火气”",
        "生态环保产业 三年内实现百亿级产值规模",
        "新材料产业 培育西部地区材料产业集聚区",
    ]
    assert captions == [
        "大渡口",
        "大数据智能化产业",
        "大健康生物医药产业",
        "新材料产业",
        "重庆小面产业",
        "生态环保产业",
        "现代服务业",
        "王彩艳 陈佳佳 图片由相关产业办提供",
        "文化休闲旅游产业",
    ]


def test_seed_002_broken_fragments_stay_body():
    paragraphs = split_paragraphs(normalize(read(PAPER)))
    body = [p.text for p in paragraphs if p.kind == "body"]
    assert "作为大渡口的重庆市小面产业园第一家人" in body
    assert "在软件和信息服务业发展方面，今年" in body
    assert body.count("“今年1-11月，全区新材料产业全年") == 2


def test_seed_000_run_in_headings_and_the_data_source_note():
    paragraphs = split_paragraphs(normalize(read(RMRB)))
    assert ("heading", "大健康生物医药产业：建设全国体外诊断产业高地") in [(p.kind, p.text) for p in paragraphs]
    assert ("heading", "生态环保产业：以延链、补链、强链壮大产业规模") in [(p.kind, p.text) for p in paragraphs]
    assert ("caption", "数据来源：中共重庆市大渡口区委宣传部") in [(p.kind, p.text) for p in paragraphs]


def test_a_known_title_is_a_heading():
    text = "关于推进小面产业发展的通知\n\n各有关单位：请做好招商工作。"
    assert kinds(text, headings=("关于推进小面产业发展的通知",))[0] == ("heading", "关于推进小面产业发展的通知")


@pytest.mark.parametrize("line", ["一、总体要求", "（二）发展目标", "第三章 保障措施"])
def test_numbered_headings_of_reports(line):
    assert kinds(f"{line}\n\n坚持稳中求进工作总基调。")[0] == ("heading", line)


def test_speech_after_a_colon_is_not_a_heading():
    assert kinds("负责人说：“今年全区新材料产业")[0][0] == "body"


def test_a_short_line_is_a_caption_only_when_it_stands_alone_or_repeats_a_name():
    page = "新材料产业集群规模初显。\n\n\n\n玻璃纤维\n\n正文继续。\n\n作为全球第四大\n\n国内前三。"
    assert kinds(page) == [
        ("body", "新材料产业集群规模初显。"),
        ("caption", "玻璃纤维"),
        ("body", "正文继续。"),
        ("body", "作为全球第四大"),
        ("body", "国内前三。"),
    ]
    assert kinds("大渡口新材料产业集群规模初显。\n\n新材料产业\n\n正文。")[1] == ("caption", "新材料产业")


@pytest.mark.parametrize(
    "line", ["王彩艳 陈佳佳", "图片由相关产业办提供", "记者 张三", "摄影：李四", "数据来源：区统计局"]
)
def test_credits_are_captions(line):
    assert kinds(f"正文。\n\n{line}")[1] == ("caption", line)


def test_paragraphs_know_their_line():
    assert [p.line for p in split_paragraphs("\n\n甲。\n\n乙。\n丙。\n\n丁。")] == [3, 5, 8]


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="段落类型"):
        Paragraph("正文", "footnote")
