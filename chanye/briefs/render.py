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


def context(brief: Brief, chart_list, for_print: bool) -> dict:
    """What the document template (briefs/_document.html) reads. On a page the note references link to
    the source list and the charts are data: URIs; in print the charts come from memory (chart: URLs)."""
    from .word import table_note

    return {
        "brief": brief,
        "charts": [
            {"title": c.title, "note": c.note, "src": f"chart:{c.key}" if for_print else c.data_uri} for c in chart_list
        ],
        "links": not for_print,
        "table_note": table_note(brief),
    }


def html(brief: Brief, chart_list=None) -> str:
    chart_list = charting.charts(brief) if chart_list is None else chart_list
    return render_to_string("briefs/pdf.html", context(brief, chart_list, for_print=True))


def pdf(brief: Brief, chart_list=None) -> bytes:
    """The brief laid out by WeasyPrint. It fetches nothing but the charts, from memory: no network."""
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    fonts.require()
    chart_list = charting.charts(brief) if chart_list is None else chart_list
    images = {f"chart:{c.key}": c.png for c in chart_list}

    class Charts(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in images:
                raise ValueError(f"月报不读取外部资源：{url}")
            return URLFetcherResponse(url, images[url], {"Content-Type": "image/png"})

    return weasyprint.HTML(string=html(brief, chart_list), url_fetcher=Charts()).write_pdf()


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
