"""The REST API under /api/v1/: token and session auth, pagination, filters, the schema, bad input. Who
may read, add, change and delete through it is declared in test_permissions.py (chanye.core.testing)."""

import pytest

from chanye.conftest import token_header
from chanye.registry.models import Cluster, Enterprise


def test_token_auth_lists_the_seven_clusters(personas, client):
    response = client.get("/api/v1/clusters/", {"region": "500104"}, **token_header(personas["leader"]))
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
