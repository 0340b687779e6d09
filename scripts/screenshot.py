"""Regenerate docs/screenshot.png from a running demo: `python scripts/screenshot.py URL USER PASSWORD`.

Uses Debian's chromium through Playwright (nothing downloaded). Chinese text needs a CJK font
on the machine taking the picture (Debian: fonts-noto-cjk)."""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]


def main(url: str, username: str, password: str) -> None:
    out = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="zh-CN")
        page.goto(f"{url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_selector("#clusters")
        page.wait_for_selector("#chart-revenue[data-ready='1']")
        page.screenshot(path=str(out))
        browser.close()
    print(out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
