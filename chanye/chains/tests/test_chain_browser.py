"""A chain page in a real browser (Debian's chromium, no network): the status badges are readable and
short header words stay on one line (issue 17, point 4)."""

import pytest

from chanye.core.tests.test_browser import browser, browser_user, log_in, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG's contrast ratio of the text colour on the background colour, read from the computed styles.
CONTRAST = """el => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const style = getComputedStyle(el);
  const bg = rgb(style.backgroundColor), fg = rgb(style.color);
  const [a, b] = [lum(bg), lum(fg)].sort((x, y) => y - x);
  return {alpha: bg.length > 3 ? bg[3] : 1, ratio: (a + 0.05) / (b + 0.05)};
}"""

# How many lines the text of an element takes: the distinct tops of its text's boxes.
LINES = """el => {
  const tops = new Set(), walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    for (const box of range.getClientRects()) if (box.width > 0) tops.add(Math.round(box.top));
  }
  return tops.size;
}"""


def test_badges_are_readable_and_header_words_stay_on_one_line(demo, live_server, page, django_user_model):  # noqa: F811
    from chanye.chains.models import Chain

    browser_user(django_user_model)
    chain = Chain.objects.first()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, next_url=chain.get_absolute_url())
    page.wait_for_selector("#chain-graph[data-ready='1']")

    badges = page.locator("#gap-rules .badge")
    assert badges.count() == 4
    for i in range(4):
        colours = badges.nth(i).evaluate(CONTRAST)
        assert colours["alpha"] > 0, badges.nth(i).inner_text()  # not white on nothing
        assert colours["ratio"] >= 4.5, (badges.nth(i).inner_text(), colours)

    # 区段, 状态, 行动 and their cells (上游, 补链) are one line high even in a narrow table.
    page.set_viewport_size({"width": 390, "height": 800})
    short_words = [
        "#gap-ranking thead th",
        "#gap-ranking tbody td:nth-child(3)",  # 区段: 上游
        "#gap-ranking tbody td:nth-child(4)",  # 状态: 空白
        "#gap-ranking tbody td:nth-child(5)",  # 行动: 补链
        "#gap-rules thead th:not(:nth-child(2))",
        "#gap-rules tbody td:nth-child(3)",
    ]
    for selector in short_words:
        cells = page.locator(selector)
        assert cells.count() > 0, selector
        for i in range(min(cells.count(), 12)):
            cell = cells.nth(i)
            text = cell.inner_text().strip()
            if 2 <= len(text) <= 4:
                assert cell.evaluate(LINES) == 1, (selector, text)
    assert errors == [] and page.foreign_requests == []
