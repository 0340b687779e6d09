"""事务 → 月度简报 through the Django test client: choose the month, preview in the browser, generate in
the background (the embedded backend runs the task at once), download the file."""

import io
import re

import openpyxl
from django.urls import reverse

from chanye.briefs.models import GeneratedBrief
from chanye.core.regions import home_region
from chanye.jobs.testing import run_jobs

from .conftest import docx_text

HOME = reverse("briefs:brief-list")
ASSET = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"')


def test_the_brief_is_under_affairs_in_the_navigation(personas, client_for):
    html = client_for(personas["leader"]).get(reverse("home")).content.decode()
    assert "事务" in html and HOME in html and "月度简报" in html
    page = client_for(personas["leader"]).get(HOME).content.decode()
    assert 'type="month"' in page and "在浏览器中预览" in page


def test_the_preview_shows_the_brief_with_its_sources_and_charts(personas, client_for):
    client = client_for(personas["leader"])
    response = client.get(reverse("briefs:preview"), {"period": "2023-11", "region": home_region().pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "大渡口区产业集群经济运行月报" in html and "营业收入累计92.2亿元" in html
    assert '<sup class="note-ref"><a href="#note-1">[1]</a></sup>' in html
    assert 'id="note-1"' in html and "实现营收92.2亿元，同比增长1.89%" in html
    assert html.count('src="data:image/png;base64,') == 2  # the charts, drawn on the server
    for asset in ASSET.findall(html):  # nothing from another host
        assert asset.startswith(("/", "data:")) and not asset.startswith("//"), asset


def test_a_bad_month_is_refused_on_the_preview(personas, client_for):
    response = client_for(personas["leader"]).get(
        reverse("briefs:preview"), {"period": "2023-13", "region": home_region().pk}
    )
    assert response.status_code == 400 and "月份无效" in response.content.decode()


def test_generate_then_download(personas, client_for):
    client = client_for(personas["statistics"])
    response = client.post(
        reverse("briefs:brief-create"), {"period": "2023-11", "region": home_region().pk, "format": "docx"}
    )
    record = GeneratedBrief.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert record.status == "排队"  # the request returns before the brief is made: a worker makes it
    run_jobs()
    record.refresh_from_db()
    assert record.status == "完成" and record.generated_by == personas["statistics"]
    page = client.get(record.get_absolute_url()).content.decode()
    assert "已生成" in page and reverse("briefs:brief-download", args=[record.pk]) in page
    download = client.get(reverse("briefs:brief-download", args=[record.pk]))
    data = b"".join(download.streaming_content)
    download.close()
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "营业收入累计92.2亿元" in docx_text(data)
    assert record.filename in download["Content-Disposition"] or "filename*" in download["Content-Disposition"]


def test_a_queued_brief_polls_until_it_is_done(personas, client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = client_for(personas["office"])
    client.post(reverse("briefs:brief-create"), {"period": "2023-11", "region": home_region().pk, "format": "xlsx"})
    record = GeneratedBrief.objects.get()
    page = client.get(record.get_absolute_url()).content.decode()
    assert record.status == "排队" and 'hx-trigger="every 2s"' in page and "排队中" in page
    assert client.get(reverse("briefs:brief-download", args=[record.pk])).status_code == 404
    from chanye.briefs import services

    services.generate(record)  # what a worker does
    fragment = client.get(record.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "已生成" in fragment and "hx-trigger" not in fragment and "<html" not in fragment
    download = client.get(reverse("briefs:brief-download", args=[record.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    download.close()
    assert "数据来源" in workbook.sheetnames


def test_a_failed_generation_says_why(personas, client_for, settings, tmp_path):
    settings.CHANYE_BRIEF_TEMPLATE = str(tmp_path / "missing.docx")
    client = client_for(personas["office"])
    client.post(reverse("briefs:brief-create"), {"period": "2023-11", "region": home_region().pk, "format": "docx"})
    run_jobs()
    record = GeneratedBrief.objects.get()
    assert record.status == "失败" and "missing.docx" in record.error
    assert "生成失败" in client.get(record.get_absolute_url()).content.decode()
