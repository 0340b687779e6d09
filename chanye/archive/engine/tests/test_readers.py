"""Tests of the format readers: one file of each format and encoding, and the files they must refuse.

The PDFs are fixtures made once by fixtures/make_pdfs.py (CI has no CJK font to make them with); the
DOCX files are made here with python-docx; the texts were written for these tests.
"""

import datetime
import io
import math
import re
import zipfile
from pathlib import Path

import docx
import pytest

from chanye.archive.engine.readers import (
    MAX_BYTES,
    Block,
    Extracted,
    Line,
    ReadError,
    blocks_text,
    column_regions,
    decode_text,
    detect_format,
    join_lines,
    page_gutters,
    page_text,
    read_any,
    read_docx,
    read_html,
    read_pdf,
    read_text,
    text_paragraphs,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_ROOT = Path(__file__).resolve().parents[4]
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"

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


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def paragraphs(extracted: Extracted) -> list[str]:
    return extracted.text.split("\n\n")


# --- HTML -------------------------------------------------------------------------------------------


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


# --- Text -------------------------------------------------------------------------------------------


def test_text_gb18030_from_chinese_windows():
    extracted = read_any("通知.txt", fixture("notice_gb18030.txt"))
    assert extracted.format == "text"
    assert extracted.encoding == "gb18030"
    assert "联系人：王䶮，电话：023-00000000。" in paragraphs(extracted)  # 䶮 is in GB18030, not in GBK
    # One line, one paragraph: the Notepad way of writing, with Windows line ends.
    assert paragraphs(extracted)[:2] == ["关于报送一季度经营数据的通知", "各有关企业："]
    assert "\r" not in extracted.text


def test_text_utf8_with_bom():
    extracted = read_any("进展.txt", fixture("notice_utf8_bom.txt"))
    assert extracted.encoding == "utf-8"
    assert not extracted.text.startswith("\ufeff")
    assert paragraphs(extracted) == [
        "示范区重点项目推进情况",
        "截至3月底，全区纳入调度的重点项目共42个，\n一季度完成投资21.3亿元。",
        "其中，新材料产业项目11个，完成投资6.8亿元。",
    ]


def test_text_utf16_from_notepad_unicode():
    extracted = read_text("示范区\r\n产业办".encode("utf-16"))
    assert (extracted.text, extracted.encoding) == ("示范区\n\n产业办", "utf-16")


def test_text_indented_paragraphs_without_blank_lines():
    text = "\u3000\u3000第一段开头，\n第一段接续。\n\u3000\u3000第二段。"
    assert text_paragraphs(text) == "第一段开头，\n第一段接续。\n\n第二段。"


def test_text_with_blank_lines_keeps_its_wide_gaps():
    # Three blank lines where a picture stood: the caption after them must still stand alone.
    text = "\u3000\u3000作为全球第四大、\n\n\n\n文化休闲旅游产业\n\n\u3000\u3000正文。  \n\n"
    assert text_paragraphs(text) == "作为全球第四大、\n\n\n\n文化休闲旅游产业\n\n正文。"


def test_text_of_only_white_space_is_refused():
    with pytest.raises(ReadError, match="没有文字"):
        read_text(" \r\n\u3000\r\n".encode("utf-8"))


def test_seed_articles_read_as_text():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds, f"no seed articles in {SEEDS}"
    for seed in seeds:
        extracted = read_any(seed.name, seed.read_bytes())
        assert extracted.format == "text"
        assert extracted.encoding == "utf-8"
        assert "大渡口" in extracted.text
        assert len(paragraphs(extracted)) > 5
        # As read: every line of the file is there, only its indents and trailing spaces gone.
        original = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
        assert extracted.text.split("\n") == "\n".join(original).strip("\n").split("\n")


# --- Decoding ---------------------------------------------------------------------------------------


def test_decode_text_prefers_utf8():
    assert decode_text("产业集群".encode()) == ("产业集群", "utf-8")
    assert decode_text("产业集群".encode("gb18030")) == ("产业集群", "gb18030")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x00\x00" + bytes(range(256)), "空字节"),
        (bytes(range(1, 32)) * 20, "不是可读字符"),
        (b"\x80\xff\x80\xff" * 10, "无法识别文本编码"),
    ],
)
def test_decode_text_refuses_binary(content, reason):
    with pytest.raises(ReadError, match=reason):
        decode_text(content)


# --- DOCX -------------------------------------------------------------------------------------------


def make_docx(*, title="示范区大健康生物医药产业情况", author="区产业办 张华") -> bytes:
    document = docx.Document()
    document.add_heading("大健康生物医药产业情况", level=1)
    document.add_paragraph("一季度，全区生物医药企业实现营业收入9.8亿元，同比增长5.4%。")
    document.add_paragraph("")  # empty paragraphs, which Word users type for spacing, are dropped
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    table.cell(1, 0).text, table.cell(1, 1).text = "规上企业", "27家"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "数据来源：区统计局"
    document.add_paragraph("下一步将重点支持体外诊断和医疗器械企业扩大产能。")
    properties = document.core_properties
    properties.title, properties.author = title, author
    # 07:00 in Chongqing on the 23rd, which Word stores as 23:00 UTC on the 22nd.
    properties.created = datetime.datetime(2024, 1, 22, 23, 0, tzinfo=datetime.UTC)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_tables_and_core_properties():
    extracted = read_any("情况.docx", make_docx())
    assert extracted.format == "docx"
    assert paragraphs(extracted) == [
        "大健康生物医药产业情况",
        "一季度，全区生物医药企业实现营业收入9.8亿元，同比增长5.4%。",
        "指标",
        "数值",
        "规上企业",
        "27家",
        "数据来源：区统计局",  # a merged cell once, not once per column it spans
        "下一步将重点支持体外诊断和医疗器械企业扩大产能。",
    ]
    assert extracted.title == "示范区大健康生物医药产业情况"
    assert extracted.author == "区产业办 张华"
    assert extracted.date == "2024-01-23"


def test_docx_author_left_by_windows_is_no_author():
    assert read_docx(make_docx(author="Administrator")).author == ""


def without_core_properties(content: bytes) -> bytes:
    """The same document as some converters write it: no docProps/core.xml, and no relationship to it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                continue
            if member.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            target.writestr(member, data)
    return buffer.getvalue()


def test_docx_without_core_properties_states_none():
    extracted = read_docx(without_core_properties(make_docx()))
    assert (extracted.title, extracted.author, extracted.date) == ("", "", "")  # not python-docx's "Word Document"
    assert "指标" in paragraphs(extracted)


def test_docx_truncated_is_refused():
    content = make_docx()
    with pytest.raises(ReadError, match="损坏"):
        read_any("情况.docx", content[: len(content) // 2])


def test_docx_zip_without_a_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    with pytest.raises(ReadError, match="扩展名为 .docx，但内容是ZIP 压缩包"):
        read_any("情况.docx", buffer.getvalue())


def test_old_word_document_renamed_docx_is_refused_with_advice():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(ReadError, match="旧版 Office 或 WPS 文件.*另存为 .docx"):
        read_any("情况.docx", ole)
    with pytest.raises(ReadError, match="打开密码"):
        read_any("情况.docx", ole + "EncryptionInfo".encode("utf-16-le"))


# --- PDF --------------------------------------------------------------------------------------------

PDF_PARAGRAPHS = [
    "示范区新材料产业发展情况通报",
    "今年一季度，示范区新材料产业实现营业收入18.6亿元，同比增长6.2%，增速高于全区工业平均水平2.1个百分点。"
    "其中，复合材料制品企业贡献了超过四成的增量。",
    "从产业链看，上游原料环节企业9家，中游制造环节企业23家，下游应用和检验检测服务企业14家。"
    "链主企业带动本地配套率提升至37%，较上年同期提高4个百分点。",
    "下一步，示范区将围绕高性能纤维和先进金属材料两条细分链条开展精准招商，重点引进表面处理、精密加工和"
    "回收利用等补链项目，推动产业链向高端延伸。",
    "同时，区产业办将完善企业走访和诉求办理机制，对企业反映的用地、用能和融资问题实行清单管理，确保按期办结。",
]


def test_pdf_text_layer_in_paragraphs():
    extracted = read_any("通报.pdf", fixture("text_zh.pdf"))
    assert extracted.format == "pdf"
    assert extracted.pages == 2
    # Page 1 sets its paragraphs apart by vertical gaps, page 2 only by first-line indents.
    assert paragraphs(extracted) == PDF_PARAGRAPHS
    assert extracted.title == "示范区新材料产业发展情况通报"
    assert (extracted.author, extracted.date) == ("示范区产业办", "2024-04-08")


def test_pdf_font_pdfminer_cannot_decode_is_read_by_pdfium():
    extracted = read_pdf(fixture("text_zh_cff.pdf"))
    assert paragraphs(extracted) == PDF_PARAGRAPHS[:3]


# A page set in two columns under a title across both; a subheading across both cuts it into two bands.
TWO_COLUMN_PARAGRAPHS = [
    "示范区智能制造产业园建设进展",
    "今年以来，示范区智能制造产业园坚持规划引领、项目带动，一期标准厂房已全部建成并交付使用，"
    "入驻企业达到二十六家，其中规模以上工业企业十一家。",
    # From the foot of the left column ("…协议投资总额约二十三亿元，") to the head of the right one.
    "在招商方面，产业园聚焦工业机器人、智能传感器和工业软件三个细分方向，组建专业招商小分队，"
    "上半年共接洽意向企业四十余家，新签约项目九个，协议投资总额约二十三亿元，签约项目开工率达到六成以上。",
    "在服务方面，产业园设立企业服务中心，为入驻企业提供登记注册、人才招聘和融资对接等一站式服务，"
    "并由工作人员定期上门走访，帮助企业协调解决生产经营中遇到的困难。",
    "下一步工作打算",
    "下半年，产业园将加快二期工程建设，力争年底前完成主体结构施工，同步推进配套道路、供水和供电设施建设。",
    # Opens the right column, indented.
    "同时，产业园将支持龙头企业牵头组建技术创新联合体，推动科研院所的成果在园区转化落地。",
]


def test_pdf_two_columns_read_column_by_column():
    # pdfplumber alone makes one line of the two columns' lines at one height: "…坚持规 签约项目开工率…".
    extracted = read_any("进展.pdf", fixture("two_columns_zh.pdf"))
    assert extracted.pages == 1
    assert paragraphs(extracted) == TWO_COLUMN_PARAGRAPHS
    assert extracted.title == "示范区智能制造产业园建设进展"


def test_pdf_with_an_opening_password_is_refused():
    with pytest.raises(ReadError, match="已加密，需要密码"):
        read_any("通报.pdf", fixture("encrypted_user_password.pdf"))


def test_pdf_restricted_by_an_owner_password_only_is_read():
    assert paragraphs(read_pdf(fixture("encrypted_owner_only.pdf"))) == PDF_PARAGRAPHS[:3]


def test_pdf_of_scanned_images_needs_ocr():
    with pytest.raises(ReadError, match="只有图片.*OCR"):
        read_any("扫描件.pdf", fixture("image_only.pdf"))


def test_pdf_truncated_is_refused():
    content = fixture("text_zh.pdf")
    with pytest.raises(ReadError, match="不完整"):
        read_any("通报.pdf", content[: len(content) // 2])


def test_pdf_broken_inside_is_refused():
    content = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
    with pytest.raises(ReadError, match="损坏"):
        read_any("通报.pdf", content)


def test_pdf_that_is_not_a_pdf_is_refused():
    with pytest.raises(ReadError, match=r"扩展名为 .pdf，但内容是纯文本"):
        read_any("通报.pdf", "这是一段文字，不是 PDF。".encode())
    with pytest.raises(ReadError, match="没有 %PDF"):
        read_pdf(b"<html></html>")


# --- PDF paragraphs from geometry -------------------------------------------------------------------


def line(text: str, x0: float, top: float, x1: float = 500.0, height: float = 12.0) -> Line:
    return Line(text, x0, x1, top, top + height)


def test_page_text_paragraphs_by_vertical_gap_indent_and_short_line():
    lines = [
        line("第一段第一行，", 70, 100),
        line("第一段末行。", 70, 120, x1=300),
        line("空行之后的第二段，", 70, 160),
        line("接续。", 70, 180, x1=200),  # gap
        line("缩进的第三段，", 94, 200),
        line("接续；", 70, 220, x1=200),  # indent
        line("短行句号之后的第四段，", 70, 240),  # previous line short and ended by "；"
        line("图片下的说明", 70, 400, x1=150),  # a picture's space above: two blank lines
    ]
    assert page_text(lines, typical_gap=8.0) == (
        "第一段第一行，第一段末行。\n\n空行之后的第二段，接续。\n\n缩进的第三段，接续；\n\n短行句号之后的第四段，"
        "\n\n\n图片下的说明"
    )


def two_column_page(title: list[Line], rows: int = 10, top: float = 100.0) -> list[Line]:
    """Word boxes of a title and two columns of Chinese text beneath it, a line (one word) per row and
    column: columns at 70-280 and 300-510, every fourth line indented, the line before it short."""
    words = list(title)
    for column_left in (70.0, 300.0):
        for row in range(rows):
            x0 = column_left + (24 if row % 4 == 0 else 0)
            x1 = column_left + (120 if row % 4 == 3 else 210)
            words.append(line("正文", x0, top + 20 * row, x1=x1))
    return words


def test_page_gutters_between_two_columns_under_a_title():
    words = two_column_page([line("示范区智能制造产业园建设进展", 150, 60, x1=430, height=18)])
    assert page_gutters(words) == [(280.0, 300.0)]


def test_page_gutters_none_on_a_page_of_one_column():
    title = [line("示范区新材料产业发展情况通报", 150, 60, x1=430, height=18)]
    body = [
        line("正文", 94 if row % 4 == 0 else 70, 100 + 20 * row, x1=300 if row % 4 == 3 else 510) for row in range(20)
    ]
    assert page_gutters(title + body) == []


def test_page_gutters_none_between_the_columns_of_a_table():
    # Labels end wherever their text does: the lines of a column of running text reach its right edge.
    label_ends = [110, 130, 170, 220, 270, 120, 150, 190, 240, 140]
    table = [
        word
        for row, end in enumerate(label_ends)
        for word in (line("指标", 70, 100 + 20 * row, x1=end), line("数值", 300, 100 + 20 * row, x1=340))
    ]
    assert page_gutters(table) == []


def test_column_regions_in_reading_order():
    # A title with spaces between its characters (words that meet the gutter on both sides of its middle),
    # two columns, a subheading over both, two more columns.
    title = [
        line("示", 250, 60, x1=268, height=18),
        line("范", 274, 60, x1=292, height=18),
        line("区", 298, 60, x1=316, height=18),
        line("园", 322, 60, x1=340, height=18),
    ]
    words = [*two_column_page(title, rows=8), line("下一步工作打算", 240, 280, x1=350)]
    words += two_column_page([], rows=4, top=310)
    regions = column_regions(words)
    assert [(region.band, region.left, region.right) for region in regions] == [
        (None, 70, 510),
        (1, 70, 280),
        (1, 300, 510),
        (None, 70, 510),
        (3, 70, 280),
        (3, 300, 510),
    ]
    # Every character's centre is in one region: they meet halfway across the gutter and between rows.
    assert (regions[1].x1, regions[2].x0) == (290, 290)
    assert (regions[0].top, regions[0].bottom, regions[1].top) == (-math.inf, 89, 89)
    assert (regions[2].bottom, regions[3].top, regions[3].bottom, regions[4].top) == (266, 266, 301, 301)
    assert regions[-1].bottom == math.inf
    char = {"x0": 285, "x1": 295, "top": 60, "bottom": 78}  # the title's character over the gutter's middle
    assert [region.holds(char) for region in regions] == [True, False, False, False, False, False]


def test_column_regions_none_on_a_page_of_one_column():
    assert column_regions([line("正文", 70, 100 + 20 * row) for row in range(20)]) == []


def columns(left: list[Line], right: list[Line], band: int | None = 0) -> list[Block]:
    return [Block(left, 70, 280, band), Block(right, 300, 510, band)]


@pytest.mark.parametrize(
    ("last", "first", "band", "expected"),
    [
        # The left column's last line reaches its edge mid-sentence; the right column's first line is flush.
        (
            line("接续到栏底，", 70, 120, x1=280),
            line("在右栏接续。", 300, 100, x1=400),
            0,
            "第一段，接续到栏底，在右栏接续。",
        ),
        (
            line("到栏底结束。", 70, 120, x1=280),
            line("新的一段。", 300, 100, x1=400),
            0,
            "第一段，到栏底结束。\n\n新的一段。",
        ),  # a sentence ends at the foot of the column
        (
            line("接续到栏底，", 70, 120, x1=280),
            line("缩进的新段。", 324, 100, x1=400),
            0,
            "第一段，接续到栏底，\n\n缩进的新段。",
        ),  # the right column opens indented
        (
            line("短行", 70, 120, x1=150),
            line("新的一段。", 300, 100, x1=400),
            0,
            "第一段，短行\n\n新的一段。",
        ),  # the last line stops short of the column's edge
        (
            line("接续到栏底，", 70, 120, x1=280),
            line("在右栏接续。", 300, 100, x1=400),
            None,
            "第一段，接续到栏底，\n\n在右栏接续。",
        ),  # not columns of one band
    ],
)
def test_blocks_text_paragraph_runs_on_into_the_next_column(last, first, band, expected):
    left = [line("第一段，", 94, 100, x1=280), last]
    assert blocks_text(columns(left, [first], band), typical_gap=8.0) == expected


def test_blocks_text_indents_from_the_column_own_edge():
    # Against the page's left edge (70) every line of the right column would be indented.
    right = [
        line("右栏第一段，", 300, 100),
        line("接续。", 300, 120, x1=400),
        line("右栏第二段，", 324, 140),
        line("接续。", 300, 160, x1=400),
    ]
    assert blocks_text(columns([line("左栏。", 70, 100, x1=200)], right), typical_gap=8.0) == (
        "左栏。\n\n右栏第一段，接续。\n\n右栏第二段，接续。"
    )


def test_join_lines_chinese_and_western():
    assert join_lines(["产业链", "招商图谱"]) == "产业链招商图谱"
    assert join_lines(["GB/T 4754", "industry codes"]) == "GB/T 4754 industry codes"
    assert join_lines(["the indus-", "trial cluster"]) == "the industrial cluster"
    assert join_lines(["营业收入", "92.2亿元"]) == "营业收入92.2亿元"


# --- Formats and sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("a.html", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("a.txt", b"<html><body><p>saved as text</p></body></html>", "html"),  # a page is a page
        ("a.php", b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x --><html></html>", "html"),
        ("a.htm", "纯文字，没有标签。".encode("gb18030"), "text"),
        ("a", "没有扩展名".encode(), "text"),
        ("a.csv", b"name,value\n", "text"),
        ("a.bin", b"%PDF-1.4\n...", "pdf"),
        ("a.PDF", b"\n\n%PDF-1.4\n...", "pdf"),
    ],
)
def test_detect_format_by_content(filename, content, expected):
    assert detect_format(filename, content) == expected


def test_detect_format_docx_by_its_document_part():
    assert detect_format("报告", make_docx()) == "docx"


@pytest.mark.parametrize(
    ("filename", "content", "reason"),
    [
        ("a.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "扩展名为 .txt，但内容是图片"),
        ("a.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100), "扩展名为 .pdf，但内容是图片.*OCR"),
        ("a.docx", b"%PDF-1.4\n", "扩展名为 .docx，但内容是PDF"),
        ("a.html", b"%PDF-1.4\n", "扩展名为 .html，但内容是PDF"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "不支持的文件格式：旧版"),
        ("a.rtf", b"{\\rtf1\\ansi hello}", "不支持的文件格式：RTF"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "不支持的文件格式：图片"),
    ],
)
def test_detect_format_refuses_what_it_cannot_read(filename, content, reason):
    with pytest.raises(ReadError, match=reason):
        detect_format(filename, content)


def test_binary_renamed_txt_is_refused():
    with pytest.raises(ReadError, match="二进制"):
        read_any("报告.txt", bytes(range(256)) * 4)


def test_empty_file_is_refused():
    with pytest.raises(ReadError, match="文件为空（0 字节）"):
        read_any("报告.txt", b"")


def test_oversized_file_is_refused_with_both_sizes():
    with pytest.raises(ReadError, match=r"文件过大：2048 字节（0\.0 MB），上限为 1024 字节"):
        read_any("报告.txt", b"x" * 2048, max_bytes=1024)


def test_default_size_limit():
    assert MAX_BYTES == 50 * 1024 * 1024
    assert read_any("a.txt", b"x" * 100).text == "x" * 100
