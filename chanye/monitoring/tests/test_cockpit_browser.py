"""The cockpit in a real browser (Debian's chromium, no network): the 全区 summary with an imported 全区
figure, the month selector changing the figures, and one indicator and one period per comparison chart."""

import pytest
from django.test import Client

from chanye.core.tests.test_browser import browser, browser_user, page, sign_in  # noqa: F401  (fixtures)

from .test_monitoring import upload_and_confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_month_selector_changes_the_figures_and_the_district_figure_shows(
    demo,
    live_server,
    page,  # noqa: F811  (the shared fixture)
    django_user_model,
):
    statistics = browser_user(django_user_model, "tongji", "统计")
    importer = Client()
    importer.force_login(statistics)
    text = "主体类型,主体,指标,期间,数值,单位,同比\n全区,大渡口区,增加值,2023年前三季度,300,亿元,5.2"
    assert upload_and_confirm(importer, text).status_code == 302

    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, live_server, django_user_model, "lingdao", "领导")
    page.wait_for_selector("#district-summary")
    assert "增加值（2023年前三季度）" in page.locator("#district-own").inner_text()
    assert "300亿元" in page.locator("#district-own").inner_text()
    assert page.locator("#as-of-month").input_value() == "2023-12"
    december = page.locator("#district-totals").inner_text()
    assert "2023年1-11月" in december

    page.wait_for_selector("#chart-revenue[data-ready='1'] svg")
    first_title = page.locator("#compare-select option").first.inner_text()
    assert " · " in first_title and first_title in page.locator("#chart-revenue").inner_text()
    if page.locator("#compare-select option").count() > 1:
        second = page.locator("#compare-select option").nth(1)
        page.select_option("#compare-select", second.get_attribute("value"))
        page.wait_for_function(
            "t => document.querySelector('#chart-revenue').textContent.includes(t)", arg=second.inner_text()
        )

    # Choosing a month reloads the page as of that month: November's totals, without a click on a button.
    with page.expect_navigation():
        page.select_option("#as-of-month", "2023-10")
    assert "month=2023-10" in page.url
    october = page.locator("#district-totals").inner_text()
    assert october != december and "2023年1-10月" in october and "2023年1-11月" not in october
    assert "增加值（2023年前三季度）" in page.locator("#district-own").inner_text()
    assert errors == [] and page.foreign_requests == []
