"""The review queue as a reviewer reads it (issue 17, point 6): figures already recorded are marked
已登记 and can be left out, the queue is paged, and 查看原文 opens the document at the evidence.

The articles are test inputs written for these tests (测试日报 does not exist); 92.2亿元 is the demo's
recorded figure of 大数据智能化 for 2023年1-10月."""

from django.urls import reverse

from chanye.extraction import services
from chanye.extraction.models import ExtractedFact

from .test_review import article, ingest

QUEUE = reverse("extraction:fact-list")
REPEATED = article(
    "大数据智能化产业数据",
    "2023-12-20",
    "大渡口区产业发展综述。",
    "今年1-10月，全区大数据智能化产业实现营收92.2亿元，同比增长1.89%。",
    "今年1-10月，全区新材料产业实现产值48亿元。",
)
# A bureau's note as printed, naming no place (the figures of 中山市统计局's, eval dev c12, test input here)
NO_PLACE = article("工业运行情况", "2024-01-20", "2023年1-12月，全区工业增加值1506.30亿元，同比增长6.1%。")
MONTHS = article(
    "各月产值",
    "2023-12-20",
    *[
        f"{m}月，全区{c}产业实现产值{m + i}亿元。"
        for i, c in enumerate(["新材料", "生态环保", "大数据智能化"])
        for m in range(1, 12)
    ],
)


def test_a_figure_already_recorded_is_marked_and_can_be_left_out(personas, client_for):
    document = ingest(personas["admin"], "repeat.txt", REPEATED)
    repeated = document.facts.get(indicator__key="revenue")
    new = document.facts.get(indicator__key="output")
    client = client_for(personas["statistics"])
    html = client.get(QUEUE, {"document": document.pk}).content.decode()
    row = html.split(f'id="fact-{repeated.pk}"')[1].split("</tr>")[0]
    assert "已登记" in row
    assert "已登记" not in html.split(f'id="fact-{new.pk}"')[1].split("</tr>")[0]
    hidden = client.get(QUEUE, {"document": document.pk, "unrecorded": "1"}).content.decode()
    assert f'id="fact-{repeated.pk}"' not in hidden and f'id="fact-{new.pk}"' in hidden


def test_the_queue_is_paged(personas, client_for):
    document = ingest(personas["admin"], "months.txt", MONTHS)
    assert document.facts.count() == 33
    client = client_for(personas["statistics"])
    first = client.get(QUEUE, {"document": document.pk}).content.decode()
    second = client.get(QUEUE, {"document": document.pk, "page": 2}).content.decode()
    assert first.count('<tr id="fact-') == 25 and second.count('<tr id="fact-') == 8
    assert "page=2" in first


def test_the_evidence_link_opens_the_document_at_the_sentence(personas, client_for):
    document = ingest(personas["admin"], "repeat.txt", REPEATED)
    fact = document.facts.get(indicator__key="revenue")
    paragraph, _, _ = fact.evidence_in_paragraph()
    client = client_for(personas["statistics"])
    queue = client.get(QUEUE, {"document": document.pk}).content.decode()
    url = fact.evidence_url()
    assert url.endswith(f"#p-{paragraph.position}") and f'href="{url}"' in queue.replace("&amp;", "&")
    page = client.get(url.split("#")[0]).content.decode()
    assert f'<p id="p-{paragraph.position}"' in page
    assert (
        '<mark class="evidence" id="evidence">今年1-10月，全区大数据智能化产业实现营收92.2亿元，同比增长1.89%。</mark>'
        in page
    )
    detail = client.get(fact.get_absolute_url()).content.decode()
    assert "查看原文" in detail and url.replace("&", "&amp;") in detail


def test_a_malformed_mark_shows_the_document_unmarked(personas, client_for):
    document = ingest(personas["admin"], "repeat.txt", REPEATED)
    page = client_for(personas["statistics"]).get(document.get_absolute_url(), {"mark": "x:1:2"})
    assert page.status_code == 200 and "<mark" not in page.content.decode()
    assert ExtractedFact.objects.filter(document=document).exists()


def test_a_figure_whose_region_is_only_assumed_says_so_and_waits_for_a_reviewer(personas, client_for):
    document = ingest(personas["admin"], "note.txt", NO_PLACE)
    fact = document.facts.get(indicator__key="value_added")
    assert fact.region_assumed and fact.region.name == "大渡口区" and fact.confidence < 0.8
    client = client_for(personas["statistics"])
    html = client.get(QUEUE, {"document": document.pk}).content.decode()
    assert "地区为推定" in html.split(f'id="fact-{fact.pk}"')[1].split("</tr>")[0]
    client.post(reverse("extraction:bulk-accept"), {"document": document.pk})
    fact.refresh_from_db()
    assert fact.status == ExtractedFact.Status.PENDING  # bulk acceptance leaves it for a reviewer to confirm
    services.resolve_fact(actor=personas["admin"], fact=fact, target=fact.region, remember=False)
    fact.refresh_from_db()
    assert not fact.region_assumed  # the reviewer said whose it is
    named = ingest(personas["admin"], "named.txt", NO_PLACE.replace("全区".encode(), "大渡口区".encode()))
    assert not named.facts.get(indicator__key="value_added").region_assumed
