"""统计局报表 as published: the fixtures of fixtures/bureau/ (real tables, cited in its README) imported
through the page and the command, with no mapping or with one saved mapping that then reads the next
period's file in one step. Each test checks figures, periods, units and stated 同比 against the table."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from chanye.core.models import AuditEntry, Region
from chanye.lib.periods import Period
from chanye.monitoring.models import ImportBatch, ImportTemplate, Observation
from chanye.registry import services as registry
from chanye.registry.models import Cluster

FIXTURES = Path(__file__).parent / "fixtures" / "bureau"
IMPORT_URL = reverse("monitoring:observation-import")
ISSUE_TABLE = "2023年1-10月大渡口区产业集群主要经济指标\n指标名称,计量单位,1-10月,比上年同期增长(%)\n大数据智能化产业营业收入,亿元,92.2,1.89\n"


def upload(client, name: str, content: bytes | None = None, **extra):
    content = (FIXTURES / name).read_bytes() if content is None else content
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **extra})


def remap(client, save_as: str = "", **fields):
    data = {"remap": "1", **fields}
    if save_as:
        data = {"save_template": "1", "template_name": save_as, **fields}
    return client.post(IMPORT_URL, data)


def confirm(client):
    return client.post(IMPORT_URL, {"confirm": "1"})


def region(name: str) -> Region:
    found = Region.objects.named(name)
    assert found is not None, name
    return found


def figure(indicator: str, period: str, *, cluster: str = "", place: str = "") -> Observation:
    found = Period.parse(period)
    query = Observation.objects.filter(
        indicator__key=indicator,
        origin="stats",
        period_kind=found.kind if found.kind != "point" else "point",
        period_end=found.end_date,
    )
    if cluster:
        query = query.filter(subject_kind="cluster", cluster__name=cluster)
    else:
        query = query.filter(subject_kind="region", region=region(place))
    return query.get()


def peers(place: str, *names: str) -> None:
    """Clusters of a peer region, as the platform records peers' industries (对标)."""
    where = region(place)
    for name in names:
        registry.create_cluster(actor=None, data={"name": name, "region": where, "kind": Cluster.Kind.FIELD})


def assert_figure(observation: Observation, value: str | None, yoy: str | None) -> None:
    assert observation.value == (None if value is None else Decimal(value)), observation.value
    assert observation.yoy_pct == (None if yoy is None else Decimal(yoy)), observation.yoy_pct


# -- the issue's table, the page, the guarantees ------------------------------------------------------


def test_the_issues_three_line_table_imports_from_the_command_line_without_options(demo, tmp_path):
    path = tmp_path / "产业集群主要经济指标.csv"
    path.write_text(ISSUE_TABLE, encoding="utf-8")
    out = io.StringIO()
    call_command("import", "observations", str(path), stdout=out, stderr=io.StringIO())
    assert "已导入 1 个数" in out.getvalue() and "地区 大渡口区，期间 2023年1-10月" in out.getvalue()
    found = figure("revenue", "2023年1-10月", cluster="大数据智能化")
    assert_figure(found, "9220000000", "1.89")
    assert (found.import_row, found.import_column, found.import_batch.filename) == (3, "C", path.name)
    assert found.source_label() == f"导入：{path.name} 第3行C列"


def test_a_district_table_with_parts_totals_notes_and_blank_rows(personas, client_for):
    table = "\n".join(
        [
            "2023年1-10月大渡口区产业集群主要经济指标,,,,,",
            "单位：亿元,,,,,",
            "指标名称,本月,1-10月,比上年同期增长(%),去年同期,结构(%)",
            "规模以上工业总产值,30.5,300.1,5.2,285.3,100",
            "大数据智能化产业营业收入,9.1,92.2,1.89,,30",
            "  其中：新材料产业,6,59,6.1,,20",
            "五大产业合计,20,200,3,,",
            ",,,,,",
            "注：本表为快报数。,,,,,",
        ]
    )
    client = client_for(personas["statistics"])
    preview = upload(client, "大渡口区月报.csv", table.encode())
    html = preview.content.decode()
    assert preview.status_code == 200 and "全部通过校验" in html, html
    assert "五大产业合计" in html and "合计行" in html and "注释" in html
    assert confirm(client).status_code == 302
    whole = figure("output", "2023年1-10月", place="大渡口区")
    assert_figure(whole, "30010000000", "5.2")
    assert_figure(figure("output", "2023年10月", place="大渡口区"), "3050000000", None)
    assert_figure(figure("output", "2022年1-10月", place="大渡口区"), "28530000000", None)  # 去年同期
    assert_figure(figure("revenue", "2023年1-10月", cluster="大数据智能化"), "9220000000", "1.89")
    assert_figure(figure("revenue", "2023年1-10月", cluster="新材料"), "5900000000", "6.1")
    assert (whole.import_row, whole.import_column) == (4, "C")


def test_every_bad_cell_is_reported_with_row_and_column_and_nothing_is_written(personas, client_for):
    table = (
        "2023年1-10月大渡口区产业集群主要经济指标\n指标名称,计量单位,1-10月,比上年同期增长(%)\n"
        "大数据智能化产业营业收入,亿元,九十二,1.89\n新材料产业营业收入,亿元,59,约六\n"
    )
    response = upload(client_for(personas["statistics"]), "月报.csv", table.encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行" in html and "C列：数值“九十二”不是数字" in html
    assert "第4行" in html and "D列：同比“约六”不是数字" in html
    assert not ImportBatch.objects.exists() and not Observation.objects.filter(import_batch__isnull=False).exists()


def test_re_importing_changes_nothing_and_a_corrected_table_updates_only_what_changed(personas, client_for):
    client = client_for(personas["statistics"])
    first = ISSUE_TABLE + "新材料产业营业收入,亿元,59,6.1\n"
    upload(client, "月报.csv", first.encode())
    confirm(client)
    before = (Observation.objects.count(), AuditEntry.objects.count())
    upload(client, "月报.csv", first.encode())
    assert confirm(client).status_code == 302
    assert (Observation.objects.count(), AuditEntry.objects.count()) == before
    upload(client, "月报（修正）.csv", first.replace("59,6.1", "59.5,6.2").encode())
    confirm(client)
    entry = AuditEntry.objects.filter(content_type__model="importbatch").order_by("-pk").first()
    assert (entry.after["created"], entry.after["updated"], entry.after["unchanged"]) == (0, 1, 1)
    assert_figure(figure("revenue", "2023年1-10月", cluster="新材料"), "5950000000", "6.2")


def test_a_region_the_user_may_not_write_is_refused_per_row_and_peers_are_allowed(personas, client_for):
    table = "2023年1-10月工业增加值\n单位：亿元\n地区,1-10月,比上年同期增长(%)\n大渡口区,120,5\n九龙坡区,800,4\n"
    response = upload(client_for(personas["office"]), "分区县.csv", table.encode())
    html = response.content.decode()
    assert response.status_code == 400 and "第4行" in html and "无权录入" in html
    assert "第5行" not in html  # 九龙坡区 is a peer: an office records peers' figures


def test_the_wide_template_with_a_yoy_column_imports(personas, client_for):
    table = "主体,指标,单位,2023年1-10月,同比\n新材料,营收,亿元,59,6.1\n"
    client = client_for(personas["statistics"])
    assert upload(client, "宽表.csv", table.encode()).status_code == 200
    confirm(client)
    assert_figure(figure("revenue", "2023年1-10月", cluster="新材料"), "5900000000", "6.1")


# -- the fixtures ---------------------------------------------------------------------------------------


def test_05_a_provincial_table_with_cities_as_rows_imports_with_no_mapping(personas, client_for):
    client = client_for(personas["statistics"])
    response = upload(client, "05_guangdong_2017-03_industry_value_added_by_city.xlsx")
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "全省总计" in html and "珠三角九市" in html  # a total and an aggregate are not regions: skipped
    assert confirm(client).status_code == 302
    assert_figure(figure("value_added", "2017年3月", place="深圳市"), "66283000000", "7.8")
    assert_figure(figure("value_added", "2017年1-3月", place="佛山市"), "111750000000", "8")
    assert_figure(figure("value_added", "2017年1-3月", place="顺德区"), "35353000000", "8.3")
    cloud = figure("value_added", "2017年1-3月", place="云浮市")
    assert_figure(cloud, "5938000000", "3")
    assert (cloud.import_sheet, cloud.import_row, cloud.import_column) == ("工业增加值", 30, "C")
    assert Observation.objects.filter(import_batch__isnull=False).count() == 44  # 21 cities and 顺德区, 2 columns


def test_04_a_saved_mapping_imports_the_next_periods_file_in_one_step(personas, client_for, tmp_path):
    client = client_for(personas["statistics"])
    first = upload(client, "04_shanghai_2017-07_fdi.csv")
    assert first.status_code == 400 and "映射" in first.content.decode()  # nothing the platform records yet
    labels = "外商直接投资合同项目 = 引进项目数\n外商直接投资合同金额 = 合同投资额\n外商直接投资实际到位金额 = 到位资金"
    saved = remap(client, save_as="上海外资月报", map_region="上海市", map_labels=labels, map_dollar_rate="6.7")
    assert saved.status_code == 200, saved.content.decode()
    template = ImportTemplate.objects.get(name="上海外资月报")
    assert template.mapping["region"] == "上海市" and "columns" not in template.mapping
    assert AuditEntry.objects.filter(content_type__model="importtemplate", object_id=str(template.pk)).exists()
    assert confirm(client).status_code == 302
    assert_figure(figure("projects_introduced", "2017年7月", place="上海市"), "266", "-22.2")
    assert_figure(figure("projects_introduced", "2017年1-7月", place="上海市"), "2572", "-14.6")
    contract = figure("contract_investment", "2017年1-7月", place="上海市")
    assert_figure(contract, str(Decimal("224.07") * 100_000_000 * Decimal("6.7")), "-40.1")
    assert "224.07亿美元" in contract.note and "6.7" in contract.note
    # next period: the same header, found by its signature, read at once
    response = upload(client, "04_shanghai_2017-09_fdi_next_period.csv")
    assert response.status_code == 200 and "按模板“上海外资月报”读取" in response.content.decode()
    assert confirm(client).status_code == 302
    assert_figure(figure("projects_introduced", "2017年9月", place="上海市"), "277", "-30.4")
    assert_figure(
        figure("funds_in_place", "2017年9月", place="上海市"),
        str(Decimal("15.60") * 100_000_000 * Decimal("6.7")),
        "-3.2",
    )
    # and from the command line, by name
    path = tmp_path / "04c.csv"
    path.write_bytes((FIXTURES / "04c_shanghai_2018-09_fdi.csv").read_bytes())
    call_command("import", "observations", str(path), "--template", "上海外资月报", stdout=io.StringIO())
    assert_figure(figure("projects_introduced", "2018年1-9月", place="上海市"), "3704", "17.8")


def test_02_industry_production_with_the_six_key_industries_as_peer_clusters(personas, client_for):
    peers("上海市", "汽车制造业", "精品钢材制造业", "生物医药制造业")
    client = client_for(personas["statistics"])
    upload(client, "02_shanghai_2020-11_industry_production.csv")
    response = remap(client, map_region="上海市")
    assert response.status_code == 200, response.content.decode()
    assert "取规模以上的数" in response.content.decode()
    confirm(client)
    assert_figure(figure("output", "2020年11月", cluster="汽车制造业"), "76693000000", "24.0")
    assert_figure(figure("output", "2020年1-11月", cluster="精品钢材制造业"), "100406000000", "-5.8")
    assert_figure(figure("output", "2020年1-11月", place="上海市"), "3111136000000", "0.7")  # 规模以上 wins


def test_02b_county_table_with_parts_of_scope_and_a_development_zone_section(personas, client_for):
    client = client_for(personas["statistics"])
    response = upload(client, "02b_county_2010-06_industry_sales.csv")
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "属于分组“开发区”" in html
    confirm(client)
    home = "大渡口区"  # 全县 in the title: the importer's own region
    assert_figure(figure("output", "2010年1-6月", place=home), "10869760000", "18.7")
    assert_figure(figure("output", "2010年6月", place=home), "2067130000", "-3.4")
    assert_figure(figure("enterprises", "2010年6月30日", place=home), "4326", "5.5")
    assert_figure(figure("above_scale_enterprises", "2010年6月30日", place=home), "501", "7.1")


def test_02c_changzhou_clusters_with_a_saved_period_unit_and_region(personas, client_for):
    peers("常州市", "装备制造业", "新能源产业", "新材料产业", "生物技术及制药业", "电子信息业")
    client = client_for(personas["statistics"])
    first = upload(client, "02c_changzhou_2010-11_five_clusters_output.csv")
    assert first.status_code == 400 and "没有写明期间" in first.content.decode()
    response = remap(client, save_as="常州五大产业", map_region="常州市", map_period="2010年11月", map_unit="万元")
    assert response.status_code == 200, response.content.decode()
    confirm(client)
    assert_figure(figure("output", "2010年11月", cluster="新能源产业"), "3383120000", "118.13")
    assert_figure(figure("output", "2010年1-11月", cluster="装备制造业"), "212424840000", "24.84")
    assert_figure(figure("output", "2010年1-11月", cluster="生物技术及制药业"), "16001940000", "12.97")
    assert not Observation.objects.filter(import_batch__isnull=False, subject_kind="region").exists()  # 合计 skipped


def test_03_fixed_asset_investment_in_gb18030(personas, client_for):
    client = client_for(personas["statistics"])
    upload(client, "03_shanghai_2015-04_fixed_asset_investment.gb18030.csv")
    assert remap(client, map_region="上海市").status_code == 200
    confirm(client)
    assert_figure(figure("investment", "2015年1-4月", place="上海市"), "152371000000", "5.8")


def test_01_futian_two_stacked_tables_a_plan_block_and_dollars(personas, client_for):
    client = client_for(personas["statistics"])
    upload(client, "01_futian_2016-03_main_indicators.csv")
    response = remap(client, map_region="福田区", map_dollar_rate="6.5")
    assert response.status_code == 200, response.content.decode()
    confirm(client)
    assert_figure(figure("investment", "2016年一季度", place="福田区"), "6988000000", "9.1")
    assert_figure(figure("retail_sales", "2016年一季度", place="福田区"), "34586000000", "8.5")
    assert_figure(figure("foreign_trade", "2016年一季度", place="福田区"), "167687000000", "-0.9")
    assert_figure(figure("fiscal_revenue", "2016年一季度", place="福田区"), "4174000000", "20.9")
    assert_figure(figure("gdp", "2016年一季度", place="福田区"), "77079000000", "8.0")  # stated in both tables


def test_01b_longgang_without_a_title_takes_the_period_from_the_mapping(personas, client_for):
    client = client_for(personas["statistics"])
    assert upload(client, "01b_longgang_2015-03_tjyb_commerce.csv").status_code == 400
    assert remap(client, map_region="龙岗区", map_period="2015年3月").status_code == 200
    confirm(client)
    assert_figure(figure("retail_sales", "2015年3月", place="龙岗区"), "3875810000", None)
    assert_figure(figure("retail_sales", "2015年1-3月", place="龙岗区"), "11738500000", "2.0")


def test_05b_districts_with_the_indicator_given_once(personas, client_for):
    client = client_for(personas["statistics"])
    assert upload(client, "05b_beijing_2017-05_industry_output_by_district.xlsx").status_code == 400
    response = remap(client, save_as="北京分区产值", map_region="北京市", map_indicator="工业总产值")
    assert response.status_code == 200, response.content.decode()
    confirm(client)
    assert_figure(figure("output", "2017年1-5月", place="北京市"), "686303200000", "4.4")  # 全 市
    assert_figure(figure("output", "2017年5月", place="海淀区"), "15171320000", "9.7")
    assert_figure(figure("output", "2017年1-5月", place="顺义区"), "84194960000", "-29.8")


def test_06_a_two_level_merged_header_gives_each_column_its_indicator(personas, client_for):
    peers("上海市", "烟草制品业", "化学原料和化学制品制造业", "纺织服装、服饰业", "皮革、毛皮、羽毛及其制品和制鞋业")
    client = client_for(personas["statistics"])
    upload(client, "06_shanghai_2018-02_industry_efficiency_by_sector.xlsx")
    response = remap(client, map_region="上海市")
    assert response.status_code == 200, response.content.decode()
    confirm(client)
    assert_figure(figure("tax", "2018年1-2月", cluster="烟草制品业"), "20143000000", "16.1")
    assert_figure(figure("revenue", "2018年1-2月", cluster="化学原料和化学制品制造业"), "49652000000", "10.8")
    assert_figure(figure("profit", "2018年1-2月", cluster="纺织服装、服饰业"), "-112000000", None)  # 同比 --
    assert_figure(figure("profit", "2018年1-2月", cluster="皮革、毛皮、羽毛及其制品和制鞋业"), "332000000", "160")
    tobacco = figure("tax", "2018年1-2月", cluster="烟草制品业")
    assert (tobacco.import_sheet, tobacco.import_row, tobacco.import_column) == ("按行业分组一", 11, "F")


def test_06b_district_beside_city_regions_as_column_groups(personas, client_for):
    client = client_for(personas["statistics"])
    response = upload(client, "06b_xicheng_2022-05_main_indicators_vs_city.xlsx", period="2022年1-5月")
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "百分点变化" not in html or "城镇登记失业率" in html
    confirm(client)
    assert_figure(figure("output", "2022年1-5月", place="西城区"), "28150000000", "4.9")
    assert_figure(figure("retail_sales", "2022年1-5月", place="北京市"), "539190000000", "-7.7")
    assert_figure(figure("investment", "2022年1-5月", place="西城区"), None, "19.3")  # only growth published
    assert_figure(figure("fiscal_revenue", "2022年1-5月", place="西城区"), "21940000000", "14.3")


# -- templates -----------------------------------------------------------------------------------------


def test_a_column_corrected_on_the_page_is_saved_and_used_by_the_command(personas, client_for, tmp_path):
    client = client_for(personas["statistics"])
    table = (
        "2023年1-10月大渡口区主要指标\n指标名称,计量单位,1-10月,增速,备用\n大数据智能化产业营业收入,亿元,92.2,1.89,7\n"
    )
    upload(client, "月报.csv", table.encode())
    response = remap(client, save_as="区月报", role_D="ignore")
    assert response.status_code == 200
    assert ImportTemplate.objects.get(name="区月报").mapping["columns"] == {"D": {"role": "ignore"}}
    confirm(client)
    assert_figure(figure("revenue", "2023年1-10月", cluster="大数据智能化"), "9220000000", None)
    path = tmp_path / "下月.csv"
    path.write_text(table.replace("1-10月", "1-11月").replace("92.2", "101.5"), encoding="utf-8")
    call_command("import", "observations", str(path), "--template", "区月报", stdout=io.StringIO())
    assert_figure(figure("revenue", "2023年1-11月", cluster="大数据智能化"), "10150000000", None)
    with pytest.raises(CommandError, match="没有名为“无此模板”的导入模板"):
        call_command("import", "observations", str(path), "--template", "无此模板", stdout=io.StringIO())


def test_a_leader_may_not_save_a_template(personas, client_for):
    response = client_for(personas["leader"]).post(IMPORT_URL, {"save_template": "1", "template_name": "x"})
    assert response.status_code == 403 and not ImportTemplate.objects.exists()


def test_another_offices_template_is_not_overwritten(personas, client_for):
    client = client_for(personas["other_office"])
    upload(client, "月报.csv", ISSUE_TABLE.encode())
    remap(client, save_as="区月报")
    template = ImportTemplate.objects.get(name="区月报")
    client = client_for(personas["office"])
    upload(client, "月报.csv", ISSUE_TABLE.encode())
    response = remap(client, save_as="区月报", map_unit="万元")
    assert response.status_code == 400 and "模板未保存" in response.content.decode()
    template.refresh_from_db()
    assert "unit" not in template.mapping


def test_the_template_pages_list_and_show_a_template(personas, client_for):
    client = client_for(personas["statistics"])
    upload(client, "月报.csv", ISSUE_TABLE.encode())
    remap(client, save_as="区月报")
    listing = client.get(reverse("monitoring:importtemplate-list")).content.decode()
    assert "区月报" in listing
    template = ImportTemplate.objects.get(name="区月报")
    detail = client.get(template.get_absolute_url()).content.decode()
    assert "--template 区月报" in detail and template.signature in detail


def test_an_unknown_cluster_is_an_error_when_the_mapping_says_strict(personas, client_for):
    table = ISSUE_TABLE + "不存在产业营业收入,亿元,1,1\n"
    client = client_for(personas["statistics"])
    assert upload(client, "月报.csv", table.encode()).status_code == 200  # skipped and listed
    response = remap(client, map_strict="1")
    assert response.status_code == 400 and "第4行" in response.content.decode()


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".csv", ".xlsx")))
def test_every_fixture_is_read_without_a_crash_and_says_what_it_needs(personas, client_for, name):
    response = upload(client_for(personas["statistics"]), name)
    assert response.status_code in (200, 400)
    assert "import-mapping" in response.content.decode()  # the mapping step is shown for every bureau table
    assert not Cluster.objects.filter(name="").exists()
