"""The demo's brief of 2023-11 in the three formats, rendered once for the module's reading tests (the
brief only reads the database, and the demo is loaded once for the session)."""

import io
import re
import subprocess

import pytest
from django.contrib.auth.models import Group

from chanye.briefs import charts, content, excel, render, word
from chanye.core import roles
from chanye.core.regions import load_regions
from chanye.demo.loader import load_demo
from chanye.monitoring.services import load_catalogue
from chanye.registry.models import Cluster

DEMO_MONTH = "2023-11"


def ensure_demo() -> None:
    """As chanye/conftest.py's `demo`: a transactional test may have emptied the database."""
    if not Cluster.objects.exists():
        for role in roles.ALL:
            Group.objects.get_or_create(name=role)
        load_regions()
        load_catalogue(actor=None)
        load_demo()


@pytest.fixture(scope="session")
def demo_brief(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_demo()
        brief = content.build(content.parse_month(DEMO_MONTH))
        chart_list = charts.charts(brief)
        files = {
            "docx": word.docx(brief, chart_list),
            "pdf": render.pdf(brief, chart_list),
            "xlsx": excel.xlsx(brief, chart_list),
        }
    return brief, files


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a DOCX, as python-docx reads it."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def compact(text: str) -> str:
    """PDF text without the line breaks and spaces the layout put in."""
    return re.sub(r"\s+", "", text)


def pdffonts(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
