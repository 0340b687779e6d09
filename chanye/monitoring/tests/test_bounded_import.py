"""Statistics files are read as a stream and stopped at the first limit passed; a small XLSX that unpacks to
a million rows is handed to a worker, never read in the request (issue 16, defect 1)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chanye.core.testing import huge_xlsx, zip_bomb
from chanye.jobs.models import Job
from chanye.monitoring import imports
from chanye.monitoring.models import ImportBatch, Observation

IMPORT_URL = reverse("monitoring:observation-import")


def written() -> tuple[int, int]:
    return Observation.objects.count(), ImportBatch.objects.count()


def test_a_long_file_past_the_row_limit_is_refused(personas, settings):
    settings.CHANYE_MAX_OBSERVATION_IMPORT_ROWS = 1000
    parsed = imports.parse("统计.xlsx", huge_xlsx(1_000_000, header="主体"), personas["statistics"])
    assert not parsed.ok and parsed.header_errors == ["行数过多：超过 1000 行，请分成几个文件导入"]
    assert parsed.rows == []


def test_a_bureau_table_past_the_row_limit_is_refused(personas, settings):
    settings.CHANYE_MAX_OBSERVATION_IMPORT_ROWS = 1000
    parsed = imports.parse("统计局.xlsx", huge_xlsx(1_000_000, header="指标名称"), personas["statistics"])
    assert not parsed.ok and any("行数过多" in e for e in parsed.header_errors)


def test_a_zip_bomb_is_refused_before_it_is_opened(personas, settings):
    settings.CHANYE_MAX_OBSERVATION_IMPORT_UNPACKED_BYTES = 2 * 1024 * 1024
    parsed = imports.parse("统计.xlsx", zip_bomb(huge_xlsx(10, header="主体"), 3 * 1024 * 1024), personas["statistics"])
    assert not parsed.ok and any("解压后过大" in e for e in parsed.header_errors)


def test_a_small_xlsx_of_a_million_rows_goes_to_a_worker_not_the_request(personas, client_for):
    content = huge_xlsx(1_000_000, header="主体")
    assert len(content) < 1024 * 1024  # under the size that used to decide
    before = written()
    response = client_for(personas["statistics"]).post(IMPORT_URL, {"file": SimpleUploadedFile("统计.xlsx", content)})
    assert response.status_code == 302 and "?job=" in response.url
    assert Job.objects.filter(kind="monitoring.check_import").count() == 1
    assert written() == before  # the job queued is audited; no figure, no batch
