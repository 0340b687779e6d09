"""CSV and XLSX imports: every bad row reported, nothing written when any row is bad."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chanye.core.models import AuditEntry
from chanye.registry.models import Cluster, Designation, Enterprise

HEADER = "企业名称,简称,统一社会信用代码,所属集群,角色"
ENTERPRISE_URL = reverse("registry:enterprise-import")


def csv_file(text: str, name="企业.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list], name="企业.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file, url=ENTERPRISE_URL):
    return client.post(url, {"file": file})


@pytest.fixture
def office_client(personas, client_for):
    return client_for(personas["office"])


def test_a_good_xlsx_is_previewed_then_committed_with_one_audit_entry_per_row(office_client):
    rows = [
        HEADER.split(","),
        ["重庆甲数据有限公司", "甲数据", "91350100M000100Y43", "大数据智能化", "培育"],
        ["重庆乙软件有限公司", "", "", "大数据智能化", "专精特新"],
    ]
    preview = upload(office_client, xlsx_file(rows))
    assert preview.status_code == 200
    assert "全部通过校验" in preview.content.decode()
    assert not Enterprise.objects.filter(name__in=["重庆甲数据有限公司", "重庆乙软件有限公司"]).exists()
    done = office_client.post(ENTERPRISE_URL, {"confirm": "1"})
    assert done.status_code == 302
    created = Enterprise.objects.filter(name__in=["重庆甲数据有限公司", "重庆乙软件有限公司"])
    assert created.count() == 2
    assert created.get(short_name="甲数据").clusters.get().name == "大数据智能化"
    notes = set(AuditEntry.objects.filter(action="create", note__startswith="导入").values_list("note", flat=True))
    assert notes == {"导入 企业.xlsx 第2行", "导入 企业.xlsx 第3行"}


def test_every_bad_row_is_reported_and_nothing_is_written(office_client):
    count = Enterprise.objects.count()
    text = "\n".join(
        [
            HEADER,
            "重庆好企业有限公司,,,大数据智能化,培育",  # good
            "坏代码企业,,91350100M000100Y44,大数据智能化,培育",  # bad credit code
            "海康威视,,,大数据智能化,链主",  # duplicate of an existing enterprise
            "重庆好企业有限公司,,,大数据智能化,培育",  # duplicate of row 2
            "未知集群企业,,,不存在的集群,培育",  # unknown cluster
            "未知角色企业,,,大数据智能化,老大",  # not a role
        ]
    )
    response = upload(office_client, csv_file(text))
    assert response.status_code == 400
    html = response.content.decode()
    for row, reason in [(3, "校验位错误"), (4, "已存在"), (5, "与第2行重复"), (6, "不存在的集群"), (7, "老大")]:
        assert f"第{row}行" in html and reason in html, (row, reason)
    assert "第2行</strong>" not in html
    assert Enterprise.objects.count() == count


def test_a_wrong_header_is_reported(office_client):
    response = upload(office_client, csv_file("公司名,所属集群\n重庆某公司,大数据智能化"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "未知的列：公司名" in html and "缺少必填列：企业名称" in html


def test_text_in_a_number_field_is_reported(personas, client_for):
    count = Designation.objects.count()
    text = "获得者,获得者类型,名单或称号,级别,年份\n某企业,enterprise,某名单,市,二〇二三\n另一企业,enterprise,另一名单,市,2023"
    response = upload(client_for(personas["admin"]), csv_file(text, "荣誉.csv"), reverse("registry:designation-import"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "第2行" in html and "年份" in html and "整数" in html
    assert Designation.objects.count() == count


def test_rows_outside_the_offices_clusters_are_refused_in_the_preview(office_client):
    text = HEADER + "\n新材料企业,,,新材料,培育\n数据企业,,,大数据智能化,培育"
    response = upload(office_client, csv_file(text))
    assert response.status_code == 400
    html = response.content.decode()
    assert "第2行" in html and "不在您的管理范围内" in html
    assert not Enterprise.objects.filter(name__in=["新材料企业", "数据企业"]).exists()


def test_gb18030_csv_from_chinese_excel_is_read(office_client):
    response = upload(office_client, csv_file(HEADER + "\n重庆丙信息有限公司,,,大数据智能化,培育", encoding="gb18030"))
    assert response.status_code == 200 and "重庆丙信息有限公司" in response.content.decode()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("企业.xlsx", b"this is not a workbook"), "不是 Excel 工作簿"),
        (SimpleUploadedFile("企业.pdf", b"%PDF-1.4"), "不支持的文件类型"),
        (SimpleUploadedFile("企业.csv", b"a,b\x00c"), "不是文本"),
        (SimpleUploadedFile("企业.csv", b""), "文件是空的"),
        (SimpleUploadedFile("企业.csv", "企业名称\n".encode()), "没有数据行"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(office_client, file, message):
    response = upload(office_client, file)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_file_over_the_limit_is_refused(office_client, settings):
    settings.CHANYE_MAX_IMPORT_BYTES = 1024
    response = upload(office_client, csv_file(HEADER + "\n" + "重庆大文件有限公司,,,大数据智能化,培育\n" * 40))
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


def test_confirm_without_a_preview_is_refused(office_client):
    response = office_client.post(ENTERPRISE_URL, {"confirm": "1"})
    assert response.status_code == 400


def test_roles_that_cannot_create_cannot_import(personas, client_for):
    response = upload(client_for(personas["leader"]), csv_file(HEADER + "\n某企业,,,大数据智能化,培育"))
    assert response.status_code == 403


def test_export_is_an_xlsx_that_imports_back_with_the_same_header(personas, client_for):
    response = client_for(personas["leader"]).get(reverse("registry:enterprise-export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "企业名称"
    assert len(rows) - 1 == Enterprise.objects.count()
    by_name = {row[0]: row for row in rows[1:]}
    assert "新材料" in by_name["重庆国际复合材料股份有限公司"]


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("office", 403), ("leader", 403)])
def test_only_administrators_import_clusters(personas, client_for, role, status):
    assert client_for(personas[role]).get(reverse("registry:cluster-import")).status_code == status


def test_administrators_import_a_cluster_naming_its_office(personas, client_for):
    text = "名称,类型,牵头产业办\n智能网联新能源汽车,产业领域,新材料产业发展办公室"
    client = client_for(personas["admin"])
    assert upload(client, csv_file(text, "集群.csv"), reverse("registry:cluster-import")).status_code == 200
    client.post(reverse("registry:cluster-import"), {"confirm": "1"})
    assert Cluster.objects.get(name="智能网联新能源汽车", region__code="500104").office.name == "新材料产业发展办公室"


def test_the_template_download_is_the_header_alone(personas, client_for):
    client = client_for(personas["office"])
    import_page = client.get(ENTERPRISE_URL).content.decode()
    assert reverse("registry:enterprise-export") + "?template=1" in import_page
    response = client.get(reverse("registry:enterprise-export"), {"template": "1"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 and rows[0][:5] == ("企业名称", "简称", "别名", "统一社会信用代码", "所属集群")


# ---- bounded reading (issue 16, defect 1): refused with a Chinese message, nothing written


def assert_refused_and_nothing_written(response, message: str, before: tuple[int, int]):
    assert message in response.content.decode()
    assert (Enterprise.objects.count(), AuditEntry.objects.count()) == before


def test_a_small_xlsx_of_a_million_rows_is_refused_at_the_row_limit(office_client):
    from chanye.core.testing import huge_xlsx

    content = huge_xlsx(1_000_000)
    assert len(content) < 400 * 1024  # small enough to pass the size limit: the rows must be counted
    before = (Enterprise.objects.count(), AuditEntry.objects.count())
    response = upload(office_client, SimpleUploadedFile("企业.xlsx", content))
    assert_refused_and_nothing_written(response, "行数过多：超过 10000 行", before)
    assert_refused_and_nothing_written(office_client.post(ENTERPRISE_URL, {"confirm": "1"}), "", before)


def test_a_zip_bomb_xlsx_is_refused_before_it_is_opened(office_client, settings):
    from chanye.core.testing import zip_bomb

    settings.CHANYE_MAX_IMPORT_UNPACKED_BYTES = 2 * 1024 * 1024  # the real limit is 100 MB: same check, faster test
    good = xlsx_file([["企业名称", "所属集群"], ["某企业", "大数据智能化"]]).read()
    before = (Enterprise.objects.count(), AuditEntry.objects.count())
    response = upload(office_client, SimpleUploadedFile("企业.xlsx", zip_bomb(good, 3 * 1024 * 1024)))
    assert_refused_and_nothing_written(response, "解压后过大", before)


def test_a_table_of_too_many_cells_is_refused(office_client):
    text = "企业名称" + "," * 600_000 + "\n某企业" + "," * 600_000 + "\n"
    before = (Enterprise.objects.count(), AuditEntry.objects.count())
    response = upload(office_client, csv_file(text))
    assert_refused_and_nothing_written(response, "单元格过多", before)
