"""What the tests of the readers share: the fixture files, a document's paragraphs, and a DOCX made with
python-docx (format detection needs one too).

The PDFs are fixtures made once by fixtures/make_pdfs.py (CI has no CJK font to make them with); the
DOCX files are made here with python-docx; the texts were written for these tests.
"""

import datetime
import io
from pathlib import Path

import docx

from chanye.archive.engine.readers import Extracted

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def paragraphs(extracted: Extracted) -> list[str]:
    return extracted.text.split("\n\n")


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
