"""The pages of issue 17 in a real browser (Debian's chromium through Playwright, no network): the history
page, the phone layout, the top-bar search and the accounts page."""

import pytest

from chanye.core.tests import test_browser

# The browser and its page (foreign requests watched) are the fixtures of test_browser, shared.
browser, page = test_browser.browser, test_browser.page
browser_user, sign_in = test_browser.browser_user, test_browser.sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_history_page_reads_as_label_old_to_new_and_unfolds_a_large_value(
    demo, live_server, page, django_user_model
):
    from chanye.archive import services as archive
    from chanye.core import audit
    from chanye.registry import services
    from chanye.registry.models import Cluster

    admin = browser_user(django_user_model, "guanli", "管理员")
    services.update_cluster(actor=admin, cluster=Cluster.objects.get(name="新材料"), data={"description": "浏览器测试"})
    note = archive.ingest_file(actor=admin, filename="note.txt", content="全区新材料产业稳步增长。".encode())
    before = audit.snapshot(note)
    audit.record(
        actor=admin, action="update", obj=note, before=before, after={**before, "joins": [[i, i + 1] for i in range(8)]}
    )

    sign_in(page, live_server, django_user_model, "lingdao", "领导", "/history/")
    page.wait_for_selector(".audit-entries")
    changes = page.locator(".audit-entries tbody tr").first.locator("td.audit-changes")
    assert "段落拼接" in changes.inner_text() and "8 处断段修复" in changes.inner_text()
    joins = changes.locator("details", has_text="8 处断段修复")
    assert not joins.locator("pre").is_visible()  # the joins themselves wait behind the summary
    joins.locator("summary").click()
    assert joins.locator("pre").is_visible() and "[[0, 1], [1, 2]" in joins.locator("pre").inner_text()
    assert "简介" in page.locator(".audit-entries").inner_text()
    assert "description" not in page.locator(".audit-entries").inner_text()
    # Filtering by kind of object keeps only that kind, and the page stays a page, not a data dump.
    page.select_option("select[name=content_type]", label="产业集群")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector(".audit-entries")
    kinds = page.locator(".audit-entries tbody tr td:nth-child(4) .text-secondary").all_inner_texts()
    assert kinds and set(kinds) == {"产业集群"}
    assert page.evaluate("document.documentElement.scrollHeight") < 20_000
    assert page.foreign_requests == []


def test_on_a_phone_the_menu_is_folded_and_the_cockpit_comes_first(demo, live_server, browser, django_user_model):
    """390 px wide, as leaders read the cockpit: the menu waits behind its button, the first screen shows
    the cockpit's figures, nothing is wider than the screen, and the button opens the menu."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    try:
        sign_in(phone, live_server, django_user_model, "lingdao", "领导", "/")
        phone.wait_for_selector("#clusters")
        assert not phone.locator("#main-nav").is_visible()
        toggler = phone.locator("button.navbar-toggler")
        assert toggler.is_visible()
        # The first screen is the cockpit: the bar above it is one line, and the district's figures (its own
        # and its clusters' totals) are on it (without the fold, the eight menu entries alone filled it).
        assert phone.evaluate("document.querySelector('.page-wrapper').getBoundingClientRect().top") < 80
        totals = phone.locator("#district-totals strong").first
        assert totals.bounding_box()["y"] + totals.bounding_box()["height"] <= 844
        # Nothing (charts included) is wider than the phone.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path="/tmp/usable-pages-phone.png")
        toggler.click()
        phone.wait_for_selector("#main-nav", state="visible")
        assert phone.locator("#main-nav .nav-link", has_text="驾驶舱").is_visible()
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_stands_open(demo, live_server, page, django_user_model):
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, live_server, django_user_model, "lingdao", "领导", "/")
    page.wait_for_selector("#clusters")
    assert page.locator("#main-nav").is_visible() and not page.locator("button.navbar-toggler").is_visible()
    page.screenshot(path="/tmp/usable-pages-wide.png")
    assert page.foreign_requests == []


def test_the_top_bar_search_finds_articles_enterprises_and_projects(demo, live_server, page, django_user_model):
    from chanye.archive import services as archive

    archive.ingest_file(actor=None, filename="a.txt", content="中元汇吉是体外诊断龙头企业。".encode())
    sign_in(page, live_server, django_user_model, "lingdao", "领导", "/")
    page.wait_for_selector("#clusters")
    page.fill(".navbar-search input[name=query]", "中元汇吉")
    page.press(".navbar-search input[name=query]", "Enter")
    page.wait_for_selector("#search-results")
    assert "/search/?query=" in page.url
    assert page.locator("#search-archive mark", has_text="中元汇吉").count() == 1
    assert "中元汇吉" in page.locator("#search-enterprise").inner_text()
    assert page.locator("#search-project .card-title").inner_text().startswith("招商项目")
    page.locator("#search-enterprise .list-group-item").first.click()
    page.wait_for_selector("h2.page-title")
    assert "中元汇吉" in page.locator("h2.page-title").inner_text()
    assert page.foreign_requests == []


def test_an_administrator_creates_an_account_and_its_owner_must_set_a_password(
    demo, live_server, browser, page, django_user_model
):
    sign_in(page, live_server, django_user_model, "guanli", "管理员", "/")
    page.wait_for_selector("#clusters")
    page.wait_for_load_state("load")  # the dropdown opens once the deferred Bootstrap script has run
    page.click("[aria-label='账户']")
    page.wait_for_selector("text=账户管理", state="visible")
    page.click("text=账户管理")
    page.wait_for_selector("#accounts")
    page.click("text=新建账户")
    page.fill("input[name=username]", "zhangsan")
    page.fill("input[name=full_name]", "张三")
    page.select_option("select[name=role]", "统计")
    page.click("button[type=submit]:has-text('创建并生成密码')")
    password = page.locator("#generated-password").inner_text().strip()
    assert len(password) >= 10
    assert page.foreign_requests == []

    context = browser.new_context(locale="zh-CN")
    person = context.new_page()
    try:
        person.goto(f"{live_server.url}/accounts/login/")
        person.fill("input[name=username]", "zhangsan")
        person.fill("input[name=password]", password)
        person.click("button[type=submit]")
        person.wait_for_selector("input[name=new_password1]")
        assert "/accounts/password/" in person.url and "请先设置您自己的新密码" in person.content()
        person.fill("input[name=old_password]", password)
        person.fill("input[name=new_password1]", "Zhangsan-own-pass-42")
        person.fill("input[name=new_password2]", "Zhangsan-own-pass-42")
        person.click(".page-body button[type=submit]")
        person.wait_for_selector("#clusters")  # the cockpit, no longer held at the password page
    finally:
        context.close()
