"""The top bar's search: the archive, the enterprises and the projects in one page, each restricted to what
the user may see."""

import pytest
from django.urls import reverse

from chanye.archive import services as archive
from chanye.projects.models import Project
from chanye.registry.models import Enterprise


@pytest.fixture
def article(db, personas):
    return archive.ingest_file(
        actor=personas["admin"],
        filename="a.txt",
        content="中元汇吉是体外诊断龙头企业。\n\n大渡口区扶持体外诊断产业。".encode(),
    )


def sections(response) -> dict:
    return {section["key"]: section for section in response.context["sections"]}


def test_one_query_finds_paragraphs_enterprises_and_projects(personas, client_for, article):
    enterprise = Enterprise.objects.get(name__contains="中元汇吉")
    response = client_for(personas["leader"]).get(reverse("search"), {"query": "中元汇吉"})
    assert response.status_code == 200
    found = sections(response)
    assert found["archive"]["total"] == 1 and "<mark>中元汇吉</mark>" in found["archive"]["items"][0]["html"]
    assert enterprise.get_absolute_url() in [item["url"] for item in found["enterprise"]["items"]]
    page = response.content.decode()
    assert "资料库" in page and "企业" in page and "项目" in page


def test_projects_are_found_by_name(personas, client_for):
    project = Project.objects.first()
    found = sections(client_for(personas["investment"]).get(reverse("search"), {"query": project.name}))
    assert project.get_absolute_url() in [item["url"] for item in found["project"]["items"]]


def test_each_section_shows_only_what_the_user_may_see(settings, personas, client_for, article):
    """On a city instance a 江北区 account reads 江北's records only: 大渡口's enterprise is not offered to it."""
    from chanye.accounts.services import set_up_account
    from chanye.core import roles
    from chanye.core.models import Region

    settings.CHANYE_REGION = "500000"
    jiangbei, _password = set_up_account(
        actor=None, username="jb_leader", role=roles.LEADER, region=Region.objects.get(code="500105")
    )
    enterprise = Enterprise.objects.get(name__contains="中元汇吉")
    found = sections(client_for(jiangbei).get(reverse("search"), {"query": "中元汇吉"}))
    assert found["enterprise"] == {**found["enterprise"], "total": 0, "items": []}
    home = sections(client_for(personas["leader"]).get(reverse("search"), {"query": "中元汇吉"}))
    assert enterprise.get_absolute_url() in [item["url"] for item in home["enterprise"]["items"]]


def test_a_query_too_short_for_the_archive_says_so_and_the_other_sections_still_answer(personas, client_for):
    response = client_for(personas["leader"]).get(reverse("search"), {"query": "面"})
    assert response.status_code == 200 and set(sections(response)) == {"archive", "enterprise", "project"}


def test_an_empty_query_shows_only_the_box_and_no_role_is_refused(personas, client_for, client):
    page = client_for(personas["leader"]).get(reverse("search")).content.decode()
    assert 'name="query"' in page and "search-results" not in page
    assert client_for(personas["norole"]).get(reverse("search"), {"query": "新材料"}).status_code == 403


def test_every_page_has_the_search_box_in_the_top_bar(personas, client_for):
    page = client_for(personas["statistics"]).get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in page and "navbar-search" in page


def test_the_top_bar_box_does_not_take_the_name_of_a_page_s_own_search_box(personas, client_for):
    """A list page's search-as-you-type box is `q`: the top bar's is `query`, so each page has one `q` and
    the browser (and its tests) find the page's own box."""
    page = client_for(personas["statistics"]).get(reverse("registry:enterprise-list")).content.decode()
    assert page.count('name="q"') == 1 and page.count('name="query"') == 1
