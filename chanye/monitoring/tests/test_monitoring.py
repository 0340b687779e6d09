"""Monitoring through the platform: imports, growth shown both ways, permissions, the demo cockpit, API."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chanye.conftest import token_header as token
from chanye.core.models import AuditEntry
from chanye.lib.periods import Period
from chanye.monitoring import services
from chanye.monitoring.models import ImportBatch, Indicator, Observation, Target
from chanye.registry.models import Cluster

IMPORT_URL = reverse("monitoring:observation-import")
LONG_HEADER = "主体类型,主体,指标,期间,数值,单位,同比"


def csv_file(text: str, name="统计月报.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def upload_and_confirm(client, text, name="统计月报.csv"):
    preview = client.post(IMPORT_URL, {"file": csv_file(text, name)})
    if preview.status_code != 200:
        return preview
    return client.post(IMPORT_URL, {"confirm": "1"})


def revenue(cluster_name: str, label: str):
    return Observation.objects.get(
        cluster__name=cluster_name,
        indicator__key="revenue",
        origin="stats",
        period_end=Period.parse(label).end_date,
        period_kind=Period.parse(label).kind,
    )


def test_a_long_file_is_previewed_then_written_in_base_units(personas, client_for):
    client = client_for(personas["statistics"])
    text = (
        LONG_HEADER
        + "\n集群,大数据智能化,营收,2023年1-11月,101.5,亿元,2.1\n全区,大渡口区,增加值,2023年前三季度,300,亿元,"
    )
    preview = client.post(IMPORT_URL, {"file": csv_file(text)})
    assert preview.status_code == 200 and "全部通过校验" in preview.content.decode()
    assert not ImportBatch.objects.exists()
    assert client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    figure = revenue("大数据智能化", "2023年1-11月")
    assert figure.value == Decimal("10150000000") and figure.yoy_pct == Decimal("2.1")
    assert (figure.import_batch.filename, figure.import_row) == ("统计月报.csv", 2)
    district = Observation.objects.get(subject_kind="region", region__code="500104", indicator__key="value_added")
    assert district.period.label == "2023年前三季度"


def test_confirming_or_remapping_with_no_upload_waiting_says_so(personas, client_for):
    client = client_for(personas["statistics"])
    for post in ({"confirm": "1"}, {"remap": "1"}):
        response = client.post(IMPORT_URL, post)
        assert response.status_code == 400 and "没有待确认的导入，请重新上传文件" in response.content.decode()
    assert (
        upload_and_confirm(client, LONG_HEADER + "\n集群,大数据智能化,营收,2023年1-11月,101.5,亿元,2.1").status_code
        == 302
    )
    again = client.post(IMPORT_URL, {"confirm": "1"})  # the upload was used up by the first confirmation
    assert again.status_code == 400 and "没有待确认的导入" in again.content.decode()
    assert ImportBatch.objects.count() == 1


def test_a_wide_file_gives_one_figure_per_period_column(personas, client_for):
    text = "主体,指标,单位,2023年1-2月,2023年1-3月,2023年1-4月\n新材料,营收,亿元,10,16,22"
    assert upload_and_confirm(client_for(personas["statistics"]), text).status_code == 302
    labels = {o.period.label for o in Observation.objects.filter(cluster__name="新材料", origin="stats")}
    assert labels == {"2023年1-2月", "2023年一季度", "2023年1-4月"}  # 1-3月 is the first quarter


def test_every_bad_row_is_reported_and_nothing_is_written(personas, client_for):
    text = "\n".join(
        [
            LONG_HEADER,
            "集群,大数据智能化,营收,2023年1-10月,92.2,亿元,1.89",  # good
            "集群,不存在的集群,营收,2023年1-10月,1,亿元,",  # unknown subject
            "集群,新材料,利润率,2023年1-10月,1,亿元,",  # unknown indicator
            "集群,新材料,营收,2023年3-5月,1,亿元,",  # not a statistical period
            "集群,新材料,营收,2023年1-10月,九十二,亿元,",  # text in the number column
            "集群,新材料,营收,2023年1-10月,1,美元,",  # unknown unit
            "集群,新材料,企业数,2023年11月底,450,亿元,",  # money unit on a count
            "集群,大数据智能化,营收,2023年1-10月,92.2,亿元,1.89",  # duplicate of row 2
            "集群,新材料,营收,2023年1-9月," + "9" * 59 + ",万亿元,",  # too long to keep exactly
        ]
    )
    response = client_for(personas["statistics"]).post(IMPORT_URL, {"file": csv_file(text)})
    assert response.status_code == 400
    html = response.content.decode()
    for row, reason in [
        (3, "不存在的集群"),
        (4, "利润率"),
        (5, "3-5月"),
        (6, "九十二"),
        (7, "美元"),
        (8, "单位"),
        (9, "与第2行重复"),
        (10, "9" * 20),
    ]:
        assert f"第{row}行" in html and reason in html, (row, reason)
    assert "第2行</strong>" not in html
    assert not Observation.objects.filter(origin="stats").exists() and not ImportBatch.objects.exists()


def test_a_wrong_header_is_reported(personas, client_for):
    response = client_for(personas["statistics"]).post(IMPORT_URL, {"file": csv_file("名称,金额\n新材料,1")})
    html = response.content.decode()
    assert response.status_code == 400 and "无法识别的列" in html and "缺少必填列" in html


def test_re_importing_the_same_file_changes_nothing(personas, client_for):
    client = client_for(personas["statistics"])
    text = LONG_HEADER + "\n集群,新材料,营收,2023年1-11月,59,亿元,6.1"
    upload_and_confirm(client, text)
    before = (Observation.objects.count(), ImportBatch.objects.count(), AuditEntry.objects.count())
    second = upload_and_confirm(client, text)
    assert second.status_code == 302
    assert (Observation.objects.count(), ImportBatch.objects.count(), AuditEntry.objects.count()) == before


def test_a_corrected_file_updates_only_what_changed_and_keeps_the_old_value_in_the_audit(personas, client_for):
    client = client_for(personas["statistics"])
    upload_and_confirm(
        client, LONG_HEADER + "\n集群,新材料,营收,2023年1-10月,50,亿元,\n集群,新材料,营收,2023年1-11月,59,亿元,"
    )
    upload_and_confirm(
        client,
        LONG_HEADER + "\n集群,新材料,营收,2023年1-10月,50,亿元,\n集群,新材料,营收,2023年1-11月,59.5,亿元,",
        name="统计月报（修正）.csv",
    )
    assert revenue("新材料", "2023年1-11月").value == Decimal("5950000000")
    entry = AuditEntry.objects.filter(content_type__model="importbatch").order_by("-pk").first()
    assert entry.after["created"] == 0 and entry.after["updated"] == 1 and entry.after["unchanged"] == 1
    assert entry.before["replaced"][0]["before"] == "5900000000.0000"


def test_an_office_imports_only_its_own_clusters(personas, client_for):
    text = LONG_HEADER + "\n集群,大数据智能化,营收,2023年1-10月,92.2,亿元,\n集群,新材料,营收,2023年1-10月,50,亿元,"
    response = client_for(personas["office"]).post(IMPORT_URL, {"file": csv_file(text)})
    assert response.status_code == 400
    assert "第3行" in response.content.decode() and "无权录入" in response.content.decode()


def observation_form(cluster, **changes):
    data = {
        "subject_kind": "cluster",
        "cluster": cluster.pk,
        "indicator": Indicator.objects.get(key="revenue").pk,
        "period": "2023年1-11月",
        "value": "101.5",
        "unit": "亿元",
        "qualifier": "",
        "yoy_pct": "",
        "note": "",
    }
    data.update(changes)
    return data


def test_statistics_enters_a_figure_for_any_cluster_and_it_is_audited(personas, client_for):
    cluster = Cluster.objects.get(name="新材料")
    response = client_for(personas["statistics"]).post(
        reverse("monitoring:observation-create"), observation_form(cluster)
    )
    assert response.status_code == 302
    figure = revenue("新材料", "2023年1-11月")
    assert figure.value == Decimal("10150000000") and figure.entered_by == personas["statistics"]
    assert AuditEntry.objects.for_object(figure).get().actor_name == "statistics"


def test_a_bad_period_on_the_form_is_explained(personas, client_for):
    cluster = Cluster.objects.get(name="新材料")
    response = client_for(personas["statistics"]).post(
        reverse("monitoring:observation-create"), observation_form(cluster, period="2023年3-5月")
    )
    assert response.status_code == 200 and "3-5月" in response.content.decode()


def test_stated_and_computed_growth_are_both_shown_when_they_disagree(personas, client_for):
    cluster = Cluster.objects.get(name="新材料")
    indicator = Indicator.objects.get(key="revenue")
    for label, value, yoy in [("2022年1-10月", "5000000000", None), ("2023年1-10月", "5500000000", "6.1")]:
        services.create_observation(
            actor=None,
            data={
                "subject_kind": "cluster",
                "cluster": cluster,
                "indicator": indicator,
                "period": Period.parse(label),
                "value": Decimal(value),
                "yoy_pct": Decimal(yoy) if yoy else None,
            },
        )
    html = client_for(personas["leader"]).get(reverse("monitoring:cluster-figures", args=[cluster.pk])).content.decode()
    assert "+6.1%" in html and "计算值 +10%，与报告值不一致" in html


def test_every_article_figure_is_on_the_cockpit_with_a_link_to_its_source(personas, client_for):
    client = client_for(personas["leader"])
    html = client.get(reverse("home")).content.decode()
    for text in ["92.2亿元", "+1.89%", "137.6亿元", "72.6亿元", "59亿元", "45.5亿元", "+106%", "124.3亿元", "450多家"]:
        assert text in html, text
    figure = Observation.objects.get(cluster__name="大数据智能化", indicator__key="revenue")
    assert figure.get_absolute_url() in html
    source = client.get(figure.get_absolute_url()).content.decode()
    assert "实现营收92.2亿元" in source and "所在标题" in source


def test_the_demo_targets_have_a_status_and_the_rule_is_written(personas, client_for):
    html = client_for(personas["leader"]).get(reverse("monitoring:target-list")).content.decode()
    assert Target.objects.count() >= 6
    assert "高风险" in html and "所需年均增速" in html and "实际增速不低于达到目标所需的年均增速" in html


def test_old_figures_are_marked_stale(personas, client_for):
    figure = Observation.objects.get(cluster__name="大数据智能化", indicator__key="revenue")
    assert figure.is_stale()  # 2023年1-10月 is long past its monthly cycle
    assert not figure.is_stale(today=figure.period_end)


def test_the_api_filters_observations_and_gives_target_progress(personas, client):
    cluster = Cluster.objects.get(name="大数据智能化")
    body = client.get(
        "/api/v1/observations/",
        {"subject": f"cluster:{cluster.pk}", "indicator": Indicator.objects.get(key="revenue").pk},
        **token(personas["leader"]),
    ).json()
    assert body["count"] == 1
    figure = body["results"][0]
    assert figure["period"]["label"] == "2023年1-10月" and figure["source"]["kind"] == "citation"
    targets = client.get("/api/v1/targets/", **token(personas["leader"])).json()["results"]
    eco = next(t for t in targets if t["subject"] == "生态环保")
    assert eco["progress"]["status"] == "滞后" and eco["progress"]["level"]["estimated"] is True
    assert client.get("/api/v1/indicators/", **token(personas["leader"])).json()["count"] >= 10


def test_the_cockpit_pages_through_many_clusters(personas, client_for, settings):
    from chanye.registry import services as registry_services

    for i in range(10):
        registry_services.create_cluster(
            actor=None, data={"name": f"测试集群{i:02d}", "kind": "产业领域", "order": 100 + i}
        )
    client = client_for(personas["leader"])
    first = client.get(reverse("home")).content.decode()
    second = client.get(reverse("home"), {"page": 2}).content.decode()
    assert first.count('data-cluster="') == 12 and "大数据智能化" in first
    assert second.count('data-cluster="') == 5 and "测试集群09" in second
    assert 'data-cluster="大数据智能化"' not in second  # the cards are paged; the 全区 summary covers all clusters


def test_the_import_command_reports_bad_rows_and_writes_good_files(db, tmp_path):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    bad = tmp_path / "bad.csv"
    bad.write_text(LONG_HEADER + "\n集群,新材料,营收,2023年1-10月,abc,亿元,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 个文件未导入"):
        call_command("import", "observations", str(bad), stderr=err)
    assert "第2行" in err.getvalue() and "abc" in err.getvalue()
    good = tmp_path / "good.csv"
    good.write_text(LONG_HEADER + "\n集群,新材料,营收,2023年1-10月,50,亿元,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import", "observations", str(good), stdout=out, stderr=io.StringIO())
    assert "已导入 1 个数" in out.getvalue()
    call_command("import", "observations", str(good), stdout=out, stderr=io.StringIO())
    assert "导入过，未作改动" in out.getvalue()


def test_a_wide_xlsx_from_excel_imports_numbers_as_they_are(personas, client_for):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["主体", "指标", "单位", "2023年1-2月", "2023年1-3月"])
    workbook.active.append(["重庆小面", "营业收入", "万元", 81000, 126500.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("小面月报.xlsx", buffer.getvalue())
    client = client_for(personas["statistics"])
    assert client.post(IMPORT_URL, {"file": upload}).status_code == 200
    assert client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    figure = Observation.objects.get(
        cluster__name="重庆小面", origin="stats", period_kind="ytd", period_end=Period.parse("2023年1-3月").end_date
    )
    assert figure.value == Decimal("1265005000")


def test_a_figure_for_a_year_before_1949_is_refused_by_the_import_as_by_the_api(personas, client_for):
    text = LONG_HEADER + "\n集群,大数据智能化,营收,1818年1-10月,92.2,亿元,1.89\n集群,新材料,营收,2023年1-10月,1,亿元,"
    response = client_for(personas["statistics"]).post(IMPORT_URL, {"file": csv_file(text)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第2行" in html and "年份1818超出范围" in html
    assert not Observation.objects.filter(origin="stats").exists()
