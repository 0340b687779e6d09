"""The default Word template of the brief, written with python-docx: `chanye report template -o FILE`
writes it for an office to edit in Word (红头, fonts, logo, page setup, wording around the figures) and
CHANYE_BRIEF_TEMPLATE points the platform at the edited copy. The shipped copy (brief-template.docx) is
this function's output; tests check the two agree.

Placeholders are docxtpl's Jinja tags, typed as plain text in Word:

    {{ title }} {{ region }} {{ period_label }} {{ issue_date }} {{ generated_at }} {{ generated_by }}
    {{r summary }}                                  the overview (rich text: note numbers in superscript)
    {%p for s in sections %}{{r s }}{%p endfor %}   one paragraph per cluster
    {%p for c in charts %}{{ c.image }} {{ c.caption }}{%p endfor %}
    {{ columns[0].name }} … {{ columns[3].unit }}   the main indicators of the table
    {%tr for row in table %} {{r row.name }} {{r row.cells[0].value }} {{ row.cells[0].yoy }} … {{ row.notes }} {%tr endfor %}
    {{r pipeline.signed_text }} {%tr for row in pipeline.signed %} … ; pipeline.events, pipeline.changes,
    pipeline.clusters; {{r appeals.text }} {%tr for row in appeals.offices %} …; {{r designations.new }},
    {{r designations.undated }}; {%p for q in quality %}{{r q }}{%p endfor %};
    {%p for n in notes %}[{{ n.number }}] {{ n.text }}{%p endfor %}

The list of every variable is in docs/brief-template.md.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

SHIPPED = Path(__file__).resolve().parent / "brief-template.docx"
RED = RGBColor(0xCC, 0x00, 0x00)

BODY_FONT, HEADING_FONT, TITLE_FONT, KAI_FONT = "仿宋", "黑体", "方正小标宋简体", "楷体"


def _fonts(style_or_run, east_asia: str, latin: str = "Times New Roman") -> None:
    style_or_run.font.name = latin
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _paragraph_style(document, name: str, east_asia: str, size: float, bold=False, base="Normal"):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    style.quick_style = True
    _fonts(style, east_asia)
    style.font.size = Pt(size)
    style.font.bold = bold
    return style


def _bottom_border(paragraph, colour: str = "CC0000", size_eighths: int = 18) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "4"), ("w:color", colour)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fixed_layout(table) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _table(
    document,
    header_rows: list[list[str]],
    loop: str,
    cells: list[str],
    widths: list[float],
    numbers: tuple[int, ...] = (),
):
    """A table whose header rows are fixed and whose body is one row repeated by `{%tr for … %}`; the
    columns in `numbers` are right-aligned."""
    columns = len(cells)
    table = document.add_table(rows=len(header_rows) + 3, cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    for r, row in enumerate(header_rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            cell.paragraphs[0].style = document.styles["月报表头"]
    body = len(header_rows)
    table.cell(body, 0).text = f"{{%tr for {loop} %}}"
    for c, text in enumerate(cells):
        table.cell(body + 1, c).text = text
        table.cell(body + 1, c).paragraphs[0].style = document.styles["月报数字" if c in numbers else "月报表格"]
    table.cell(body + 2, 0).text = "{%tr endfor %}"
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for c, width in enumerate(widths):
            row.cells[c].width = Cm(width)
    return table


def build(path: Path) -> Path:
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT)
    normal.font.size = Pt(14)
    normal.paragraph_format.line_spacing = Pt(26)
    normal.paragraph_format.space_after = Pt(0)
    body = _paragraph_style(document, "月报正文", BODY_FONT, 14)
    body.paragraph_format.first_line_indent = Pt(28)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph_style(document, "月报一级标题", HEADING_FONT, 16).paragraph_format.space_before = Pt(10)
    _paragraph_style(document, "月报二级标题", KAI_FONT, 15, bold=True)
    for name, size in (("月报表格", 8), ("月报数字", 8), ("月报表头", 8.5), ("月报注释", 9), ("月报图题", 10.5)):
        style = _paragraph_style(document, name, BODY_FONT if name != "月报表头" else HEADING_FONT, size)
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.first_line_indent = Pt(0)
    document.styles["月报表头"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles["月报数字"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.styles["月报图题"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # 红头: the office replaces these lines (its name, an issue number, a logo) in Word.
    title = document.add_paragraph(style=body)
    title.paragraph_format.first_line_indent = Pt(0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = 1.2
    run = title.add_run("{{ title }}")
    _fonts(run, TITLE_FONT)
    run.font.size, run.font.color.rgb, run.font.bold = Pt(24), RED, True
    issue = document.add_paragraph(style=body)
    issue.paragraph_format.first_line_indent = Pt(0)
    issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = issue.add_run("{{ period_label }}")
    _fonts(run, KAI_FONT)
    run.font.size = Pt(16)
    meta = document.add_paragraph(style=body)
    meta.paragraph_format.first_line_indent = Pt(0)
    meta.paragraph_format.tab_stops.add_tab_stop(Cm(15.6), WD_TAB_ALIGNMENT.RIGHT)
    meta.add_run("数据截至{{ period_label }}\t{{ issue_date }}").font.size = Pt(12)
    _bottom_border(meta)

    def heading(text: str, level: int = 1):
        document.add_paragraph(text, style=f"月报{'一' if level == 1 else '二'}级标题")

    def paragraph(text: str, style_name: str = "月报正文"):
        return document.add_paragraph(text, style=style_name)

    heading("一、总体情况")
    paragraph("{{r summary }}")
    heading("二、各产业集群运行情况")
    paragraph("{%p for s in sections %}")
    paragraph("{{r s }}")
    paragraph("{%p endfor %}")
    paragraph("{%p for c in charts %}")
    paragraph("{{ c.image }}", "月报图题")
    paragraph("{{ c.caption }}", "月报图题")
    paragraph("{%p endfor %}")

    heading("三、主要指标一览")
    figures = _table(
        document,
        [
            ["产业集群"] + [""] * 8 + ["注"],
            [""] + [f"{{{{ columns[{i // 2}].unit }}}}" if i % 2 == 0 else "同比%" for i in range(8)] + [""],
        ],
        "row in table",
        ["{{ row.name }}"]
        + [
            f"{{{{r row.cells[{i // 2}].value }}}}" if i % 2 == 0 else f"{{{{ row.cells[{i // 2}].yoy }}}}"
            for i in range(8)
        ]
        + ["{{ row.notes }}"],
        widths=[2.2] + [1.55] * 8 + [1.0],
        numbers=tuple(range(1, 9)),
    )
    for i in range(4):  # each indicator's name over its value and 同比 columns
        merged = figures.cell(0, 1 + 2 * i).merge(figures.cell(0, 2 + 2 * i))
        merged.text = f"{{{{ columns[{i}].name }}}}"
        merged.paragraphs[0].style = document.styles["月报表头"]
    for column, text in ((0, "产业集群"), (9, "注")):
        merged = figures.cell(0, column).merge(figures.cell(1, column))
        merged.text = text
        merged.paragraphs[0].style = document.styles["月报表头"]
    paragraph("{{ table_note }}", "月报注释")

    heading("四、招商引资")
    heading("（一）本月签约", 2)
    paragraph("{{r pipeline.signed_text }}")
    paragraph("{%p if pipeline.signed %}")
    _table(
        document,
        [["项目", "所属集群", "签约日期", "合同投资额", "注"]],
        "row in pipeline.signed",
        ["{{ row.name }}", "{{ row.cluster }}", "{{ row.date }}", "{{ row.amount }}", "{{ row.note }}"],
        widths=[5.6, 3.0, 2.3, 2.5, 1.2],
        numbers=(3,),
    )
    paragraph("{%p endif %}")
    paragraph("{%p for e in pipeline.events %}")
    paragraph("{{r e }}")
    paragraph("{%p endfor %}")
    heading("（二）项目阶段变化", 2)
    paragraph("{{r pipeline.changes_text }}")
    paragraph("{%p if pipeline.changes %}")
    _table(
        document,
        [["日期", "项目", "阶段", "原因"]],
        "row in pipeline.changes",
        ["{{ row.date }}", "{{ row.project }}", "{{ row.stages }}", "{{ row.reason }}"],
        widths=[2.3, 5.4, 2.9, 4.0],
    )
    paragraph("{%p endif %}")
    heading("（三）合同投资与到位资金", 2)
    paragraph("{%p if pipeline.clusters %}")
    _table(
        document,
        [["产业集群", "已签约项目（个）", "合同投资额", "到位资金", "其中本月", "到位率", "统计部门本年累计数"]],
        "row in pipeline.clusters",
        [
            "{{ row.name }}",
            "{{ row.projects }}",
            "{{ row.contract }}",
            "{{ row.funds }}",
            "{{ row.funds_in_month }}",
            "{{ row.ratio }}",
            "{{ row.reported }}",
        ],
        widths=[2.2, 1.8, 1.8, 1.8, 1.6, 1.6, 4.8],
        numbers=(1, 2, 3, 4, 5),
    )
    paragraph("{%p endif %}")
    paragraph("{{r pipeline.clusters_note }}", "月报注释")

    heading("五、企业诉求办理")
    paragraph("{{r appeals.text }}")
    paragraph("{%p if appeals.offices %}")
    _table(
        document,
        [["承办部门", "本月受理", "本月办结", "月末在办", "月末超期"]],
        "row in appeals.offices",
        [
            "{{ row.office }}",
            "{{ row.received }}",
            "{{ row.closed }}",
            "{{ row.open_at_end }}",
            "{{ row.overdue_at_end }}",
        ],
        widths=[5.8, 2.2, 2.2, 2.2, 2.2],
        numbers=(1, 2, 3, 4),
    )
    paragraph("{%p endif %}")
    paragraph("{{ appeals.note }}", "月报注释")

    heading("六、荣誉与名单")
    paragraph("{{r designations.new }}")
    paragraph("{{r designations.undated }}")

    heading("七、数据质量提示")
    paragraph("{%p for q in quality %}")
    paragraph("{{r q }}")
    paragraph("{%p endfor %}")

    heading("数据来源")
    paragraph("{%p for n in notes %}")
    paragraph("[{{ n.number }}] {{ n.text }}", "月报注释")
    paragraph("{%p endfor %}")

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.style = document.styles["月报注释"]
    footer.add_run("— ")
    _field(footer, "PAGE")
    footer.add_run(" —　　{{ title }}（{{ period_label }}）　chanye 生成于 {{ generated_at }}")

    properties = document.core_properties
    properties.title, properties.author, properties.subject = "产业集群经济运行月报模板", "chanye", "月度简报"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path
