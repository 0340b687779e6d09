"""The registry pages through real HTTP requests: what they show, searches, the forms' checks. Who may
read, add, change and delete each model is declared in test_permissions.py (chanye.core.testing)."""

import pytest
from django.urls import reverse

from chanye.core.models import AuditEntry
from chanye.registry.models import Cluster, Enterprise

ROLES = ["admin", "leader", "office", "other_office", "investment", "statistics"]


def hikvision():
    return Enterprise.objects.get(name="海康威视")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_opens_the_cockpit(personas, client_for, role):
    assert client_for(personas[role]).get(reverse("home")).status_code == 200


def test_a_user_without_a_role_is_refused_the_cockpit(personas, client_for):
    assert client_for(personas["norole"]).get(reverse("home")).status_code == 403


def test_signed_in_user_sees_the_seven_clusters_and_their_enterprises(personas, client_for):
    client = client_for(personas["leader"])
    home = client.get(reverse("home")).content.decode()
    for name in ["大数据智能化", "大健康生物医药", "生态环保", "新材料", "重庆小面", "文化休闲旅游", "现代服务业"]:
        assert name in home
    cluster = Cluster.objects.get(name="大数据智能化")
    page = client.get(cluster.get_absolute_url()).content.decode()
    assert "海康威视" in page and "萤石电子" in page
    assert "人民日报" in page  # the citation is shown


def enterprise_form(enterprise, **changes):
    data = {
        "name": enterprise.name,
        "short_name": enterprise.short_name,
        "aliases": enterprise.aliases,
        "credit_code": enterprise.credit_code or "",
        "clusters": [c.pk for c in enterprise.clusters.all()],
        "role": enterprise.role,
        "park": enterprise.park_id or "",
        "listing_exchange": enterprise.listing_exchange,
        "listing_board": enterprise.listing_board,
        "listing_date": "",
        "listing_note": enterprise.listing_note,
    }
    data.update(changes)
    return data


def test_the_owning_office_edits_its_enterprise_and_the_change_is_audited(personas, client_for):
    enterprise = hikvision()
    url = reverse("registry:enterprise-update", args=[enterprise.pk])
    response = client_for(personas["office"]).post(url, enterprise_form(enterprise, short_name="海康"))
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.short_name == "海康"
    entry = AuditEntry.objects.for_object(enterprise).newest_first().first()
    assert (entry.actor_name, entry.action) == ("office", "update")
    assert entry.before["short_name"] == "" and entry.after["short_name"] == "海康"


def test_an_office_cannot_move_an_enterprise_out_of_its_clusters(personas, client_for):
    enterprise = hikvision()
    materials = Cluster.objects.get(name="新材料")
    url = reverse("registry:enterprise-update", args=[enterprise.pk])
    response = client_for(personas["office"]).post(url, enterprise_form(enterprise, clusters=[materials.pk]))
    # The form offers only the office's own clusters: the choice is refused with the typed form kept.
    assert response.status_code == 200 and "不在您的管理范围内" in response.content.decode()
    assert list(enterprise.clusters.values_list("name", flat=True)) == ["大数据智能化"]


def test_a_bad_credit_code_is_shown_on_the_form_and_nothing_is_saved(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    data = {"name": "校验失败企业", "clusters": [cluster.pk], "role": "培育", "credit_code": "91350100M000100Y44"}
    response = client_for(personas["office"]).post(reverse("registry:enterprise-create"), data)
    assert response.status_code == 200
    assert "校验位错误" in response.content.decode()
    assert not Enterprise.objects.filter(name="校验失败企业").exists()


def test_search_finds_an_enterprise_by_alias_and_short_name(personas, client_for):
    client = client_for(personas["leader"])
    by_alias = client.get(reverse("registry:enterprise-list"), {"q": "国际复合材料"}).content.decode()
    by_short = client.get(reverse("registry:enterprise-list"), {"q": "三峰环境"}).content.decode()
    assert "重庆国际复合材料股份有限公司" in by_alias
    assert "重庆三峰环境集团股份有限公司" in by_short
    assert "海康威视" not in by_alias


def test_htmx_search_returns_only_the_results_table(personas, client_for):
    response = client_for(personas["leader"]).get(
        reverse("registry:enterprise-list"), {"q": "井谷元"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="results"' in html and "井谷元" in html
    assert "<html" not in html
