"""The REST API under /api/v1/: the same permission rules as the pages, token and session auth."""

import pytest

from chanye.conftest import token_header
from chanye.core.models import AuditEntry
from chanye.registry.models import Cluster, Enterprise

ENDPOINTS = ["/api/v1/clusters/", "/api/v1/enterprises/", "/api/v1/parks/", "/api/v1/designations/"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_without_credentials_the_api_answers_401(db, client, url):
    assert client.get(url).status_code == 401


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_user_without_a_role_gets_403(personas, client, url):
    assert client.get(url, **token_header(personas["norole"])).status_code == 403


def test_token_auth_lists_the_seven_clusters(personas, client):
    response = client.get("/api/v1/clusters/", **token_header(personas["leader"]))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 7
    names = [c["name"] for c in body["results"]]
    assert names[:5] == ["大数据智能化", "大健康生物医药", "生态环保", "新材料", "重庆小面"]
    assert body["results"][0]["citations"], "every demo cluster carries its citation"


def test_session_auth_works_too(personas, client_for):
    assert client_for(personas["statistics"]).get("/api/v1/enterprises/").status_code == 200


def test_pagination_and_filters(personas, client):
    headers = token_header(personas["leader"])
    page = client.get("/api/v1/enterprises/", {"page_size": 5}, **headers).json()
    assert len(page["results"]) == 5 and page["count"] == Enterprise.objects.count() and page["next"]
    cluster = Cluster.objects.get(name="大数据智能化")
    filtered = client.get("/api/v1/enterprises/", {"cluster": cluster.pk}, **headers).json()
    assert {e["name"] for e in filtered["results"]} == set(cluster.enterprises.values_list("name", flat=True))
    chain_leaders = client.get("/api/v1/enterprises/", {"role": "链主"}, **headers).json()
    assert {e["name"] for e in chain_leaders["results"]} == {"海康威视", "萤石电子", "中元汇吉"}
    searched = client.get("/api/v1/enterprises/", {"q": "国际复材"}, **headers).json()
    assert [e["name"] for e in searched["results"]] == ["重庆国际复合材料股份有限公司"]


def test_openapi_schema(personas, client):
    response = client.get("/api/v1/schema/", **token_header(personas["leader"]))
    assert response.status_code == 200
    assert b"/api/v1/enterprises/" in response.content


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 201), ("office", 201), ("other_office", 403), ("leader", 403), ("investment", 403), ("statistics", 403)],
)
def test_who_may_create_an_enterprise_in_the_big_data_cluster(personas, client, role, status):
    cluster = Cluster.objects.get(name="大数据智能化")
    data = {"name": f"API测试企业{role}", "clusters": [cluster.pk], "role": "培育"}
    response = client.post(
        "/api/v1/enterprises/", data, content_type="application/json", **token_header(personas[role])
    )
    assert response.status_code == status, response.content
    assert Enterprise.objects.filter(name=data["name"]).exists() == (status == 201)


def test_created_through_the_api_is_audited(personas, client):
    cluster = Cluster.objects.get(name="大数据智能化")
    data = {"name": "API审计企业", "clusters": [cluster.pk], "role": "培育"}
    client.post("/api/v1/enterprises/", data, content_type="application/json", **token_header(personas["office"]))
    entry = AuditEntry.objects.for_object(Enterprise.objects.get(name="API审计企业")).get()
    assert entry.actor_name == "office" and entry.after["clusters"] == [cluster.pk]


@pytest.mark.parametrize(("role", "status"), [("office", 200), ("other_office", 403), ("leader", 403)])
def test_who_may_patch_an_enterprise(personas, client, role, status):
    enterprise = Enterprise.objects.get(name="萤石电子")
    response = client.patch(
        f"/api/v1/enterprises/{enterprise.pk}/",
        {"short_name": "萤石"},
        content_type="application/json",
        **token_header(personas[role]),
    )
    assert response.status_code == status
    enterprise.refresh_from_db()
    assert (enterprise.short_name == "萤石") == (status == 200)


def test_a_bad_credit_code_is_a_400_with_the_reason(personas, client):
    enterprise = Enterprise.objects.get(name="萤石电子")
    response = client.patch(
        f"/api/v1/enterprises/{enterprise.pk}/",
        {"credit_code": "91350100M000100Y44"},
        content_type="application/json",
        **token_header(personas["office"]),
    )
    assert response.status_code == 400
    assert "校验位错误" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("admin", 204), ("office", 403), ("leader", 403)])
def test_who_may_delete_a_cluster(personas, client, role, status):
    cluster = Cluster.objects.get(name="现代服务业")
    response = client.delete(f"/api/v1/clusters/{cluster.pk}/", **token_header(personas[role]))
    assert response.status_code == status
    assert Cluster.objects.filter(pk=cluster.pk).exists() == (status != 204)


def test_a_missing_object_is_404(personas, client):
    assert client.get("/api/v1/enterprises/999999/", **token_header(personas["admin"])).status_code == 404
