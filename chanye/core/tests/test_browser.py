"""A real browser (Debian's chromium driven by Playwright, no network): sign in, open a
cluster page and a chain page, and check that no page asks another host for anything and that the
Content-Security-Policy refuses nothing the pages, htmx and ECharts do."""

import os
import shutil
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these flags chromium phones home at start-up, which a closed network refuses.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # inside one unless told that this test process is not really async.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.foreign_requests = []
    host = urlparse(live_server.url).netloc

    def watch(request):
        if urlparse(request.url).netloc not in (host, "") and not request.url.startswith("data:"):
            page.foreign_requests.append(request.url)

    page.on("request", watch)
    # What the Content-Security-Policy refused: chromium's console lines and the pages' own events.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.csp_violations.append(f"page error: {error}"))
    context.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield page
    # Every page a browser test opened must have kept to the Content-Security-Policy (and thrown no error).
    found = violations(page)
    context.close()
    assert found == [], found


def violations(page) -> list[str]:
    return page.csp_violations + page.evaluate("window.cspViolations")


PASSWORD = "Zh-browser-test-7"


def browser_user(django_user_model, username="lingdao", role="领导"):
    """An account of one role for a browser test (管理员 is a superuser, as the demo's administrator is)."""
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    if role == "管理员":
        user.is_superuser = True
        user.save()
    return user


def log_in(page, live_server, username="lingdao", next_url="/"):
    """Sign in through the login form, landing on `next_url`."""
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def sign_in(page, live_server, django_user_model, username="lingdao", role="领导", next_url="/"):
    user = browser_user(django_user_model, username, role)
    log_in(page, live_server, username, next_url)
    return user


def test_sign_in_and_open_a_cluster_page(demo, live_server, page, django_user_model, tmp_path):
    browser_user(django_user_model)

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "lingdao")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")

    page.wait_for_selector("#clusters")
    assert page.locator("#clusters .card").count() == 7
    # The cockpit's charts are drawn from data in the page by the vendored ECharts.
    page.wait_for_selector("#chart-revenue[data-ready='1'] svg")
    assert page.locator("[data-chart='target'][data-ready='1']").count() >= 1
    page.click("text=新材料")
    page.wait_for_selector("#cluster-enterprises")
    assert page.locator("h2.page-title").inner_text() == "新材料"
    assert page.locator("#cluster-enterprises").get_by_text("重庆国际复合材料股份有限公司").is_visible()
    # Styles and scripts came from this server: Tabler's CSS applied, htmx loaded.
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    page.screenshot(path=str(tmp_path / "cluster.png"), full_page=True)
    assert page.foreign_requests == []
    assert violations(page) == []


def test_the_cockpit_and_a_chain_page_work_under_the_content_security_policy(
    demo, live_server, page, django_user_model
):
    from chanye.chains.models import Chain

    response = page.goto(f"{live_server.url}/accounts/login/")
    policy = response.headers["content-security-policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert script_src.startswith("script-src 'self'") and "unsafe" not in script_src
    sign_in(page, live_server, django_user_model)
    page.wait_for_selector("#chart-revenue[data-ready='1'] svg")  # the cockpit's charts
    page.hover("#chart-revenue svg")  # ECharts' tooltip is HTML with style attributes
    assert violations(page) == []

    chain = Chain.objects.filter(links__isnull=False).distinct().first()
    page.goto(f"{live_server.url}/chains/{chain.pk}/")
    page.wait_for_selector("#chain-graph[data-ready='1'] svg")  # ECharts from a static file
    first_gap = page.locator("a[hx-get*='/panel/']").first
    if first_gap.count():  # htmx swaps the link's panel in
        first_gap.click()
        page.wait_for_selector("#link-panel[data-link]")
    # The language switcher submits on change (a static script, no onchange attribute).
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations(page) == []


def test_search_as_you_type_replaces_only_the_results(demo, live_server, page, django_user_model):
    sign_in(page, live_server, django_user_model, "tongji", "统计", "/registry/enterprises/")
    page.wait_for_selector("#results")
    page.fill("input[name=q]", "井谷元")
    # (Not wait_for_function: its string is eval'd in the page, which the CSP refuses.)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "井谷元" in page.locator("#results").inner_text()
    assert "q=" in page.url  # the search is in the address bar, so it can be shared and reloaded
    assert page.foreign_requests == []
    assert violations(page) == []


def test_open_a_chain_and_click_a_link(demo, live_server, page, django_user_model):
    from chanye.chains.models import Chain

    chain = Chain.objects.filter(links__placements__role="链主").distinct().first()
    link = chain.links.filter(placements__isnull=True).first() or chain.links.first()
    sign_in(page, live_server, django_user_model, "zhaoshang", "招商局", chain.get_absolute_url())
    page.wait_for_selector("#chain-graph[data-ready='1']")
    page.locator("#chain-graph text", has_text=link.name).first.click()
    page.wait_for_selector(f"#link-panel[data-link='{link.pk}']")
    panel = page.locator("#link-panel").inner_text()
    assert link.name in panel and ("补链" in panel or "延链" in panel or "强链" in panel or "无需行动" in panel)
    assert page.foreign_requests == []
    assert violations(page) == []


def test_upload_review_accept_and_the_cockpit_shows_the_figure(demo, live_server, page, django_user_model, tmp_path):
    """The review flow as an officer does it: upload an article, open the queue, accept its figure, see it on
    the cockpit with its source. The article is a test input written for this test (测试日报 does not exist)."""
    from chanye.jobs.testing import run_jobs
    from chanye.registry.models import Cluster

    user = browser_user(django_user_model, "xincailiao", "产业办")
    Cluster.objects.get(name="新材料").office.members.add(user)
    article = tmp_path / "q1.txt"
    article.write_text(
        "新材料产业一季度稳中有进\n\n《 测试日报 》( 2024年04月20日   第 2 版)\n\n"
        "今年一季度，全区新材料产业实现营收21亿元，同比增长8.5%。\n",
        encoding="utf-8",
    )

    log_in(page, live_server, "xincailiao", "/archive/upload/")
    page.set_input_files("input[name=files]", str(article))
    page.get_by_role("button", name="上传并入库").click()
    page.wait_for_selector("text=排队中")  # the request returned before the file was read
    run_jobs()  # a worker ingests it; the run's page polls (htmx) and shows the document without a reload
    page.wait_for_selector("text=新材料产业一季度稳中有进")

    page.goto(f"{live_server.url}/facts/")
    row = page.locator("tr", has_text="21亿元")
    assert row.get_by_text("2024年一季度").is_visible()
    row.get_by_role("button", name="采纳").click()
    page.wait_for_selector(".alert-success")

    page.goto(f"{live_server.url}/")
    figure = page.locator("a.figure-link", has_text="21亿元")
    assert figure.count() == 1
    assert "新材料产业一季度稳中有进" in figure.get_attribute("title")
    assert page.foreign_requests == []
    assert violations(page) == []
