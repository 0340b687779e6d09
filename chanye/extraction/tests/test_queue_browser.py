"""The review queue in a real browser (Debian's chromium, no network): the 已登记 mark, the pages, and
查看原文 landing on the evidence sentence, marked, in view (issue 17, point 6)."""

import pytest

from chanye.core.tests.test_browser import browser, browser_user, log_in, page  # noqa: F401  (fixtures)

from .test_queue import MONTHS, REPEATED
from .test_review import ingest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_queue_marks_pages_and_opens_the_evidence(demo, live_server, page, django_user_model):  # noqa: F811
    user = browser_user(django_user_model, "tongji", "统计")
    ingest(user, "months.txt", MONTHS)
    repeated = ingest(user, "repeat.txt", REPEATED)
    fact = repeated.facts.get(indicator__key="revenue")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.set_viewport_size({"width": 1280, "height": 700})
    log_in(page, live_server, "tongji", "/facts/")

    page.wait_for_selector("#results")
    assert page.locator("#results tbody tr").count() == 25  # 35 facts: a page of 25
    assert page.locator(f"#fact-{fact.pk} .recorded-mark").inner_text() == "已登记"
    page.check("input[name=unrecorded]")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**unrecorded=1**")
    assert page.locator(f"#fact-{fact.pk}").count() == 0
    page.go_back()
    page.wait_for_selector(f"#fact-{fact.pk}")

    page.locator(f"#fact-{fact.pk} a.evidence-link").click()
    page.wait_for_selector("mark#evidence")
    paragraph, _, _ = fact.evidence_in_paragraph()
    assert page.url.endswith(f"#p-{paragraph.position}")
    assert page.locator("mark#evidence").inner_text().startswith("今年1-10月，全区大数据智能化产业实现营收92.2亿元")
    assert page.locator("mark#evidence").is_visible()
    # The paragraph the address points at is highlighted (CSS :target), not just somewhere on the page.
    background = page.locator(f"#p-{paragraph.position}").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert errors == [] and page.foreign_requests == []
