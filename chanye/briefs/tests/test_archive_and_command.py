"""The command line, the replaceable Word template, and the monthly brief kept in the archive: searchable,
made once per text (again only when the figures change), its figures not proposed again for review."""

import datetime
import io
from decimal import Decimal
from unittest import mock

import docx
import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from docx.shared import Cm

from chanye.archive import search
from chanye.archive.models import Document, Paragraph
from chanye.briefs import docx_template, services, tasks
from chanye.briefs.models import GeneratedBrief
from chanye.extraction.models import ExtractedFact
from chanye.monitoring.models import Observation

from .conftest import compact, docx_text


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_chanye_report_brief_writes_the_file(demo, tmp_path, fmt):
    out = tmp_path / f"brief.{fmt}"
    call_command("report", "brief", "--period", "2023-11", "--region", "大渡口区", "--format", fmt, "-o", str(out))
    data = out.read_bytes()
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert "营业收入累计92.2亿元" in compact(pdf.pages[0].extract_text())
    elif fmt == "docx":
        assert "营业收入累计92.2亿元" in docx_text(data)
    else:
        assert data[:2] == b"PK"


def test_chanye_report_refuses_what_it_cannot_read(demo, tmp_path):
    with pytest.raises(CommandError, match="--period"):
        call_command("report", "brief")
    with pytest.raises(CommandError, match="月份无效"):
        call_command("report", "brief", "--period", "2023-13", "-o", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="没有这个区域"):
        call_command("report", "brief", "--period", "2023-11", "--region", "不存在区", "-o", str(tmp_path / "x.docx"))


def test_the_shipped_template_is_what_the_builder_writes(tmp_path):
    built = docx.Document(docx_template.build(tmp_path / "t.docx"))
    shipped = docx.Document(docx_template.SHIPPED)
    assert [p.text for p in built.paragraphs] == [p.text for p in shipped.paragraphs]
    assert [[c.text for c in t._cells] for t in built.tables] == [[c.text for c in t._cells] for t in shipped.tables]


def test_an_office_replaces_the_template_without_code(demo, settings, tmp_path):
    """The 红头 rewritten, a logo added, fonts changed — in the template only."""
    call_command("report", "template", "-o", str(tmp_path / "ours.docx"))
    template = docx.Document(tmp_path / "ours.docx")
    head = template.paragraphs[0]
    head.runs[0].text = "大渡口区经济和信息化委员会"
    head.runs[0].font.name = "方正小标宋_GBK"
    logo = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (40, 40), (200, 0, 0)).save(logo, format="PNG")
    template.sections[0].header.paragraphs[0].add_run().add_picture(logo, width=Cm(1))
    template.paragraphs[1].add_run("　产业集群简报（第{{ period_label[5:] }}）")
    template.save(tmp_path / "ours.docx")
    settings.CHANYE_BRIEF_TEMPLATE = str(tmp_path / "ours.docx")
    data = services.render_brief(month="2023-11", fmt="docx").content
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "大渡口区经济和信息化委员会"
    assert document.paragraphs[1].text == "2023年11月　产业集群简报（第11月）"
    assert document.paragraphs[0].runs[0].font.name == "方正小标宋_GBK"
    assert any(rel.reltype.endswith("/image") for rel in document.sections[0].header.part.rels.values())
    assert "营业收入累计92.2亿元" in docx_text(data)


def test_the_monthly_brief_is_kept_in_the_archive_once(demo):
    assert tasks.monthly_brief.call(day="2023-12-06") is None  # not the 5th working day
    document_id = tasks.monthly_brief.call(day="2023-12-07")
    document = Document.objects.get(pk=document_id)
    assert document.title == "大渡口区产业集群经济运行月报（2023年11月）"
    assert (document.source, document.date, document.edition) == (
        "chanye 产业集群经济运行月报",
        datetime.date(2023, 12, 7),
        "2023年第11期",
    )
    assert document.format == "docx" and document.clusters.count() == 7
    assert not ExtractedFact.objects.filter(document=document).exists()  # its figures are the database's own
    hits = search.find("92.2亿元", source="chanye 产业集群经济运行月报")
    assert hits.total >= 1 and set(
        Paragraph.objects.filter(pk__in=hits.paragraph_ids).values_list("document", flat=True)
    ) == {document.pk}
    record = GeneratedBrief.objects.get(document=document)
    assert (record.generated_by, record.format, record.month_text) == (None, "docx", "2023-11")
    # Run again with nothing changed: the same record, the same document.
    assert tasks.monthly_brief.call(day="2023-12-07") == document.pk
    assert Document.objects.filter(source="chanye 产业集群经济运行月报").count() == 1
    assert GeneratedBrief.objects.count() == 1
    # A corrected figure: the brief is made again and the archive keeps both versions.
    Observation.objects.filter(cluster__name="新材料", indicator__key="revenue").update(value=Decimal("6000000000"))
    newer = services.monthly_brief(today=datetime.date(2023, 12, 7))
    assert newer.pk == record.pk and newer.document_id != document.pk
    assert Document.objects.filter(source="chanye 产业集群经济运行月报").count() == 2
    assert "60.0亿元" in "\n".join(newer.document.paragraphs.values_list("text", flat=True))


def test_chanye_report_monthly(demo, capsys):
    call_command("report", "monthly", "--date", "2023-12-06")
    assert "不是月报日（上月月报应于 2023-12-07 生成）" in capsys.readouterr().out
    call_command("report", "monthly", "--date", "2023-12-06", "--force")
    assert "已存入资料库" in capsys.readouterr().out
    assert Document.objects.filter(title="大渡口区产业集群经济运行月报（2023年11月）").exists()


def test_the_scheduler_queues_the_monthly_brief_on_the_fifth_working_day(demo):
    from django.utils import timezone

    from chanye.jobs import schedule
    from chanye.jobs.models import Job
    from chanye.jobs.testing import run_jobs

    def at(text):
        return timezone.make_aware(datetime.datetime.fromisoformat(text))

    brief = schedule.get("monthly-brief")
    assert not [j for j in schedule.tick(at("2023-12-06 07:30")) if j.schedule == "monthly-brief"]
    (job,) = [j for j in schedule.tick(at("2023-12-07 07:30")) if j.schedule == "monthly-brief"]
    assert job.kind == brief.kind == "briefs.monthly"
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2023, 12, 7)):
        run_jobs()
    job = Job.objects.get(pk=job.pk)
    assert job.state == "succeeded", job.error
    document = Document.objects.get(source="chanye 产业集群经济运行月报")
    assert job.result["summary"] == f"2023年11月月报已存入资料库：《{document}》"
    assert job.result["link"] == document.get_absolute_url()
