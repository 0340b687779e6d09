"""The brief as files: PDF (WeasyPrint, from the same HTML as the page's preview), DOCX (docxtpl, from a
Word template an office may replace) and XLSX (openpyxl, the same numbers with a sheet of sources).

Each renderer takes a built Brief (chanye.briefs.content) and returns bytes; charts are drawn once.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from . import charts as charting
from . import fonts
from .content import Brief

FORMATS = {
    "docx": ("Word 文档（DOCX）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("PDF", "application/pdf"),
    "xlsx": ("Excel 表格（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass
class Rendered:
    filename: str
    content: bytes
    content_type: str


def html(brief: Brief, chart_list=None, template: str = "briefs/pdf.html") -> str:
    chart_list = charting.charts(brief) if chart_list is None else chart_list
    return render_to_string(template, {"brief": brief, "charts": chart_list})


def pdf(brief: Brief, chart_list=None) -> bytes:
    import weasyprint

    fonts.require()
    return weasyprint.HTML(string=html(brief, chart_list)).write_pdf()


def render(brief: Brief, fmt: str) -> Rendered:
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式：{fmt}（可选 {'、'.join(FORMATS)}）")
    if fmt == "pdf":
        content = pdf(brief)
    elif fmt == "docx":
        from .word import docx

        content = docx(brief)
    else:
        from .excel import xlsx

        content = xlsx(brief)
    return Rendered(f"{brief.filename_stem}.{fmt}", content, FORMATS[fmt][1])
