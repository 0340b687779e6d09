"""Regenerate the screenshots in docs/ from a running demo: `python scripts/screenshot.py URL USER PASSWORD`.

docs/screenshot.png (the README's cockpit) and docs/screenshots/: the cockpit, a chain page, the map (一图)
and the history page. Uses Debian's chromium through Playwright (nothing downloaded). Chinese text needs
a CJK font on the machine taking the picture (Debian: fonts-noto-cjk). Sign in as 管理员 (admin) so that
the history page is readable."""

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
DOCS = Path(__file__).resolve().parent.parent / "docs"


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def first_chain(page, url: str) -> str:
    """The address of the first chain on the chain list (the demo's ids are not fixed)."""
    page.goto(f"{url}/chains/")
    for href in page.locator("a[href^='/chains/']").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        if re.fullmatch(r"/chains/\d+/", href):
            return href
    raise SystemExit("没有找到产业链：演示数据是否已载入？")


def main(url: str, username: str, password: str) -> None:
    shots = DOCS / "screenshots"
    shots.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="zh-CN")
        sign_in(page, url, username, password)
        page.wait_for_selector("#clusters")
        page.wait_for_selector("#chart-revenue[data-ready='1']")
        page.screenshot(path=str(DOCS / "screenshot.png"))
        page.screenshot(path=str(shots / "cockpit.png"), full_page=True)

        page.goto(url + first_chain(page, url))
        page.wait_for_selector("#chain-graph[data-ready='1']")
        page.screenshot(path=str(shots / "chain.png"), full_page=True)

        page.goto(f"{url}/regions/map/?indicator=revenue")
        page.wait_for_selector("#region-map[data-ready='1']")
        page.screenshot(path=str(shots / "map.png"), full_page=True)

        page.goto(f"{url}/history/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(shots / "history.png"), full_page=False)
        browser.close()
    for name in ["screenshot.png", "screenshots/cockpit.png", "screenshots/chain.png", "screenshots/map.png"]:
        print(DOCS / name)
    print(shots / "history.png")


if __name__ == "__main__":
    main(*sys.argv[1:4])
