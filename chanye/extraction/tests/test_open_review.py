"""The review of figures whose subject the platform does not know yet, end to end: a peer district's
industry read in a real article (荣昌区 招商推介, 2019; eval/extraction/dev/a08.txt) goes from ingest to
the queue, is mapped to a cluster created for that district, is recorded for it with its source, and
the next document that writes the same name resolves by itself."""

from decimal import Decimal

import pytest
from django.urls import reverse

from chanye.archive import services as archive
from chanye.core.audit import AuditEntry
from chanye.core.models import Region
from chanye.extraction import services
from chanye.extraction.models import ExtractedFact, SubjectAlias
from chanye.lib.periods import Period
from chanye.monitoring.models import Observation
from chanye.registry.models import Cluster, Enterprise

from .test_review import article, ingest

RONGCHANG_2018 = "2018年荣昌电子信息产业总产值58.18亿元,2019年一季度电子信息产业总产值达17.55亿元,同比增长21.6%。"
URL = "https://www.cq.gov.cn/ywdt/zwhd/qxdt/201904/t20190420_example.html"  # stands for the article's address


def peer_document(actor, name="rongchang.txt", sentence=RONGCHANG_2018):
    document = ingest(actor, name, article("荣昌高新区招商推介", "2019-04-20", sentence))
    return archive.update_document(actor=actor, document=document, data={"url": URL})


@pytest.fixture
def rongchang():
    return Region.objects.get(code="500153")


def test_a_peer_industrys_figure_goes_from_the_queue_to_its_regions_record(personas, client_for, rongchang):
    statistics = personas["statistics"]
    document = peer_document(statistics)
    fact = document.facts.get(value=Decimal("5818000000"))
    assert (fact.region, fact.industry, fact.is_resolved) == (rongchang, "电子信息产业", False)

    client = client_for(statistics)
    page = client.get(fact.get_absolute_url()).content.decode()
    assert "指定主体" in page and "新建荣昌区的产业集群" in page
    queue = client.get(reverse("extraction:fact-list")).content.decode()
    assert "待指定主体" in queue

    response = client.post(reverse("extraction:fact-resolve", args=[fact.pk]), {"new": "cluster"})
    assert response.status_code == 302
    cluster = Cluster.objects.get(region=rongchang, name="电子信息")
    fact.refresh_from_db()
    assert fact.cluster == cluster and fact.region == rongchang
    # the same name in the same document resolves with it, and the name is remembered, audited
    assert document.facts.get(value=Decimal("1755000000")).cluster == cluster
    alias = SubjectAlias.objects.get(name="电子信息产业", region=rongchang)
    assert alias.cluster == cluster
    assert AuditEntry.objects.filter(content_type__model="subjectalias", object_id=str(alias.pk)).exists()
    assert AuditEntry.objects.filter(content_type__model="cluster", object_id=str(cluster.pk), action="create").exists()

    client.post(reverse("extraction:fact-accept", args=[fact.pk]))
    fact.refresh_from_db()
    assert fact.status == "accepted"
    observation = Observation.objects.get(cluster=cluster, indicator__key="output")
    assert (observation.region, observation.value, observation.period) == (
        rongchang,
        Decimal("5818000000"),
        Period.whole_year(2018),
    )
    assert observation.citation.source.url == URL and "58.18亿元" in observation.citation.quote

    later = peer_document(statistics, "later.txt", "2019年一季度荣昌电子信息产业总产值达17.55亿元,同比增长21.6%。")
    assert later.facts.get().cluster == cluster


def test_a_name_mapped_to_a_cluster_of_another_name_is_remembered(personas, rongchang):
    statistics = personas["statistics"]
    smart = services.registry.create_peer(
        actor=statistics, model=Cluster, data={"name": "智能制造", "kind": "产业领域", "region": rongchang}
    )
    first = peer_document(statistics).facts.get(value=Decimal("5818000000"))
    assert first.cluster is None  # 电子信息产业 is not a name of 智能制造
    services.resolve_fact(actor=statistics, fact=first, target=smart)
    later = peer_document(statistics, "later.txt", "2019年一季度荣昌电子信息产业总产值达17.55亿元,同比增长21.6%。")
    assert later.facts.get().cluster == smart


def test_a_one_off_mapping_is_not_remembered(personas, rongchang):
    statistics = personas["statistics"]
    fact = peer_document(statistics).facts.get(value=Decimal("5818000000"))
    services.resolve_fact(actor=statistics, fact=fact, target=rongchang, remember=False)
    fact.refresh_from_db()
    assert fact.is_district and fact.region == rongchang
    assert not SubjectAlias.objects.exists()
    assert document_of(fact).facts.get(value=Decimal("1755000000")).is_resolved is False


def document_of(fact):
    return fact.document


def test_an_enterprise_outside_the_district_is_created_from_the_queue(personas, client_for):
    statistics = personas["statistics"]
    # 2023重庆企业100强 (重庆发布, 2023-09-26)
    document = ingest(
        statistics,
        "top100.txt",
        article(
            "2023重庆企业100强出炉",
            "2023-09-26",
            "龙湖集团以2022年营业收入2505亿元,夺得2023重庆服务业企业100强第一名。",
        ),
    )
    fact = document.facts.get(kind="metric")
    assert (fact.entity, fact.entity_kind) == ("龙湖集团", "enterprise")
    response = client_for(statistics).post(
        f"/api/v1/facts/{fact.pk}/resolve/", {"new": "enterprise"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["resolved"] and response.json()["enterprise"] == Enterprise.objects.get(name="龙湖集团").pk


@pytest.mark.parametrize("persona", ["leader", "investment", "norole"])
def test_who_may_not_decide_a_figure_may_not_say_its_subject(personas, client_for, rongchang, persona):
    fact = peer_document(personas["statistics"]).facts.get(value=Decimal("5818000000"))
    client = client_for(personas[persona])
    page = client.get(fact.get_absolute_url())
    assert "新建荣昌区的产业集群" not in page.content.decode()
    response = client.post(reverse("extraction:fact-resolve", args=[fact.pk]), {"new": "cluster"})
    assert response.status_code in (403, 404)
    api = client.post(f"/api/v1/facts/{fact.pk}/resolve/", {"region": "荣昌区"}, content_type="application/json")
    assert api.status_code in (403, 404)
    fact.refresh_from_db()
    assert not fact.is_resolved and not Cluster.objects.filter(region=rongchang).exists()


def test_the_home_districts_clusters_are_not_created_from_the_queue(personas):
    """A figure of an industry of the district itself is mapped to the registry's clusters, which
    their offices keep; the queue creates only peers' records."""
    statistics = personas["statistics"]
    document = ingest(
        statistics,
        "home.txt",
        article("大渡口区氢能产业", "2024-04-20", "今年一季度，大渡口区氢能产业实现产值2.1亿元，同比增长8.5%。"),
    )
    fact = document.facts.get(kind="metric")
    assert fact.industry == "氢能产业" and not fact.is_resolved
    assert services.new_subject_kinds(statistics, fact) == []
    with pytest.raises(Exception, match="不能由这条事实新建"):
        services.create_subject(actor=statistics, fact=fact, kind="cluster")


def test_a_resolve_request_must_name_exactly_one_record(personas, client_for):
    fact = peer_document(personas["statistics"]).facts.get(value=Decimal("5818000000"))
    client = client_for(personas["statistics"])
    url = f"/api/v1/facts/{fact.pk}/resolve/"
    assert client.post(url, {}, content_type="application/json").status_code == 400
    assert client.post(url, {"region": "不存在的县"}, content_type="application/json").status_code == 400
    both = client.post(url, {"region": "荣昌区", "cluster": 1}, content_type="application/json")
    assert both.status_code == 400
    page = client.post(reverse("extraction:fact-resolve", args=[fact.pk]), {"enterprise": "没有这家公司"}, follow=True)
    assert "没有已登记的企业" in page.content.decode()
    assert ExtractedFact.objects.get(pk=fact.pk).is_resolved is False
