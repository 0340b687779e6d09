"""The base UI: Chinese first, English switchable, every domain in the navigation, and no
page that loads anything from another host."""

import re

from django.urls import reverse

from chanye.chains.models import Chain
from chanye.monitoring.models import Observation, Target
from chanye.registry.models import Cluster, Enterprise

ASSET = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"')


def pages():
    cluster = Cluster.objects.get(name="新材料")
    enterprise = Enterprise.objects.get(short_name="国际复材")
    chain = Chain.objects.get(name="体外诊断产业链")
    return [
        reverse("home"),
        reverse("registry:cluster-list"),
        cluster.get_absolute_url(),
        reverse("registry:enterprise-list"),
        enterprise.get_absolute_url(),
        reverse("registry:enterprise-import"),
        reverse("registry:park-list"),
        reverse("registry:designation-list"),
        reverse("audit:site"),
        reverse("registry:cluster-update", args=[cluster.pk]),
        reverse("registry:cluster-history", args=[cluster.pk]),
        reverse("extraction:fact-list"),
        reverse("extraction:conflicts"),
        reverse("chains:chain-list"),
        chain.get_absolute_url(),
        reverse("chains:chain-print", args=[chain.pk]),
        reverse("chains:link-panel", args=[chain.links.first().pk]),
        reverse("chains:crosswalk"),
        reverse("chains:candidateenterprise-list"),
        reverse("chains:candidate-import"),
        reverse("chains:chainlink-update", args=[chain.links.first().pk]),
        reverse("monitoring:cluster-figures", args=[cluster.pk]),
        reverse("monitoring:observation-list"),
        reverse("monitoring:target-list"),
        reverse("monitoring:observation-import"),
        reverse("monitoring:observation-create"),
        Observation.objects.first().get_absolute_url(),
        Target.objects.first().get_absolute_url(),
        reverse("projects:board"),
        reverse("projects:funnel"),
        reverse("projects:totals"),
        reverse("projects:attention"),
        reverse("projects:signingevent-list"),
        reverse("projects:project-list"),
        reverse("visits:appeal-mine"),
        reverse("visits:appeal-list"),
        reverse("visits:appeal-overdue"),
        reverse("visits:bottlenecks"),
        reverse("visits:visit-list"),
        reverse("visits:notification-list"),
        reverse("archive:search") + "?q=小面",
        reverse("archive:document-list"),
        reverse("archive:upload"),
    ]


def test_no_page_loads_an_asset_from_another_host(personas, client_for):
    client = client_for(personas["admin"])
    for url in pages():
        response = client.get(url)
        assert response.status_code == 200, url
        for asset in ASSET.findall(response.content.decode()):
            assert asset.startswith("/") and not asset.startswith("//"), (url, asset)


def test_every_vendored_asset_is_served(personas, client_for):
    client = client_for(personas["admin"])
    html = client.get(reverse("home")).content.decode()
    for asset in ASSET.findall(html):
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content)  # whitenoise streams the file; close it cleanly


def test_the_ui_is_chinese_by_default_and_english_on_request(personas, client_for):
    client = client_for(personas["leader"])
    # An English browser still gets Chinese until the user picks English.
    assert "产业链图谱" in client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("home")).content.decode()
    assert "Chain maps" in english and "Cockpit" in english
    assert 'lang="en"' in english


def test_navigation_names_every_domain_of_the_design(personas, client_for):
    html = client_for(personas["leader"]).get(reverse("home")).content.decode()
    for label in [
        "产业集群",
        "企业库",
        "产业载体",
        "荣誉/名单",
        "产业链图谱",
        "经济运行",
        "招商项目",
        "走访诉求",
        "资料库",
        "事实抽取",
    ]:
        assert label in html


def test_an_unknown_area_is_404(personas, client_for):
    assert client_for(personas["leader"]).get("/nowhere/").status_code == 404
