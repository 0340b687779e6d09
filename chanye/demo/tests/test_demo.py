"""The Dadukou demo district: real records from the two source articles, each cited, loaded
idempotently by `chanye demo`."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from chanye.chains.models import Chain, ChainEdge, ChainLink, LinkEnterprise
from chanye.chains.reports import chain_report
from chanye.conftest import seed
from chanye.demo.loader import read_demo_files
from chanye.monitoring.models import Observation
from chanye.registry.models import Citation, Cluster, Designation, Enterprise, Park, Source

DEMO = read_demo_files()


def seed_text(key: str) -> str:
    return seed(DEMO["sources"][key]["seed_file"]).read_text(encoding="utf-8")


def all_citations():
    for table in (
        "office",
        "cluster",
        "park",
        "enterprise",
        "designation",
        "city_mapping",
        "chain",
        "observation",
        "target",
        "project",
        "signing_event",
    ):
        for record in DEMO[table]:
            for cite in record["cite"] if isinstance(record["cite"], list) else [record["cite"]]:
                yield table, record, cite
    for chain in DEMO["chain"]:
        for link in chain["link"]:
            for placed in link["enterprises"]:
                yield "placement", placed, placed["cite"]


def test_every_record_cites_at_least_one_source():
    for table in ("cluster", "park", "enterprise", "designation"):
        for record in DEMO[table]:
            assert record["cite"], f"{table} {record} has no citation"


def from_a_seed(cite) -> bool:
    """The two seed articles are checked quote by quote; a peer's figure cites a web page by its address."""
    return "seed_file" in DEMO["sources"][cite["source"]]


def test_every_quote_is_a_short_exact_quote_of_its_article():
    for table, _record, cite in all_citations():
        assert len(cite["quote"]) <= 30, cite
        if from_a_seed(cite):
            assert cite["quote"] in seed_text(cite["source"]), f"{table}: {cite['quote']!r} is not in the article"
        else:
            assert DEMO["sources"][cite["source"]]["url"].startswith("http"), cite


def test_every_heading_is_a_heading_of_its_article():
    for _table, _record, cite in all_citations():
        if not from_a_seed(cite):
            continue
        text = seed_text(cite["source"])
        headings = {line.strip().lstrip("#").strip() for line in text.splitlines()}
        assert cite["heading"] in headings, cite["heading"]


def test_every_named_enterprise_of_the_articles_is_in_the_demo():
    names = {e["name"] for e in DEMO["enterprise"]} | {e["short_name"] for e in DEMO["enterprise"]}
    for expected in [
        "海康威视",
        "萤石电子",
        "中元汇吉",
        "国际复材",
        "三峰环境",
        "德润环境",
        "东华软件",
        "太极信息",
        "井谷元",
        "宝武航研",
    ]:
        assert expected in names


def test_peers_figures_sit_beside_the_districts_own_clusters(db):
    materials = Cluster.objects.get(region__code="500104", name="新材料")
    [peer] = materials.peers.all()
    assert (peer.region.name, peer.name) == ("重庆市", "先进材料")
    figure = Observation.objects.get(cluster=peer)
    assert (figure.value, figure.yoy_pct, figure.period.label) == (532_090_000_000, Decimal("2.8"), "2023年1-10月")
    assert figure.citation.source.url.startswith("http")


def test_the_demo_loads_seven_clusters_with_their_records(db):
    dadukou = Cluster.objects.filter(region__code="500104")
    assert dadukou.count() == 7
    assert dadukou.filter(kind="百亿级产业集群").count() == 5
    listed = Enterprise.objects.get(short_name="国际复材")
    assert (listed.listing_exchange, listed.listing_board) == ("深圳证券交易所", "创业板")
    assert set(Enterprise.objects.filter(role="链主").values_list("name", flat=True)) == {
        "海康威视",
        "萤石电子",
        "中元汇吉",
    }
    assert Source.objects.get(key="rmrb-20240123").publication == "人民日报"


def counts() -> dict:
    models = (Cluster, Enterprise, Park, Designation, Citation, Source, Chain, ChainLink, ChainEdge, LinkEnterprise)
    return {m.__name__: m.objects.count() for m in models}


def test_running_demo_twice_duplicates_nothing(db):
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out)
    first = counts()
    call_command("demo", no_serve=True, stdout=out)
    assert counts() == first
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_demo_prints_one_account_per_role_with_a_working_password(db):
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out)
    lines = re.findall(r"^\s+(\S+)\s+(\S+)\s+密码：(\S+)$", out.getvalue(), re.M)
    roles = {role: (username, password) for role, username, password in lines}
    assert set(roles) == {"管理员", "领导", "产业办", "招商局", "统计"}
    username, password = roles["管理员"]
    assert username == "admin"
    assert get_user_model().objects.get(username="admin").check_password(password)
    office_user = get_user_model().objects.get(username=roles["产业办"][0])
    assert office_user.offices.get().clusters.exists()


def test_token_command_prints_a_working_token(db, client):
    call_command("demo", no_serve=True, stdout=io.StringIO())
    out = io.StringIO()
    call_command("token", "create", "admin", stdout=out)
    key = out.getvalue().strip()
    response = client.get("/api/v1/clusters/", {"region": "大渡口"}, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.json()["count"] == 7


def test_token_command_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="用户不存在"):
        call_command("token", "create", "nobody")


def test_every_hundred_billion_cluster_has_a_chain_map_with_its_enterprises(db):
    for cluster in Cluster.objects.filter(kind="百亿级产业集群", region__code="500104"):
        chains = list(cluster.chains.all())
        assert chains, f"{cluster} has no chain"
        assert any(LinkEnterprise.objects.filter(link__chain=c).exists() for c in chains), cluster
    leaders = set(LinkEnterprise.objects.filter(role="链主").values_list("enterprise__name", flat=True))
    assert {"海康威视", "萤石电子", "中元汇吉"} <= leaders


def test_the_demo_gap_analysis_shows_real_gaps_with_reasons(db):
    statuses = set()
    for chain in Chain.objects.all():
        report = chain_report(chain)
        for gap in report.gaps:
            assert gap.reasons
            statuses.add(gap.status)
    assert {"空白", "薄弱"} <= statuses
