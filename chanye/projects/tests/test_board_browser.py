"""The project board in a real browser at a desktop's 1440 px: every stage column, 终止 included,
stands inside the window without scrolling sideways."""

import pytest
from django.contrib.auth.models import Group

from chanye.core.tests.test_browser import browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_board_shows_every_column_at_1440_px(demo, live_server, page, django_user_model):  # noqa: F811
    user = django_user_model.objects.create_user(username="zhaoshang", password="Zh-browser-test-7")
    user.groups.add(Group.objects.get(name="招商局"))
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/?next=/projects/board/")
    page.fill("input[name=username]", "zhaoshang")
    page.fill("input[name=password]", "Zh-browser-test-7")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-stage='终止']")
    board = page.locator("#body").bounding_box()
    last = page.locator("[data-stage='终止']").bounding_box()
    assert last["width"] >= 150
    assert last["x"] + last["width"] <= board["x"] + board["width"] + 1 <= 1440
    assert page.evaluate("document.getElementById('body').scrollWidth <= document.getElementById('body').clientWidth")
