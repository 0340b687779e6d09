"""clean(): the whole chain on the two seeds."""

import json

from chanye.archive.engine import dedupe
from chanye.archive.engine.normalize import normalize
from chanye.archive.engine.pipeline import clean
from chanye.archive.engine.readingorder import is_sentence_end, undo

from ._seeds import PAPER, RMRB, read


def test_seed_000_comes_out_without_page_chrome_and_with_its_metadata():
    cleaned = clean(read(RMRB))
    assert {k: cleaned.metadata[k] for k in ("publication", "date", "edition", "section", "title")} == {
        "publication": "人民日报",
        "date": "2024-01-23",
        "edition": "第13版",
        "section": "社会",
        "title": "重庆市大渡口区：不断壮大产业集群 交出经济高质量发展答卷",
    }
    for chrome in [
        "第13版",
        "图文数据库",
        "星期二",
        "返回目录",
        "放大缩小",
        "上一篇",
        "《人民日报》（2024年01月23日",
        "版权声明",
        "人民网股份有限公司",
        "手机报",
        "RMRB10658000",
        "RMRB10655111",
        "ios版",
        "android版",
        "微信小程序",
    ]:
        assert chrome not in cleaned.text, chrome
    assert cleaned.paragraphs[0].kind == "heading" and cleaned.paragraphs[0].text == cleaned.metadata["title"]
    assert cleaned.paragraphs[1].text.startswith("总投资380亿元的重庆华韶智算中心项目正式开建；")
    assert cleaned.paragraphs[-1].text == "数据来源：中共重庆市大渡口区委宣传部"
    assert cleaned.joins == [] and cleaned.duplicates == []
    assert len(cleaned.removed_lines) == 13 and "版权声明" in cleaned.removed_lines


def test_seed_002_comes_out_with_its_broken_paragraphs_rejoined():
    cleaned = clean(read(PAPER))
    assert len(cleaned.joins) == 8 and all(j.kind == "join" and j.reason for j in cleaned.joins)
    for sentence in [
        "在软件和信息服务业发展方面，今年以来，大渡口吸引多家软件企业前往考察",
        "作为大渡口的重庆市小面产业园第一家人驻企业，重庆辣来主义网络科技有限公司",
        "“链主”单位，在今年市发改委公布首批8个市级战略性新兴产业集群名单中",
        "近年全区引进培育了德润环境、三峰环境等一大批生态环保产业重点企业",
        "“今年1-11月，全区新材料产业全年实现营收59亿元",
        "无不是人流如织、美食飘香，处处洋溢着浓浓“烟火气”。",
        "步入高质量发展“快车道”的三峰环境，是大渡口培育生态环保产业的生动诠释。",
        "作为全球第四大、国内前三的玻璃纤维材料生产商",
    ]:
        assert sentence in cleaned.text
    assert all(is_sentence_end(p.text) for p in cleaned.paragraphs if p.kind == "body")
    assert cleaned.metadata == {"removed": cleaned.removed}


def test_the_repeated_fragment_is_reported_among_the_removed_lines():
    cleaned = clean(read(PAPER))
    assert cleaned.removed_lines == ["“今年1-11月，全区新材料产业全年"]
    assert cleaned.removed[0]["line"] == 64 and "重复" in cleaned.removed[0]["reason"]
    assert len(cleaned.duplicates) == 1


def test_paragraphs_are_numbered_by_the_lines_of_the_file():
    lines = read(RMRB).splitlines()
    paragraphs = clean(read(RMRB)).paragraphs
    assert [p.line for p in paragraphs][:3] == [9, 13, 15]
    for paragraph in paragraphs:
        assert normalize(lines[paragraph.line - 1]) == paragraph.text


def test_what_the_platform_stores_is_json():
    cleaned = clean(read(RMRB))
    assert json.loads(json.dumps([cleaned.metadata, cleaned.removed_lines], ensure_ascii=False))


def test_a_join_can_be_undone_from_what_clean_returns():
    cleaned = clean(read(PAPER))
    restored, remaining = undo(cleaned.repaired_from, cleaned.joins + cleaned.duplicates, 0)
    assert len(restored) == len(cleaned.paragraphs) + 1 and len(remaining) == 8


def test_the_same_text_reformatted_and_reencoded_cleans_to_the_same_content_hash():
    text = read(RMRB)
    reformatted = text.replace("\n\n", "\n\n\n").encode("gb18030").decode("gb18030").replace("\n", "\r\n")
    assert dedupe.content_hash(clean(reformatted).text) == dedupe.content_hash(clean(text).text)


def test_an_empty_text_has_no_paragraphs():
    cleaned = clean("")
    assert cleaned.paragraphs == [] and cleaned.joins == [] and cleaned.metadata == {"removed": []}
