"""一图 in a real browser (Debian's chromium, no network): the districts are drawn from the vendored map,
coloured, with no console error and no request to another host."""

import pytest

from chanye.core.tests.test_browser import browser, browser_user, log_in, page  # noqa: F401  (fixtures)

from .test_map import district_figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_draws_the_districts_offline(demo, live_server, page, django_user_model):  # noqa: F811
    district_figure("500104", "value_added", "2023年前三季度", 300)
    district_figure("500107", "value_added", "2023年前三季度", 500)
    browser_user(django_user_model)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, next_url="/regions/map/%3Findicator%3Dvalue_added")

    page.wait_for_selector("#region-map[data-ready='1'] svg")
    assert page.locator("#region-map").get_attribute("data-districts") == "38"  # Chongqing's districts
    assert page.locator("#region-map svg path").count() >= 38
    # Two districts have a figure: they take the scale's colours, the others keep the grey of no data.
    assert page.locator("#region-map").get_attribute("data-coloured") == "2"
    fills = page.locator("#region-map svg path").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert "rgb(207,226,255)" in fills and "rgb(26,79,150)" in fills and "#eef0f3" in fills
    with page.expect_navigation():
        page.select_option("#map-indicator-select", "revenue")
    assert "indicator=revenue" in page.url
    page.wait_for_selector("#region-map[data-ready='1'] svg")
    assert "大渡口区" in page.locator("#map-values").inner_text()
    assert errors == [] and page.foreign_requests == []
