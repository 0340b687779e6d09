"""repair(): paragraphs cut mid-sentence by a shuffled column layout are joined again, every join
is explained and can be undone; whole sentences are never joined."""

import pytest

from chanye.archive.engine.chrome import strip_chrome
from chanye.archive.engine.normalize import normalize
from chanye.archive.engine.paragraphs import Paragraph, split_paragraphs
from chanye.archive.engine.readingorder import apply, candidates, is_sentence_end, repair, undo

from ._seeds import PAPER, RMRB, read

# Seed 002's breaks: (how the fragment ends, how its continuation starts), in the order of the
# fragments on the page. The first three continue in the next body paragraph (the third across
# a picture caption); the others stand 17-18 paragraphs earlier, moved with their column.
SEED_002_JOINS = [
    ("在软件和信息服务业发展方面，今年", "以来，大渡口吸引多家软件企业"),
    ("作为大渡口的重庆市小面产业园第一家人", "驻企业，重庆辣来主义网络科技有限公司"),
    ("体外诊断产业链“链主”单位，", "在今年市发改委公布首批8个市级战略性新兴产业集群名单中"),
    ("大渡口生态环保产业办负责人表示，近年全区引进培育", "了德润环境、三峰环境等一大批生态环保产业重点企业"),
    ("“今年1-11月，全区新材料产业全年", "实现营收59亿元，同比上升6.1%"),
    ("走进大渡口好吃街", "飘香，处处洋溢着浓浓“烟火气”。"),
    ("步入高质量发展“快车道”的三峰环境，", "是大渡口培育生态环保产业的生动诠释。"),
    ("作为全球第四大、", "国内前三的玻璃纤维材料生产商，国际复合材料"),
]


@pytest.fixture(scope="module")
def paper():
    paragraphs = split_paragraphs(normalize(read(PAPER)))
    repaired, joins = repair(paragraphs)
    return paragraphs, repaired, joins


def test_seed_002_breaks_are_all_rejoined_and_nothing_else(paper):
    paragraphs, _, joins = paper
    found = [j for j in joins if j.kind == "join"]
    assert len(found) == len(SEED_002_JOINS)
    for join, (end, start) in zip(found, SEED_002_JOINS, strict=True):
        assert end in join.before and join.before == paragraphs[join.first].text
        assert join.after.startswith(start) and join.after == paragraphs[join.second].text


def test_the_product_owners_example(paper):
    _, repaired, _ = paper
    text = "\n".join(p.text for p in repaired)
    assert "“今年1-11月，全区新材料产业全年实现营收59亿元，同比上升6.1%；产值53亿元，同比上升9.8%。”" in text


def test_the_repeated_fragment_is_joined_once_and_the_repeat_removed(paper):
    paragraphs, repaired, joins = paper
    duplicates = [j for j in joins if j.kind == "duplicate"]
    assert len(duplicates) == 1
    duplicate = duplicates[0]
    assert duplicate.after == duplicate.before == "“今年1-11月，全区新材料产业全年"
    # The occurrence kept is the one in the new-materials text (after "大渡口新材料产业发展办公室负
    # 责人介绍…"), whose join fits its surroundings; the one removed stands after the continuation.
    assert paragraphs[duplicate.first - 1].text.startswith("大渡口新材料产业发展办公室负责人介绍")
    assert paragraphs[duplicate.second - 1].text.startswith("实现营收59亿元")
    assert "与另一处" in duplicate.reason and "重复" in duplicate.reason
    text = "\n".join(p.text for p in repaired)
    assert text.count("今年1-11月，全区新材料产业全年") == 1


def test_every_join_says_why_in_chinese(paper):
    _, _, joins = paper
    for join in joins:
        assert join.reason and any("\u4e00" <= char <= "\u9fff" for char in join.reason)

    def reason(end: str) -> str:
        return next(j.reason for j in joins if j.kind == "join" and j.before.endswith(end))

    assert "以来" in reason("发展方面，今年")
    assert "了" in reason("近年全区引进培育")
    assert "引号" in reason("新材料产业全年")
    assert "图注" in reason("人流如织、美食")
    assert "分栏错位" in reason("“链主”单位，")


def test_after_repair_no_body_paragraph_stops_mid_sentence(paper):
    _, repaired, _ = paper
    assert [p.text for p in repaired if p.kind == "body" and not is_sentence_end(p.text)] == []


def test_a_joined_paragraph_stands_where_its_first_part_stood(paper):
    paragraphs, repaired, joins = paper
    kept = [i for i in range(len(paragraphs)) if i not in {j.second for j in joins}]
    assert len(repaired) == len(kept)
    for index, paragraph in zip(kept, repaired, strict=True):
        assert paragraph.text.startswith(paragraphs[index].text) and paragraph.line == paragraphs[index].line
    for join in joins:
        if join.kind == "join":
            assert join.before + join.after in [p.text for p in repaired]


@pytest.mark.parametrize("with_chrome", [True, False])
def test_seed_000_has_no_breaks_and_nothing_is_joined(with_chrome):
    lines = read(RMRB).split("\n")
    if not with_chrome:
        lines = strip_chrome(lines)[1]
    paragraphs = split_paragraphs(normalize("\n".join(lines)))
    repaired, joins = repair(paragraphs)
    assert joins == [] and repaired == paragraphs


# -- small pages of my own -------------------------------------------------------------------


def page(*texts: str) -> list[Paragraph]:
    return split_paragraphs("\n\n".join(texts))


def test_a_two_column_text_cut_at_a_comma_is_joined():
    paragraphs = page(
        "某公司今年在新能源汽车零部件领域持续加大研发投入，",
        "推动电池管理系统等产品迭代升级，全年营收同比增长12%。",
        "另一家企业则专注于工业软件。",
    )
    repaired, joins = repair(paragraphs)
    assert [p.text for p in repaired] == [
        "某公司今年在新能源汽车零部件领域持续加大研发投入，推动电池管理系统等产品迭代升级，全年营收同比增长12%。",
        "另一家企业则专注于工业软件。",
    ]
    assert "“，”结尾" in joins[0].reason and "紧接" in joins[0].reason


def test_a_paragraph_ending_with_a_full_stop_is_never_joined():
    paragraphs = page("园区今年新增企业20家。", "以来，园区持续优化营商环境。", "了解到，企业对服务很满意。")
    assert repair(paragraphs) == (paragraphs, [])


@pytest.mark.parametrize("ending", ["。", "！", "？", "……", "。”", "？”", "：", "；"])
def test_sentence_ends(ending):
    assert is_sentence_end("大渡口区产业发展捷报频传" + ending)


@pytest.mark.parametrize("text", ["全区新材料产业全年", "三峰环境，", "作为全球第四大、", "被称为“链主”", "（完"])
def test_open_fragments(text):
    assert not is_sentence_end(text)


def test_a_continuation_far_away_is_found_by_its_first_word():
    paragraphs = page(
        "区里近年先后引进",
        "区里的公园今年新建了三座，市民休闲更方便。",
        "图书馆延长了开放时间，周末读者明显增多。",
        "了一批龙头企业，形成了较完整的产业链。",
    )
    repaired, joins = repair(paragraphs)
    assert repaired[0].text == "区里近年先后引进了一批龙头企业，形成了较完整的产业链。"
    assert (joins[0].first, joins[0].second) == (0, 3) and "了" in joins[0].reason


def test_a_quote_left_open_is_closed_by_its_continuation():
    paragraphs = page(
        "负责人说：“今年全区新材料产业", "区里的公园今年新建了三座，市民休闲更方便。", "实现营收59亿元，同比增长6.1%。”"
    )
    repaired, joins = repair(paragraphs)
    assert repaired[0].text == "负责人说：“今年全区新材料产业实现营收59亿元，同比增长6.1%。”"
    assert "引号" in joins[0].reason


def test_a_picture_caption_inside_a_sentence_stays_a_caption():
    paragraphs = page("走进美食街，到处是人流如织、美食\n\n\n", "街景\n\n\n", "飘香，处处洋溢着烟火气。")
    repaired, _ = repair(paragraphs)
    assert [(p.kind, p.text) for p in repaired] == [
        ("body", "走进美食街，到处是人流如织、美食飘香，处处洋溢着烟火气。"),
        ("caption", "街景"),
    ]


def test_a_particle_cannot_follow_a_comma():
    paragraphs = page("步入快车道的三峰环境，", "了德润环境等一批企业落户园区。")
    assert repair(paragraphs)[1] == []


def test_headings_salutations_and_list_items_are_not_fragments():
    paragraphs = page(
        "各街道、各部门：",
        "为深入贯彻落实市委决策部署，结合我区实际，制定本意见。",
        "（一）壮大大数据智能化产业；",
        "（二）做强生物医药产业；",
        "一、总体要求",
        "以来，各单位认真落实。",
    )
    assert repair(paragraphs)[1] == []


def test_topic_alone_does_not_join():
    paragraphs = page(
        "钢花影剧院改造后保留了老厂房的红砖外墙",
        "图书馆延长了开放时间，周末读者明显增多。",
        "钢花影剧院改造后每周上演三场话剧，老厂房的红砖外墙成了打卡地。",
    )
    assert repair(paragraphs)[1] == []


# A page of three short reports whose second column was extracted first: each report's last
# paragraph stands seven paragraphs before the fragment it completes.
COLUMNS = {
    "hA1": "宁远电池公司位于建桥工业园，主要生产动力电池电芯和储能电池模组。",
    "hA2": "近两年，宁远电池公司先后投资建设",
    "tA": "了两条电芯生产线，动力电池年产能提升到八千兆瓦时。",
    "rA": "公司负责人表示，明年将继续扩大储能电池模组的产能。",
    "hB1": "冷链物流园今年新建冷库五万立方米，服务全区生鲜电商企业。",
    "hB2": "园区负责人说：“今年冷链物流园的生鲜吞吐量",
    "tB": "已经突破三十万吨，比去年翻了一番。”",
    "rB": "冷链物流园还引进了冷藏车队和生鲜分拣中心。",
    "hC1": "钢花影剧院改造后重新开放，成为老工业区的文化地标。",
    "hC2": "改造后的钢花影剧院保留了老厂房的红砖外墙，",
    "tC": "在影剧院内部加装了现代声学设施，每周上演三场话剧。",
    "rC": "影剧院周边的老街也开出了咖啡馆和书店。",
}
SHUFFLED = ["tA", "rA", "tB", "rB", "tC", "rC", "hA1", "hA2", "hB1", "hB2", "hC1", "hC2"]


def test_the_column_pattern_joins_a_continuation_that_starts_like_a_sentence():
    paragraphs = page(*(COLUMNS[key] for key in SHUFFLED))
    _, joins = repair(paragraphs)
    pairs = [(SHUFFLED[j.first], SHUFFLED[j.second]) for j in joins]
    assert pairs == [("hA2", "tA"), ("hB2", "tB"), ("hC2", "tC")]
    assert "分栏错位" in joins[2].reason and "“，”结尾" in joins[2].reason


def test_without_the_pattern_the_same_pair_is_left_alone():
    alone = ["tC", "rC", "hC1", "hC2"]
    assert repair(page(*(COLUMNS[key] for key in alone)))[1] == []


def test_candidates_show_the_pairs_considered_best_first():
    paragraphs = page(*(COLUMNS[key] for key in SHUFFLED))
    considered = candidates(paragraphs)
    assert considered[0].score >= considered[-1].score
    assert any(c.fragment == SHUFFLED.index("hC2") and c.continuation == SHUFFLED.index("tC") for c in considered)


# -- undo ------------------------------------------------------------------------------------


def test_undo_restores_the_two_paragraphs_of_one_join_and_keeps_the_others(paper):
    paragraphs, repaired, joins = paper
    which = next(i for i, j in enumerate(joins) if j.before.endswith("美食"))
    restored, remaining = undo(paragraphs, joins, which)
    texts = [p.text for p in restored]
    join = joins[which]
    assert join.before in texts and join.after in texts
    assert texts.index(join.after) > texts.index(join.before)  # back in its own place, after the caption
    assert restored[texts.index(join.before) + 1].kind == "caption"
    assert len(remaining) == len(joins) - 1 and len(restored) == len(repaired) + 1
    assert all(j.before + j.after in texts for j in remaining if j.kind == "join")


def test_undo_of_a_duplicate_brings_the_repeat_back(paper):
    paragraphs, repaired, joins = paper
    which = next(i for i, j in enumerate(joins) if j.kind == "duplicate")
    restored, _ = undo(paragraphs, joins, which)
    assert sum(p.text == "“今年1-11月，全区新材料产业全年" for p in restored) == 1
    assert len(restored) == len(repaired) + 1


def test_undoing_every_join_gives_the_original_paragraphs(paper):
    paragraphs, repaired, joins = paper
    assert apply(paragraphs, joins) == repaired
    current, remaining = repaired, joins
    while remaining:
        current, remaining = undo(paragraphs, remaining, 0)
    assert current == paragraphs


def test_undo_of_a_join_that_does_not_exist_is_refused(paper):
    paragraphs, _, joins = paper
    with pytest.raises(IndexError, match="没有第"):
        undo(paragraphs, joins, len(joins))


def test_chains_are_followed_and_can_be_undone_link_by_link():
    paragraphs = page("区里近年先后引进", "区里的公园今年新建了三座。", "了一批龙头企业，", "形成了较完整的产业链。")
    repaired, joins = repair(paragraphs)
    assert [p.text for p in repaired] == [
        "区里近年先后引进了一批龙头企业，形成了较完整的产业链。",
        "区里的公园今年新建了三座。",
    ]
    assert [(j.first, j.second) for j in joins] == [(0, 2), (2, 3)]
    restored, _ = undo(paragraphs, joins, 0)
    assert [p.text for p in restored] == [
        "区里近年先后引进",
        "区里的公园今年新建了三座。",
        "了一批龙头企业，形成了较完整的产业链。",
    ]
