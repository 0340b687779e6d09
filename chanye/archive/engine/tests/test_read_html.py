"""Tests of the HTML reader (readers/html.py): a government site's news page and its metadata, its
encodings, and pages with little or no text.
"""

import re

import pytest

from chanye.archive.engine.readers import ReadError, read_any, read_html

from ._readers import fixture, paragraphs

ARTICLE = [
    "3月14日，示范区在会展中心举办新材料产业链招商推介会，来自长三角、珠三角等地的八十余家企业代表参加活动。",
    "现场共签约项目12个，计划总投资36.5亿元，涵盖复合材料制品、再生金属加工和检验检测服务等领域。其中，链主企业带动的配套项目7个。",
    "据了解，今年以来示范区已累计走访企业156家次，收集并办结企业诉求43件，营商环境持续优化。",
]
BOILERPLATE = [
    "政务公开",
    "办事服务",
    "当前位置",
    "热点新闻",
    "区领导调研重点项目建设",
    "版权所有",
    "ICP备",
    "网站地图",
    "分享到",
]


def test_html_news_page_keeps_the_article_and_drops_the_page_around_it():
    extracted = read_any("t20240315_1.html", fixture("news_page.html"))
    assert extracted.format == "html"
    assert extracted.encoding == "utf-8"
    for sentence in ARTICLE:
        assert sentence in paragraphs(extracted)  # each paragraph whole, and on its own
    for chrome in BOILERPLATE:
        assert chrome not in extracted.text
    assert "_hmt" not in extracted.text  # nor the page's scripts


def test_html_metadata_from_the_government_site_meta_tags():
    extracted = read_html(fixture("news_page.html"))
    assert extracted.title == "示范区举办产业链招商推介会 签约项目12个"
    assert extracted.date == "2024-03-15"
    assert extracted.author == "李明"  # trafilatura alone drops names without a space: every Chinese name
    assert extracted.source == "示范区融媒体中心"
    assert extracted.url == "http://www.example.gov.cn/xwzx/qxdt/202403/t20240315_1.html"


def test_html_url_given_by_the_caller_wins():
    extracted = read_html(fixture("news_page.html"), url="https://example.org/a.html")
    assert extracted.url == "https://example.org/a.html"


def without_government_meta(page: str) -> str:
    names = "ArticleTitle|PubDate|ContentSource|Author|Url|SiteName|ColumnName"
    return re.sub(rf'<meta name="({names})"[^>]*>\n', "", page)


def test_html_metadata_without_meta_tags_comes_from_the_page():
    page = without_government_meta(fixture("news_page.html").decode("utf-8"))
    page = page.replace("发布时间：2024-03-15 09:30", "发布日期：2024年3月15日")
    extracted = read_html(page.encode("utf-8"))
    assert extracted.title == "示范区举办产业链招商推介会 签约项目12个"  # the <h1>, without the site's suffix
    assert extracted.date == "2024-03-15"  # the date printed after 发布日期
    assert extracted.source == "示范区人民政府网"  # og:site_name


def test_html_copyright_years_are_not_taken_for_a_date():
    page = (
        "<html><head><title>通知</title></head><body><div class='content'><p>"
        + "各企业：请于本月底前报送一季度经营数据，逾期未报送的将影响后续政策兑现。" * 3
        + "</p></div><div class='footer'>版权所有 2009-2024 示范区人民政府</div></body></html>"
    )
    assert read_html(page.encode("utf-8")).date == ""


def test_html_gbk_page_declared_gb2312():
    page = fixture("news_page.html").decode("utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    extracted = read_any("page.htm", page.encode("gb18030"))
    assert extracted.encoding == "gb18030"
    assert ARTICLE[0] in paragraphs(extracted)


def test_html_short_notice_still_loses_its_navigation():
    # Under trafilatura's default threshold (250 characters) this page would come back with its menu.
    page = re.sub(r"<p>推介会上.*?</div>", "</div>", fixture("news_page.html").decode("utf-8"), flags=re.DOTALL)
    extracted = read_html(page.encode("utf-8"))
    assert ARTICLE[0] in paragraphs(extracted)
    for chrome in ["政务公开", "热点新闻", "版权所有"]:
        assert chrome not in extracted.text


def test_html_list_items_table_cells_and_line_breaks():
    page = (
        fixture("news_page.html")
        .decode("utf-8")
        .replace(
            "<p>据了解",
            "<h2>下一步工作</h2><ul><li>组建服务专班</li><li>跟踪项目进度</li></ul>"
            "<table><tr><td>项目</td><td>计划投资</td></tr><tr><td>复合材料制品项目</td><td>5.2亿元</td></tr></table>"
            "<p>联系人：区招商投资促进局<br>电话：023-00000000</p><p>据了解",
        )
    )
    found = paragraphs(read_html(page.encode("utf-8")))
    for expected in [
        "下一步工作",
        "组建服务专班",
        "跟踪项目进度",
        "复合材料制品项目",
        "5.2亿元",
        "联系人：区招商投资促进局\n电话：023-00000000",
    ]:
        assert expected in found


def test_html_paragraphs_separated_by_line_breaks_lose_their_indent():
    # Many government sites put a whole article in one <div>, paragraphs split by <br><br> and indented.
    article = "<br><br>".join(f"\u3000\u3000{sentence}" for sentence in ARTICLE)
    page = f"<html><head><title>t</title></head><body><div id='zoom'>{article}</div></body></html>"
    assert paragraphs(read_html(page.encode("utf-8"))) == ARTICLE


def test_html_without_any_text_is_refused():
    with pytest.raises(ReadError, match="没有找到正文"):
        read_html(b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>")
