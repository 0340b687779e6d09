"""一图 (issue 17, point 8b): the city's districts from the vendored map, coloured by a chosen indicator for
one period, the parks with coordinates as points."""

import json
import re
from decimal import Decimal

from django.urls import reverse

from chanye.core.models import Region
from chanye.lib.periods import Period
from chanye.monitoring import services as monitoring
from chanye.monitoring.models import Indicator
from chanye.registry import services as registry
from chanye.registry.models import Park

MAP = reverse("regions:map")


def district_figure(code: str, key: str, label: str, value) -> None:
    """A district's own (全区) figure, as a statistics import would record it; test input."""
    period = Period.parse(label)
    monitoring.create_observation(
        actor=None,
        data={
            "subject_kind": "region",
            "region": Region.objects.get(code=code),
            "indicator": Indicator.objects.get(key=key),
            "period_kind": period.kind,
            "period_start": period.start_date,
            "period_end": period.end_date,
            "value": Decimal(value) * 100_000_000,
        },
    )


def map_data(html: str) -> dict:
    return json.loads(re.search(r'<script id="region-map-data" type="application/json">(.*?)</script>', html).group(1))


def test_the_map_colours_the_districts_for_one_period(personas, client_for):
    district_figure("500104", "value_added", "2023年前三季度", 300)  # 大渡口区
    district_figure("500107", "value_added", "2023年前三季度", 500)  # 九龙坡区 (a peer)
    district_figure("500107", "value_added", "2023年上半年", 320)  # an earlier period: not on the map
    html = client_for(personas["leader"]).get(MAP, {"indicator": "value_added"}).content.decode()
    data = map_data(html)
    assert data["map"] == "重庆" and data["home"] == "大渡口区" and data["indicator"] == "增加值"
    assert data["period"] == "2023年前三季度" and data["unit"] == "亿元"
    assert {(r["name"], r["value"], r["basis"]) for r in data["regions"]} == {
        ("大渡口区", 300.0, "全区"),
        ("九龙坡区", 500.0, "全区"),
    }
    assert "vendor/china-cities/chongqing.js" in html and '<option value="value_added" selected>' in html


def test_without_a_district_figure_the_clusters_total_is_used_and_said(personas, client_for):
    data = map_data(client_for(personas["leader"]).get(MAP, {"indicator": "revenue"}).content.decode())
    (dadukou,) = [r for r in data["regions"] if r["name"] == "大渡口区"]
    assert dadukou["basis"].endswith("个集群合计") and data["period"]


def test_parks_with_coordinates_are_points(personas, client_for):
    park = Park.objects.get(name="4号仓库影视产业园")
    registry.update_park(actor=None, park=park, data={"longitude": Decimal("106.48"), "latitude": Decimal("29.47")})
    data = map_data(client_for(personas["leader"]).get(MAP).content.decode())
    assert data["parks"] == [{"name": "4号仓库影视产业园", "value": [106.48, 29.47], "url": park.get_absolute_url()}]


def test_the_map_is_in_the_menu(personas, client_for):
    assert f'href="{MAP}"' in client_for(personas["leader"]).get(reverse("home")).content.decode()


def test_the_map_needs_a_role(personas, client_for):
    assert client_for(personas["norole"]).get(MAP).status_code == 403
