"""Small things a district user meets every day: Chinese blank choices, one log line per refusal."""

import logging
import re

from django.apps import apps
from django.urls import reverse


def blank_choices(response) -> set[str]:
    """The label of each select's first choice when it is empty (a filter's "any", a form's "none yet")."""
    html = response.content.decode()
    return set(re.findall(r'<select[^>]*>\s*<option value="(?:|unknown)"(?: selected)?>([^<]*)</option>', html))


def test_filters_say_all_and_forms_say_choose_in_chinese(client_for, personas):
    client = client_for(personas["admin"])
    for page in ("registry:enterprise-list", "projects:project-list", "monitoring:observation-list"):
        assert blank_choices(client.get(reverse(page))) == {"全部"}, page
    for page in ("registry:enterprise-create", "projects:project-create", "monitoring:observation-create"):
        assert "请选择" in blank_choices(client.get(reverse(page))) <= {"请选择", "精确"}, page


def test_every_model_is_called_by_its_chinese_name_in_the_plural_too():
    """Models say only their verbose_name: chanye.core.models.plural_is_the_name gives it as the plural."""
    named = [
        m for m in apps.get_models() if m.__module__.startswith("chanye.") and "verbose_name" in m._meta.original_attrs
    ]
    assert len(named) > 40
    assert [m._meta.label for m in named if m._meta.verbose_name_plural != m._meta.verbose_name] == []


def test_a_refusal_is_one_warning_line_in_the_server_log(client_for, personas, caplog):
    client = client_for(personas["leader"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("archive:upload")).status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    line = record.getMessage()
    assert "\n" not in line and "/archive/upload/" in line and "leader" in line and "没有向资料库添加文档的权限" in line
    assert "Traceback" not in caplog.text


LISTS_ON_THE_SHARED_LAYOUT = [
    "registry:cluster-list",
    "registry:enterprise-list",
    "registry:park-list",
    "registry:designation-list",
    "monitoring:importtemplate-list",
    "regions:region-list",
    "projects:project-list",
    "monitoring:observation-list",
    "visits:visit-list",
]


def test_list_pages_share_one_layout_and_answer_a_search_with_the_results_alone(client_for, personas):
    client = client_for(personas["admin"])
    for name in LISTS_ON_THE_SHARED_LAYOUT:
        page = client.get(reverse(name))
        assert "core/list.html" in [t.name for t in page.templates], name
        html = page.content.decode()
        assert 'id="results"' in html and 'name="q"' in html and "navbar" in html, name
        fragment = client.get(reverse(name), {"q": "大"}, HTTP_HX_REQUEST="true").content.decode().strip()
        assert fragment.startswith('<div class="card" id="results">') and "navbar" not in fragment, name
        assert fragment.count("<table") == 1 and 'name="q"' not in fragment, name


def crumbs(response) -> list[tuple[str, str]]:
    """(label, link or "") of each breadcrumb of a page."""
    trail = re.search(r'<ol class="breadcrumb[^"]*"[^>]*>(.*?)</ol>', response.content.decode(), re.S)
    assert trail, f"no breadcrumbs on {response.request['PATH_INFO']}"
    items = re.findall(r"<li[^>]*>(.*?)</li>", trail[1], re.S)
    return [(re.sub(r"<[^>]+>", "", i).strip(), (re.findall(r'href="([^"]+)"', i) or [""])[0]) for i in items]


def test_a_records_edit_page_shows_where_it_stands(client_for, personas):
    from chanye.registry.models import Enterprise

    enterprise = Enterprise.objects.order_by("pk").first()
    response = client_for(personas["admin"]).get(reverse("registry:enterprise-update", args=[enterprise.pk]))
    assert crumbs(response) == [
        ("首页", "/"),
        ("产业体系", ""),
        ("企业库", reverse("registry:enterprise-list")),
        (enterprise.name, enterprise.get_absolute_url()),
        ("编辑", ""),
    ]


def test_every_page_from_the_menu_and_its_records_has_breadcrumbs(client_for, personas):
    client = client_for(personas["admin"])
    home = client.get(reverse("home")).content.decode()
    menu = set(re.findall(r'class="dropdown-item" href="(/[^"]*)"', home)) - {"/"}
    menu = {url for url in menu if not url.startswith("/api/")}  # the API browser is not a page of ours
    assert len(menu) > 20
    for url in sorted(menu):
        response = client.get(url)
        assert response.status_code == 200, url
        trail = crumbs(response)
        assert trail[0] == ("首页", "/") and trail[-1][1] == "" and len(trail) >= 2, url
        # the first record listed on the page, and its pages
        record = re.search(r'<td><a href="(/[a-z]+/[a-z-]+/\d+/)"', response.content.decode())
        if record:
            trail = crumbs(client.get(record[1]))
            assert trail[0] == ("首页", "/") and len(trail) >= 3, record[1]


def test_english_mode_translates_the_region_list_its_filters_and_its_breadcrumbs(client_for, personas, settings):
    client = client_for(personas["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("regions:region-list")).content.decode()
    for english in ("Regions of this platform", "Division code", "Parent", ">Home<"):
        assert english in html, english
    for chinese in ("本平台所辖区域", "<th>区划代码", ">首页<"):
        assert chinese not in html, chinese
    assert ">All</option>" in client.get(reverse("registry:enterprise-list")).content.decode()
