"""The demo district's brief of 2023-11, opened as its readers would open it: the DOCX with python-docx, the
PDF's text with pdfplumber and a page rendered with pdftoppm, the XLSX with openpyxl. Each must show the
articles' figures in Chinese number style, each with the source it came from."""

import io
import subprocess
from decimal import Decimal

import docx
import openpyxl
import pdfplumber
import pytest
from PIL import Image

from chanye.briefs.content import plain

from .conftest import compact, docx_text, pdf_text, pdffonts

pytestmark = pytest.mark.django_db  # the session's test database is set up for tests that declare it

# The articles' figures as the brief writes them (亿元 with one decimal, 同比 with one decimal).
FIGURES = [
    "营业收入累计92.2亿元",  # 大数据智能化, 2023年1-10月, 同比增长1.89%
    "同比增长1.9%",
    "营业收入累计72.6亿元",  # 生态环保, 1-10月, 5.5%
    "营业收入累计59.0亿元",  # 新材料, 1-11月, 6.1%
    "工业总产值累计53.0亿元",  # 新材料, 1-11月, 9.8%
    "营业收入累计45.5亿元",  # 重庆小面, 1-11月, 106%
    "同比增长106.0%",
    "增加值累计124.3亿元",  # 现代服务业, 前三季度, 7.3%
    "企业数450多家",  # 大数据智能化, 截至11月底
]
# The sources those figures cite: the newspaper page with its date and 版次, and the quotes.
SOURCES = [
    "实现营收92.2亿元，同比增长1.89%",
    "全区生态环保产业实现营收72.6亿元，同比增长5.5%",
    "人民日报，2024-01-23，第13版",
    "《培育“5+2”产业集群 “七”头并进推动高质量发展》（刊物未注明，日期未注明）",
]


def test_the_brief_reads_the_demo_figures_as_of_november(demo_brief):
    brief, _files = demo_brief
    sections = {s.cluster.name: s for s in brief.sections}
    bigdata = sections["大数据智能化"]
    assert bigdata.headline.period.label == "2023年1-10月" and bigdata.headline.text == "92.2亿元"
    assert bigdata.headline.stated_yoy == Decimal("1.89")
    assert "11月数据暂缺" in plain(bigdata.paragraph)
    assert sections["新材料"].figures["output"].text == "53.0亿元"
    # 200多家 is a figure of 12月底: after November, so not in November's brief.
    health = sections["大健康生物医药"]
    assert not health.figures and health.older.period.label == "2022年" and health.older.stale
    assert "最新为2022年营业收入137.6亿元" in plain(health.paragraph)
    assert (health.cluster, health.older) in brief.quality.stale
    statuses = {(s.cluster.name, t.indicator.key, t.target.year): t.status for s in brief.sections for t in s.targets}
    assert statuses == {
        ("大健康生物医药", "revenue", 2025): "高风险",
        ("大健康生物医药", "enterprises", 2025): "高风险",
        ("生态环保", "revenue", 2025): "滞后",
        ("新材料", "output", 2025): "高风险",
    }
    assert "2023年度目标：暂无数据" in plain(bigdata.paragraph)
    assert "完成87.1%" in plain(sections["生态环保"].paragraph)


def test_the_docx_has_the_figures_and_their_sources(demo_brief):
    _brief, files = demo_brief
    text = docx_text(files["docx"])
    for figure in FIGURES:
        assert figure in text, figure
    for source in SOURCES:
        assert source in text, source
    assert "大渡口区产业集群经济运行月报" in text and "2023年11月" in text
    document = docx.Document(io.BytesIO(files["docx"]))
    # The figure's note number is a superscript [n] in the paragraph, and the same number opens its source.
    paragraph = next(p for p in document.paragraphs if "92.2亿元" in p.text)
    marks = [r.text for r in paragraph.runs if r.font.superscript]
    assert marks and marks[0].startswith("[")
    number = marks[0]
    assert any(p.text.startswith(number) and "实现营收92.2亿元" in p.text for p in document.paragraphs)
    # The table of main indicators: 新材料's revenue and output in 亿元, 暂无数据 where there is none.
    table = next(t for t in document.tables if "产业集群" in t.cell(0, 0).text)
    row = next(r for r in table.rows if r.cells[0].text == "新材料")
    assert [c.text.split("\n")[0] for c in row.cells[1:5]] == ["59.0", "+6.1", "53.0", "+9.8"]
    assert row.cells[5].text == "暂无数据"
    assert len(document.inline_shapes) == 2  # the two charts
    assert document.core_properties.title == "大渡口区产业集群经济运行月报（2023年11月）"


def test_the_pdf_has_the_figures_and_their_sources(demo_brief):
    _brief, files = demo_brief
    text = compact(pdf_text(files["pdf"]))
    for figure in FIGURES:
        assert figure in text, figure
    for source in SOURCES:
        assert compact(source) in text, source
    assert "数据来源" in text and "暂无数据" in text


def test_a_rendered_pdf_page_shows_chinese_in_an_embedded_font(demo_brief, tmp_path):
    _brief, files = demo_brief
    path = tmp_path / "brief.pdf"
    path.write_bytes(files["pdf"])
    fonts = [line.split() for line in pdffonts(path).splitlines()[2:]]
    assert fonts and all(f[-5] == "yes" for f in fonts), "every font is embedded"  # the emb column
    assert any("Noto-Serif-CJK-SC" in f[0] for f in fonts) and any("Noto-Sans-CJK-SC" in f[0] for f in fonts)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page")], check=True
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    pixels = list(image.get_flattened_data())
    inked = sum(1 for r, g, b in pixels if r + g + b < 384)  # darker than mid grey: glyph strokes
    red = sum(1 for r, g, b in pixels if r > 150 and g < 80 and b < 80)
    assert inked > 0.01 * len(pixels), "the page has text on it"
    assert red > 500, "the red header (红头) is drawn"
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0].extract_text()
    assert "大渡口区产业集群经济运行月报" in compact(first)


def test_the_xlsx_has_the_same_numbers_and_a_sources_sheet(demo_brief):
    brief, files = demo_brief
    workbook = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert {
        "月报",
        "主要指标一览",
        "指标明细",
        "目标进度",
        "招商引资",
        "企业诉求",
        "荣誉名单",
        "数据质量",
        "数据来源",
        "图表",
    } <= set(workbook.sheetnames)
    table = workbook["主要指标一览"]
    header = [c.value for c in table[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in table.iter_rows(min_row=2, values_only=True)}
    assert rows["大数据智能化"]["营业收入（亿元）"] == 92.2 and rows["大数据智能化"]["营业收入同比（%）"] == 1.9
    assert rows["大数据智能化"]["营业收入统计期"] == "1-10月"
    assert rows["新材料"]["工业总产值（亿元）"] == 53.0 and rows["新材料"]["工业总产值同比（%）"] == 9.8
    assert rows["重庆小面"]["营业收入同比（%）"] == 106.0
    assert rows["文化休闲旅游"]["营业收入（亿元）"] == "暂无数据"
    # The same numbers as the Word document's table.
    document = docx.Document(io.BytesIO(files["docx"]))
    word_table = next(t for t in document.tables if "产业集群" in t.cell(0, 0).text)
    for word_row in word_table.rows[2:]:
        name, shown, number = (
            word_row.cells[0].text,
            word_row.cells[1].text.split("\n")[0],
            rows[word_row.cells[0].text]["营业收入（亿元）"],
        )
        assert shown == number if shown == "暂无数据" else float(shown) == number, name
    sources = workbook["数据来源"]
    header = [c.value for c in sources[1]]
    notes = [dict(zip(header, r, strict=True)) for r in sources.iter_rows(min_row=2, values_only=True)]
    assert len(notes) == len(brief.notes.items)
    quoted = next(n for n in notes if n["引文"] == "实现营收92.2亿元，同比增长1.89%")
    assert quoted["类型"] == "报道" and quoted["刊物/发布者"] == "刊物未注明"
    people = next(n for n in notes if n["刊物/发布者"] == "人民日报")
    assert (people["日期"], people["版次"]) == ("2024-01-23", "第13版：社会")
    details = workbook["指标明细"]
    header = [c.value for c in details[1]]
    bigdata = next(
        dict(zip(header, r, strict=True))
        for r in details.iter_rows(min_row=2, values_only=True)
        if r[0] == "大数据智能化"
    )
    assert bigdata["注（来源编号）"] == quoted["编号"]
