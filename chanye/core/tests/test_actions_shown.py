"""Every action a page shows is one the user may take, every form offers only the choices in the
user's scope, and a save refused after validation gives the form back with the reason and the input."""

import re

import pytest
from django.urls import reverse

from chanye.chains.models import Chain
from chanye.projects.models import Project
from chanye.registry.models import Cluster


def links(response) -> set[str]:
    return set(re.findall(r'href="([^"#?]+)', response.content.decode()))


def options(response, name: str) -> set[str]:
    """The values a select or a group of checkboxes named `name` offers."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if select:
        return {v for v in re.findall(r'<option value="([^"]*)"', select.group(1)) if v}
    return set(re.findall(rf'name="{name}"\s+value="([^"]+)"', html))


BOARD_WRITES = {"/projects/new/", "/projects/import/"}


@pytest.mark.parametrize(
    ("persona", "shown"), [("leader", False), ("statistics", False), ("investment", True), ("office", True)]
)
def test_the_board_offers_new_and_import_only_to_who_may_add_projects(client_for, personas, persona, shown):
    response = client_for(personas[persona]).get(reverse("projects:board"))
    assert response.status_code == 200
    assert BOARD_WRITES & links(response) == (BOARD_WRITES if shown else set())


@pytest.mark.parametrize(
    ("persona", "shown"), [("leader", False), ("statistics", True), ("investment", True), ("office", True)]
)
def test_upload_is_offered_in_the_archive_and_the_menu_only_to_who_may_add_documents(
    client_for, personas, persona, shown
):
    client = client_for(personas[persona])
    for page in ("archive:search", "archive:document-list", "extraction:fact-list", "home"):
        response = client.get(reverse(page))
        assert response.status_code == 200
        assert (reverse("archive:upload") in links(response)) is shown, page


@pytest.mark.parametrize(
    ("persona", "shown"), [("leader", False), ("investment", False), ("statistics", True), ("office", True)]
)
def test_the_statistics_import_is_offered_only_to_who_may_record_figures(client_for, personas, persona, shown):
    client = client_for(personas[persona])
    for page in ("home", "monitoring:importtemplate-list"):
        response = client.get(reverse(page))
        assert (reverse("monitoring:observation-import") in links(response)) is shown, page


@pytest.mark.parametrize("persona", ["leader", "statistics", "investment", "office", "admin"])
def test_no_link_on_the_main_pages_ends_in_403(client_for, personas, persona):
    """Follow every link of the pages a user starts from: none may be refused."""
    client = client_for(personas[persona])
    starts = ["home", "projects:board", "archive:search", "registry:enterprise-list", "monitoring:observation-list"]
    followed = set()
    for start in starts:
        for url in links(client.get(reverse(start))) - followed:
            followed.add(url)
            if url.startswith("/") and not url.startswith(("/static/", "/accounts/logout")):
                assert client.get(url).status_code != 403, f"{persona}: {url} (linked from {start})"


def test_an_office_chooses_only_its_own_clusters(client_for, personas):
    client = client_for(personas["office"])
    own = {str(pk) for pk in Cluster.objects.filter(name="大数据智能化").values_list("pk", flat=True)}
    for page, field in [
        ("registry:enterprise-create", "clusters"),
        ("registry:park-create", "clusters"),
        ("registry:designation-create", "cluster"),
        ("chains:chain-create", "cluster"),
        ("projects:project-create", "cluster"),
    ]:
        assert options(client.get(reverse(page)), field) == own, page
    chains = options(client.get(reverse("chains:chainlink-create")), "chain")
    assert chains == {str(c.pk) for c in Chain.objects.filter(cluster__name="大数据智能化")}


def test_figures_offer_an_office_its_clusters_and_the_peers_and_statistics_every_cluster(client_for, personas):
    district = set(Cluster.objects.filter(region__name="大渡口区").values_list("name", flat=True))
    names = dict(Cluster.objects.values_list("pk", "name"))
    offered = options(client_for(personas["office"]).get(reverse("monitoring:observation-create")), "cluster")
    assert {names[int(pk)] for pk in offered} & district == {"大数据智能化"}
    offered = options(client_for(personas["statistics"]).get(reverse("monitoring:target-create")), "cluster")
    assert district <= {names[int(pk)] for pk in offered}


def test_investment_files_projects_under_any_cluster(client_for, personas):
    offered = options(client_for(personas["investment"]).get(reverse("projects:project-create")), "cluster")
    assert len(offered) >= len(Cluster.objects.filter(region__name="大渡口区")) > 1


def test_a_save_refused_after_validation_keeps_the_input_and_says_why(client_for, personas):
    """An office may file projects, but only under its clusters: one without a cluster passes the form
    and is refused by the service. The page is the form again, with what was typed."""
    response = client_for(personas["office"]).post(
        reverse("projects:project-create"), {"name": "无集群的试验项目", "investor_name": "某某科技有限公司"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "不在您的管理范围内" in html
    assert 'value="无集群的试验项目"' in html and 'value="某某科技有限公司"' in html
    assert not Project.objects.filter(name="无集群的试验项目").exists()
