"""The Importer of chanye.core.imports on a real model (parks, through the registry's form and create
service): every bad row reported, nothing written while any row is bad, the dry run writes nothing,
and the commit validates again and writes all rows or none, one audit entry each."""

import pytest
from django.core.exceptions import ValidationError

from chanye.core.imports import Importer
from chanye.core.models import AuditEntry
from chanye.core.tables import Table
from chanye.registry import services
from chanye.registry.forms import ParkForm, import_form
from chanye.registry.models import Park

HEADER = ["名称", "类型", "位置", "服务集群"]


@pytest.fixture
def importer():
    return Importer(model=Park, form_class=import_form(ParkForm), create_service=services.create_park)


def table(*rows, headers=HEADER) -> Table:
    return Table(headers=list(headers), rows=[(number, list(row)) for number, row in enumerate(rows, start=2)])


class Nothing:
    def __init__(self):
        self.parks, self.entries = Park.objects.count(), AuditEntry.objects.count()

    def written(self) -> bool:
        return (Park.objects.count(), AuditEntry.objects.count()) != (self.parks, self.entries)


GOOD = [("一号园区", "工业园区", "建桥", "大数据智能化"), ("二号园区", "专业园区", "", "大数据智能化")]


def test_the_dry_run_of_good_rows_writes_nothing(personas, importer):
    before = Nothing()
    report = importer.validate(table(*GOOD), "载体.csv", personas["office"])
    assert report.ok and [n for n, _data in report.valid] == [2, 3]
    assert not before.written()


def test_a_column_left_out_takes_the_models_default(personas, importer):
    rows = table(("三号园区", "大数据智能化"), headers=["名称", "服务集群"])
    [park] = importer.commit(rows, "载体.csv", personas["office"])
    assert park.kind == "其他"


def test_every_bad_row_is_reported_and_the_commit_writes_nothing(personas, importer):
    rows = table(
        ("一号园区", "工业园区", "", "大数据智能化"),  # good
        ("坏类型园区", "飞地", "", "大数据智能化"),  # not a kind
        ("一号园区", "工业园区", "", "大数据智能化"),  # repeats row 2
        ("未知集群园区", "工业园区", "", "不存在的集群"),  # no such cluster
        ("别处园区", "工业园区", "", "新材料"),  # outside the office's clusters: not among its choices
    )
    before = Nothing()
    report = importer.validate(rows, "载体.csv", personas["office"])
    assert not report.ok and sorted(report.row_errors) == [3, 4, 5, 6]
    assert "类型" in report.row_errors[3][0] and "飞地" in report.row_errors[3][0]
    assert report.row_errors[4] == ["与第2行重复（大渡口区、一号园区）"]  # a park's name is unique in its region
    assert "不存在的集群" in report.row_errors[5][0]
    assert "不在您的管理范围内" in report.row_errors[6][0]
    with pytest.raises(ValidationError) as refused:
        importer.commit(rows, "载体.csv", personas["office"])
    assert [m[:3] for m in refused.value.messages] == ["第3行", "第4行", "第5行", "第6行"]
    assert not before.written()


def test_a_row_the_service_refuses_is_reported_by_the_rehearsal_and_nothing_is_written(personas, importer):
    rows = table(*GOOD, ("别处园区", "工业园区", "", "新材料"))
    before = Nothing()
    report = importer.validate(rows, "载体.csv", personas["office"])
    assert list(report.row_errors) == [4] and "不在您的管理范围内" in report.row_errors[4][0]
    with pytest.raises(ValidationError, match="第4行"):
        importer.commit(rows, "载体.csv", personas["office"])
    assert not before.written()


def test_a_row_that_exists_in_the_database_is_reported(personas, importer):
    services.create_park(actor=None, data={"name": "一号园区"})
    report = importer.validate(table(*GOOD), "载体.csv", personas["office"])
    assert list(report.row_errors) == [2] and "已存在" in report.row_errors[2][0]


def test_a_good_file_is_committed_with_one_audit_entry_per_row(personas, importer):
    before = Nothing()
    created = importer.commit(table(*GOOD), "载体.csv", personas["office"])
    assert [p.name for p in created] == ["一号园区", "二号园区"]
    assert Park.objects.count() == before.parks + 2
    entries = AuditEntry.objects.filter(content_type__model="park", object_id__in=[str(p.pk) for p in created])
    assert sorted(entries.values_list("action", "actor_name", "note")) == [
        ("create", "office", "导入 载体.csv 第2行"),
        ("create", "office", "导入 载体.csv 第3行"),
    ]


def test_the_commit_validates_again_against_what_changed_since_the_preview(personas, importer):
    rows = table(*GOOD)
    assert importer.validate(rows, "载体.csv", personas["office"]).ok
    services.create_park(actor=None, data={"name": "二号园区"})  # someone else, meanwhile
    before = Nothing()
    with pytest.raises(ValidationError, match="第3行"):
        importer.commit(rows, "载体.csv", personas["office"])
    assert not before.written() and not Park.objects.filter(name="一号园区").exists()


def test_several_related_records_are_named_in_one_cell(personas, importer):
    [park] = importer.commit(table(("两集群园区", "其他", "", "大数据智能化、新材料")), "载体.csv", personas["admin"])
    assert sorted(park.clusters.values_list("name", flat=True)) == ["大数据智能化", "新材料"]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (["名称", "面积"], "未知的列：面积"),
        (["类型", "位置"], "缺少必填列：名称"),
        (["名称", "名称"], "列名重复：名称"),
    ],
)
def test_a_wrong_header_is_reported_and_no_row_is_read(personas, importer, headers, message):
    report = importer.validate(table(("甲", "乙"), headers=headers), "载体.csv", personas["admin"])
    assert message in report.header_errors[0] and not report.valid and not report.row_errors


def test_a_header_without_rows_is_reported(personas, importer):
    report = importer.validate(table(), "载体.csv", personas["admin"])
    assert report.header_errors == ["文件只有表头，没有数据行"]


def test_a_role_that_cannot_add_gets_every_row_refused(personas, importer):
    before = Nothing()
    report = importer.validate(table(*GOOD), "载体.csv", personas["leader"])
    assert sorted(report.row_errors) == [2, 3] and "没有新建产业载体的权限" in report.row_errors[2][0]
    assert not before.written()
