"""Small things a district user meets every day: Chinese blank choices, one log line per refusal."""

import logging
import re

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
