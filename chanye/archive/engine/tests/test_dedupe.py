"""content_hash() and near_duplicate(): the same text typed differently, the same story told twice."""

import pytest

from chanye.archive.engine import dedupe
from chanye.archive.engine.pipeline import clean

from ._seeds import PAPER, RMRB, read

# Two short paragraphs of my own on unrelated subjects.
PARKS = (
    "大渡口区今年新建成一批口袋公园，市民在家门口就能散步健身。公园里种植了银杏、桂花等树木，"
    "还设置了儿童游乐设施和健身步道，周末吸引不少家庭前来游玩。"
)
FIRE = (
    "为做好今冬明春森林防火工作，区应急管理局组织开展专题培训，讲解火灾隐患排查、扑救装备使用和"
    "应急疏散流程，要求各街道落实值守制度，确保发现火情及时处置。"
)


@pytest.mark.parametrize(
    "variant",
    [
        "重庆市大渡口区:不断壮大产业集群,交出经济高质量发展答卷.\n\n总投资３８０亿元",
        "重庆市大渡口区：不断壮大产业集群，\n交出经济高质量发展答卷.\n\n\n  总投资380亿元",
        "重慶市大渡口區：不斷壯大產業集群，交出經濟高質量發展答卷.\u3000总投资\u00a0380亿元",
    ],
)
def test_formatting_only_differences_are_exact_duplicates(variant):
    assert dedupe.content_hash(variant) == dedupe.content_hash(
        "重庆市大渡口区：不断壮大产业集群，交出经济高质量发展答卷.总投资380亿元"
    )


def test_a_changed_figure_is_not_an_exact_duplicate():
    assert dedupe.content_hash("营收92.2亿元") != dedupe.content_hash("营收92.3亿元")
    assert len(dedupe.content_hash("")) == 64


def test_the_two_seed_reports_of_one_story_are_near_duplicates():
    rmrb, paper = clean(read(RMRB)).text, clean(read(PAPER)).text
    similar, score = dedupe.near_duplicate(rmrb, paper)
    assert similar and score == pytest.approx(0.398, abs=0.005)  # measured: 507 of 1274 shingles
    assert dedupe.near_duplicate(read(RMRB), read(PAPER))[0]  # also as files, page chrome and all


def test_a_short_report_of_the_same_story_is_a_near_duplicate_of_the_long_one():
    rmrb = clean(read(RMRB)).text
    assert dedupe.near_duplicate(rmrb[: len(rmrb) // 3], clean(read(PAPER)).text)[0]


def test_unrelated_texts_are_not_near_duplicates():
    similar, score = dedupe.near_duplicate(PARKS, FIRE)
    assert not similar and score < 0.05
    assert not dedupe.near_duplicate(PARKS, clean(read(PAPER)).text)[0]


def test_a_sentence_of_set_phrases_is_not_a_duplicate_of_a_long_report():
    slogan = "今年以来，大渡口区大数据智能化产业加快发展，重点项目建设有序推进，产业集群规模不断扩大，为全区经济高质量发展注入新动能。"
    similar, score = dedupe.near_duplicate(slogan, clean(read(PAPER)).text)
    assert score > dedupe.NEAR_DUPLICATE_THRESHOLD and not similar  # shares phrases, not a story


def test_similarity_is_symmetric_and_one_for_the_same_text():
    assert dedupe.similarity(PARKS, FIRE) == dedupe.similarity(FIRE, PARKS)
    assert dedupe.similarity(PARKS, PARKS) == 1.0
    assert dedupe.similarity("", PARKS) == 0.0


def test_punctuation_does_not_count():
    assert dedupe.similarity("扑救装备、应急疏散流程", "扑救装备，应急疏散流程") == 1.0


def test_sketches_let_the_seed_pair_through_and_keep_unrelated_texts_out():
    from chanye.archive.engine import dedupe
    from chanye.archive.engine.tests._seeds import PAPER, RMRB, read

    first, second = dedupe.sketch(read(RMRB)), dedupe.sketch(read(PAPER))
    assert dedupe.may_be_near_duplicate(first, second)
    unrelated = dedupe.sketch("今天天气晴朗，适合出门散步。公园里的花开得正好，孩子们在草地上奔跑嬉戏。" * 3)
    assert not dedupe.may_be_near_duplicate(first, unrelated)


def test_signatures_keep_the_hashes_the_stored_sketches_and_fingerprints_were_made_with():
    # An archive keeps every document's sketch and fingerprints: a faster signature() must give the same
    # numbers as each shingle's own blake2b (_hash), or new documents would never match stored ones.
    text = read(PAPER) + "\n营收92.2亿元，同比增长10.01%。"
    hashes = sorted({dedupe._hash(s) for s in dedupe.shingles(text)})
    sketch, fingerprints = dedupe.signature(text)
    assert sketch == {"n": len(hashes), "min": hashes[: dedupe.SKETCH_SIZE]}
    assert fingerprints == sorted({h // dedupe.SAMPLE for h in hashes if h % dedupe.SAMPLE == 0})
    assert dedupe.signature("短文") == ({"n": 0, "min": []}, [])
