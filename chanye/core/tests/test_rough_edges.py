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
