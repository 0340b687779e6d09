"""The project board in a real browser at a desktop's 1440 px: every stage column, 终止 included,
stands inside the window without scrolling sideways."""

import pytest

from chanye.core.tests.test_browser import browser, page, sign_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_shows_every_column_at_1440_px(demo, live_server, page, django_user_model):  # noqa: F811
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, live_server, django_user_model, "zhaoshang", "招商局", "/projects/board/")
    page.wait_for_selector("[data-stage='终止']")
    board = page.locator("#body").bounding_box()
    last = page.locator("[data-stage='终止']").bounding_box()
    assert last["width"] >= 150
    assert last["x"] + last["width"] <= board["x"] + board["width"] + 1 <= 1440
    assert page.evaluate("document.getElementById('body').scrollWidth <= document.getElementById('body').clientWidth")
