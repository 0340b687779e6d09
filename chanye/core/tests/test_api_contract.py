"""The API answers as its OpenAPI schema says (issue 16, defect 8): each answer that schemathesis once
found to break the schema, validated against the schema the site serves; the error statuses documented;
bad page sizes, negative money and impossible years refused. scripts/api_contract.sh fuzzes every
operation against the demo in CI."""

import json
from decimal import Decimal

import pytest
import requests
import schemathesis
from django.core.exceptions import ValidationError
from schemathesis.core.transport import Response

from chanye.conftest import token_header
from chanye.core.models import Region
from chanye.monitoring.models import Indicator, Observation
from chanye.projects.services import create_project
from chanye.registry.models import Cluster


@pytest.fixture
def api(personas, client):
    """get/send(method, path, body) as the administrator, and `check(response)`: the answer matches the
    schema of the operation it came from (status documented, body valid, content type declared)."""
    headers = token_header(personas["admin"])
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/schema/?format=json", **headers).json())

    class Api:
        def send(self, method, path, body=None, **params):
            response = client.generic(
                method,
                path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""),
                json.dumps(body) if body is not None else "",
                content_type="application/json",
                **headers,
            )
            response.method, response.path = method, path
            return response

        def get(self, path, **params):
            return self.send("GET", path, **params)

        def check(self, response, template: str):
            operation = schema[template][response.method]
            request = requests.Request(response.method, f"http://testserver{response.path}").prepare()
            headers = {name: [value] for name, value in response.headers.items()}
            converted = Response(response.status_code, headers, response.content, request, elapsed=0, verify=True)
            operation.validate_response(converted)
            assert str(response.status_code) in operation.definition.raw["responses"], "status not documented"

    return Api()


def test_a_cluster_without_an_office_matches_the_schema(api):
    cluster = Cluster.objects.filter(office=None).first()
    response = api.get(f"/api/v1/clusters/{cluster.pk}/")
    assert response.status_code == 200 and response.json()["office_name"] is None
    api.check(response, "/api/v1/clusters/{id}/")


def test_a_top_level_region_matches_the_schema(api):
    region = Region.objects.filter(parent=None).first()
    response = api.get(f"/api/v1/regions/{region.pk}/")
    assert response.status_code == 200 and response.json()["parent_name"] is None
    api.check(response, "/api/v1/regions/{id}/")


def test_observations_with_their_period_and_source_objects_match_the_schema(api):
    response = api.get("/api/v1/observations/")
    first = response.json()["results"][0]
    assert set(first["period"]) == {"label", "kind", "start", "end"} and "kind" in first["source"]
    api.check(response, "/api/v1/observations/")


def test_the_funnel_is_a_list_as_the_schema_says(api):
    response = api.get("/api/v1/projects/funnel/")
    assert isinstance(response.json(), list)
    api.check(response, "/api/v1/projects/funnel/")


def test_a_chains_gaps_match_the_schema(api):
    chain = api.get("/api/v1/chains/").json()["results"][0]
    response = api.get(f"/api/v1/chains/{chain['id']}/gaps/", candidates=1)
    assert response.status_code == 200
    api.check(response, "/api/v1/chains/{id}/gaps/")


def test_errors_are_documented(api):
    missing = api.get("/api/v1/enterprises/999999/")
    assert missing.status_code == 404
    api.check(missing, "/api/v1/enterprises/{id}/")
    beyond = api.get("/api/v1/enterprises/", page=9999)
    assert beyond.status_code == 404
    api.check(beyond, "/api/v1/enterprises/")
    bad_filter = api.get("/api/v1/clusters/", office="abc")
    assert bad_filter.status_code == 400
    api.check(bad_filter, "/api/v1/clusters/")
    invalid = api.send("POST", "/api/v1/enterprises/", {"name": ""})
    assert invalid.status_code == 400
    api.check(invalid, "/api/v1/enterprises/")


def test_an_empty_filter_is_no_filter(api):
    everything = api.get("/api/v1/clusters/").json()["count"]
    response = api.get("/api/v1/clusters/", office="")
    assert response.status_code == 200 and response.json()["count"] == everything


@pytest.mark.parametrize("size", ["null", "0", "-3", "abc", "1.5"])
def test_a_page_size_that_is_not_a_positive_number_is_refused(api, size):
    response = api.get("/api/v1/enterprises/", page_size=size)
    assert response.status_code == 400
    assert "每页条数" in response.json()["page_size"][0]
    api.check(response, "/api/v1/enterprises/")


def test_a_large_page_size_is_cut_to_the_maximum(api):
    response = api.get("/api/v1/regions/", page_size=100000)
    assert response.status_code == 200 and len(response.json()["results"]) == 500


@pytest.mark.parametrize("field", ["planned_investment", "contract_investment", "expected_output", "land_mu"])
def test_negative_money_is_refused(api, field):
    response = api.send("POST", "/api/v1/projects/", {"name": "负数项目", field: "-100"})
    assert response.status_code == 400, response.content
    assert "0" in response.json()[field][0]
    api.check(response, "/api/v1/projects/")
    assert not api.get("/api/v1/projects/", q="负数项目").json()["count"]


def test_negative_money_is_refused_by_the_service_too(personas):
    """The pages and the import write through the same service: the model refuses a negative amount."""
    with pytest.raises(ValidationError, match="不能为负数"):
        create_project(actor=personas["admin"], data={"name": "负数项目", "planned_investment": Decimal("-100")})


def test_an_observation_for_1818_is_refused(api):
    cluster = Cluster.objects.filter(office__isnull=False).first()
    indicator = Indicator.objects.get(key="output")
    body = {"subject_kind": "cluster", "cluster": cluster.pk, "indicator": indicator.pk, "value": "100"}
    before = Observation.objects.count()
    response = api.send("POST", "/api/v1/observations/", {**body, "period": "1818年10月"})
    assert response.status_code == 400
    assert "1949" in json.dumps(response.json(), ensure_ascii=False)
    assert Observation.objects.count() == before
    accepted = api.send("POST", "/api/v1/observations/", {**body, "period": "2019年10月"})
    assert accepted.status_code == 201, accepted.content
    api.check(accepted, "/api/v1/observations/")


def test_a_target_for_1818_is_refused(api):
    cluster = Cluster.objects.filter(office__isnull=False).first()
    indicator = Indicator.objects.get(key="output")
    body = {"subject_kind": "cluster", "cluster": cluster.pk, "indicator": indicator.pk, "value": "100"}
    response = api.send("POST", "/api/v1/targets/", {**body, "year": 1818})
    assert response.status_code == 400
    assert "目标年份" in json.dumps(response.json(), ensure_ascii=False)


def test_an_id_beyond_a_database_integer_in_a_filter_is_a_400_not_a_500(api):
    response = api.get("/api/v1/documents/", clusters="134363900524071819884674154496")
    assert response.status_code == 400 and "clusters" in response.json()
    api.check(response, "/api/v1/documents/")


def test_an_address_the_api_does_not_know_is_a_json_404(api):
    response = api.send("DELETE", "/api/v1/appeals/0.5/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    api.check(response, "/api/v1/appeals/{id}/")
    assert api.get("/api/v1/no-such-collection/").json() == {"detail": "未找到。"}


def test_the_search_is_documented_with_its_parameters(api):
    response = api.get("/api/v1/search/")
    assert response.status_code == 400  # no q
    api.check(response, "/api/v1/search/")
    found = api.get("/api/v1/search/", q="大渡口")
    assert found.status_code == 200
    api.check(found, "/api/v1/search/")
