"""Chains in the platform: the rules as pages and API show them, bad input, permissions."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chanye.chains import services
from chanye.chains.models import CandidateEnterprise, ChainEdge, ChainLink
from chanye.conftest import token_header as token
from chanye.core.models import AuditEntry
from chanye.reference.models import IndustryCode


def test_a_cycle_is_refused_with_the_loop_named_and_nothing_written(test_chain):
    links = test_chain.test_links
    edges = ChainEdge.objects.count()
    with pytest.raises(ValidationError, match="会形成循环：运维 → 芯片 → 设备 → 运维"):
        services.add_edge(actor=None, source=links["运维"], target=links["芯片"])
    assert ChainEdge.objects.count() == edges


def test_a_cycle_through_the_link_form_is_reported_and_nothing_saved(test_chain, personas, client_for):
    links = test_chain.test_links
    link = links["运维"]
    data = {
        "chain": test_chain.pk,
        "name": "运维服务",
        "segment": "下游",
        "industry_codes": "6531",
        "downstream": [links["芯片"].pk],
        "order": 0,
    }
    response = client_for(personas["office"]).post(reverse("chains:chainlink-update", args=[link.pk]), data)
    assert response.status_code == 200
    assert "会形成循环" in response.content.decode()
    link.refresh_from_db()
    assert link.name == "运维" and not ChainEdge.objects.filter(source=link).exists()


def test_an_unknown_industry_code_is_refused_on_the_form(test_chain, personas, client_for):
    data = {"chain": test_chain.pk, "name": "新环节", "segment": "上游", "industry_codes": "2761、9999", "order": 0}
    response = client_for(personas["office"]).post(reverse("chains:chainlink-create"), data)
    assert response.status_code == 200
    assert "未知的行业代码：9999" in response.content.decode()
    assert not ChainLink.objects.filter(name="新环节").exists()


def test_an_unknown_industry_code_is_refused_by_the_api(test_chain, personas, client):
    data = {"chain": test_chain.pk, "name": "API环节", "segment": "上游", "industry_codes": ["9999"]}
    response = client.post("/api/v1/chain-links/", data, content_type="application/json", **token(personas["office"]))
    assert response.status_code == 400
    assert not ChainLink.objects.filter(name="API环节").exists()


def test_every_role_reads_the_chain_map_and_its_gaps(test_chain, personas, client_for):
    for role in ["leader", "investment", "statistics", "other_office"]:
        page = client_for(personas[role]).get(test_chain.get_absolute_url())
        assert page.status_code == 200
        assert "芯片" in page.content.decode()
    assert client_for(personas["norole"]).get(test_chain.get_absolute_url()).status_code == 403


def test_the_gap_api_gives_statuses_reasons_and_ranking(test_chain, personas, client):
    body = client.get(f"/api/v1/chains/{test_chain.pk}/gaps/", **token(personas["leader"])).json()
    by_name = {link["name"]: link for link in body["links"]}
    assert by_name["芯片"]["status"] == "空白" and by_name["芯片"]["action"] == "补链"
    assert by_name["设备"]["status"] == "薄弱"
    assert by_name["设备"]["reasons"] == ["只有1家企业（海康威视），单一供应商"]
    assert [link["name"] for link in body["links"]][:1] == ["芯片"]  # blank, next to the 链主, two links depend on it
    assert body["leader_dependence"] == {
        "leaders": ["海康威视"],
        "tied_enterprises": 1,
        "enterprises": 1,
        "share": 1.0,
        "revenue_share": None,
    }


def candidates_csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("区外企业.csv", text.encode("utf-8"))


def test_imported_candidates_are_ranked_on_the_gap_with_their_reasons(test_chain, personas, client_for, client):
    office = client_for(personas["office"])
    text = "\n".join(
        [
            "企业名称,地区,行业代码,主要产品,规模",
            "甲芯片公司,四川省成都市,3973,图像传感器芯片,中型",
            "乙电子公司,陕西省西安市,3972,功率器件,大型",
            "丙食品公司,四川省,1431,挂面,大型",
        ]
    )
    assert office.post(reverse("chains:candidate-import"), {"file": candidates_csv(text)}).status_code == 200
    assert office.post(reverse("chains:candidate-import"), {"confirm": "1"}).status_code == 302
    assert CandidateEnterprise.objects.count() == 3
    body = client.get(f"/api/v1/chains/{test_chain.pk}/gaps/?candidates=1", **token(personas["leader"])).json()
    chips = next(link for link in body["links"] if link["name"] == "芯片")
    assert [(c["name"], c["score"]) for c in chips["candidates"]] == [
        ("甲芯片公司", 50 + 10 + 12),
        ("乙电子公司", 30 + 20),
    ]
    assert chips["candidates"][0]["reasons"][0] == "行业代码3973与环节同小类 +50"
    panel = office.get(reverse("chains:link-panel", args=[test_chain.test_links["芯片"].pk])).content.decode()
    assert "甲芯片公司" in panel and "丙食品公司" not in panel


def test_a_candidate_table_with_bad_rows_writes_nothing(demo, personas, client_for):
    text = "\n".join(
        [
            "企业名称,地区,行业代码,主要产品,规模",
            "好公司,四川省,3973,芯片,中型",
            "坏代码公司,四川省,9999,芯片,中型",
            "坏规模公司,四川省,3973,芯片,巨型",
            "好公司,四川省,3973,芯片,中型",
        ]
    )
    response = client_for(personas["office"]).post(reverse("chains:candidate-import"), {"file": candidates_csv(text)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行" in html and "未知的行业代码“9999”" in html
    assert "第4行" in html and "巨型" in html
    assert "第5行" in html and "与第2行重复" in html
    assert CandidateEnterprise.objects.count() == 0


def test_the_crosswalk_shows_33618_and_codes(demo, personas, client_for):
    html = client_for(personas["leader"]).get(reverse("chains:crosswalk")).content.decode()
    assert "先进材料" in html and "对表对标" in html
    assert "github.com/swifthu/industrial_classifi" in html and "MIT" in html  # the sources are credited


def test_chain_writes_are_audited(test_chain):
    link = test_chain.test_links["芯片"]
    assert AuditEntry.objects.for_object(link).get().action == "create"
    edge = ChainEdge.objects.get(source=link)
    assert AuditEntry.objects.for_object(edge).get().after["target"] == test_chain.test_links["设备"].pk


def test_reference_data_loads_from_the_shared_folder(db):
    from chanye.conftest import shared_file
    from chanye.reference.services import load_reference

    shared = shared_file("data/gbt4754_2017")
    counts = load_reference(actor=None, directory=shared)
    assert counts["industry_codes"] == 1972
    assert IndustryCode.objects.get(code="2761").parent.code == "276"


def test_reference_load_with_a_missing_file_is_a_clear_error(db, tmp_path):
    from chanye.reference.services import ReferenceError, load_reference

    with pytest.raises(ReferenceError, match="找不到参考数据文件"):
        load_reference(actor=None, directory=tmp_path)
    assert IndustryCode.objects.filter(code="2761").exists()  # the earlier load is untouched


def test_the_print_view_lists_every_link_with_its_status(test_chain, personas, client_for):
    html = client_for(personas["leader"]).get(reverse("chains:chain-print", args=[test_chain.pk])).content.decode()
    for name in ["芯片", "设备", "应用", "运维"]:
        assert f"<td>{name}</td>" in html
    assert "3973 集成电路制造" in html and "状态规则" in html


def test_the_print_view_draws_the_graph_without_a_script(test_chain, personas, client_for):
    """Issue 17: the print view had no graph. It is SVG drawn by the server, so a printout has it."""
    html = client_for(personas["leader"]).get(reverse("chains:chain-print", args=[test_chain.pk])).content.decode()
    graph = html.split('<svg class="print-graph"')[1].split("</svg>")[0]
    for name in ["芯片", "设备", "应用", "运维"]:
        assert f">{name}</text>" in graph
    assert graph.count("<line ") == 3 and graph.count("<circle ") == 4  # 3 edges, 4 links
    assert 'class="node-空白"' in graph and "<script" not in html


def test_the_status_badges_have_a_colour_of_their_own(test_chain, personas, client_for):
    """Issue 17: the rule badges were white text on an invalid inline background (the dict of colours)."""
    html = client_for(personas["leader"]).get(test_chain.get_absolute_url()).content.decode()
    rules = html.split('id="gap-rules"')[1]
    for status in ["空白", "可延伸", "薄弱", "较强"]:
        assert f'<span class="badge gap-{status}">{status}</span>' in rules
    assert "background:{" not in html
