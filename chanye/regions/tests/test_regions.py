"""Regions as a dimension: the division codes, accounts scoped to a region in a city instance (pages and
API), the city roll-up, peers' figures beside ours and never in our totals, and the analytics pages."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from chanye.accounts.services import set_up_account
from chanye.chains.models import CityClusterMapping
from chanye.conftest import make_user, token_header
from chanye.core import roles
from chanye.core.models import Region
from chanye.lib.periods import Period
from chanye.monitoring.models import Indicator, Observation
from chanye.monitoring.services import create_observation
from chanye.reference.models import CityCluster, IndustryCode
from chanye.regions import analytics, reports
from chanye.registry.models import Cluster, Enterprise
from chanye.registry.services import create_cluster

BILLION = Decimal(100_000_000)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def figure(cluster, key: str, period: Period, value, yoy=None):
    return create_observation(
        actor=None,
        data={
            "subject_kind": "cluster",
            "cluster": cluster,
            "indicator": Indicator.objects.get(key=key),
            "period": period,
            "value": Decimal(value),
            "yoy_pct": None if yoy is None else Decimal(yoy),
        },
    )


# -- the division codes ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_district_of_chongqing_is_a_region_found_by_its_short_name(client_for, personas):
    chongqing = region("500000")
    assert Region.objects.filter(parent=chongqing, level="county").count() == 38
    assert Region.objects.named("江津") == region("500116")
    assert Region.objects.named("秀山") == region("500241")
    assert Region.objects.named("两江新区").parent == chongqing
    page = client_for(personas["leader"]).get(reverse("regions:region-list"), {"q": "江津"})
    assert page.status_code == 200 and "江津区" in page.content.decode() and "500116" in page.content.decode()


@pytest.mark.django_db
def test_loading_the_division_codes_again_changes_nothing(capsys):
    before = Region.objects.count()
    call_command("regions", "load")
    assert "新建 0，更新 0" in capsys.readouterr().out and Region.objects.count() == before


# -- a city instance: accounts scoped to a district ---------------------------------------------------------


@pytest.fixture
def city(settings, demo, django_user_model):
    """The instance serves 重庆市: the demo's clusters are 大渡口区's, and 江北区 has one of its own. A
    江北 产业办 account, a 江北 统计 account and a city 领导."""
    settings.CHANYE_REGION = "500000"
    jiangbei = region("500105")
    cluster = create_cluster(actor=None, data={"name": "江北生物医药", "kind": "百亿级产业集群", "region": jiangbei})
    office_user = make_user(django_user_model, "jb_office", roles.INDUSTRY_OFFICE)
    set_up_account(actor=None, username="jb_office", role=roles.INDUSTRY_OFFICE, region=jiangbei)
    set_up_account(actor=None, username="jb_stats", role=roles.STATISTICS, region=jiangbei)
    set_up_account(actor=None, username="city_leader", role=roles.LEADER)
    users = {
        u.username: u for u in django_user_model.objects.filter(username__in=["jb_office", "jb_stats", "city_leader"])
    }
    assert office_user.pk == users["jb_office"].pk
    return {"jiangbei": jiangbei, "cluster": cluster, **users}


@pytest.mark.django_db
def test_a_district_account_cannot_see_another_districts_records(city, client_for):
    dadukou_cluster = Cluster.objects.get(name="新材料")
    client = client_for(city["jb_stats"])
    assert client.get(dadukou_cluster.get_absolute_url()).status_code == 404
    assert client.get(city["cluster"].get_absolute_url()).status_code == 200
    listing = client.get(reverse("registry:cluster-list")).content.decode()
    assert "江北生物医药" in listing and "新材料" not in listing
    assert client.get(reverse("home"), {"region": region("500104").pk}).status_code == 404
    assert client.get(reverse("regions:region-detail", args=[region("500000").pk])).status_code == 200
    assert "rollup" not in client.get(reverse("regions:region-detail", args=[region("500000").pk])).context


@pytest.mark.django_db
def test_a_district_account_cannot_read_or_write_another_district_through_the_api(city, client):
    dadukou_cluster = Cluster.objects.get(name="新材料")
    headers = token_header(city["jb_stats"])
    names = [c["name"] for c in client.get("/api/v1/clusters/", {"page_size": 500}, **headers).json()["results"]]
    assert "江北生物医药" in names and "新材料" not in names
    assert client.get(f"/api/v1/clusters/{dadukou_cluster.pk}/", **headers).status_code == 404
    patch = client.patch(
        f"/api/v1/clusters/{dadukou_cluster.pk}/", {"description": "改"}, content_type="application/json", **headers
    )
    assert patch.status_code == 404
    dadukou_cluster.refresh_from_db()
    assert dadukou_cluster.description != "改"


@pytest.mark.django_db
def test_a_district_statistics_office_enters_figures_of_its_district_only(city, client_for):
    client = client_for(city["jb_stats"])
    ours = Indicator.objects.get(key="revenue")
    url = reverse("monitoring:observation-create")
    data = {"subject_kind": "cluster", "indicator": ours.pk, "period": "2023年1-10月", "value": "12", "unit": "亿元"}
    assert client.post(url, {**data, "cluster": city["cluster"].pk}).status_code == 302
    refused = client.post(url, {**data, "cluster": Cluster.objects.get(name="新材料").pk})
    assert (
        refused.status_code in (200, 403)
        and not Observation.objects.filter(cluster__name="新材料", value=Decimal("1200000000")).exists()
    )


@pytest.mark.django_db
def test_a_city_account_reads_every_district(city, client_for):
    client = client_for(city["city_leader"])
    listing = client.get(reverse("registry:cluster-list"), {"page_size": 100}).content.decode()
    assert "江北生物医药" in listing and "新材料" in listing
    assert client.get(reverse("home"), {"region": region("500104").pk}).status_code == 200


# -- the roll-up ----------------------------------------------------------------------------------------------


@pytest.fixture
def two_districts(city):
    """江北 and 大渡口 each have a cluster mapped to the city's 生物医药 cluster, with 1-10月 revenue of
    2023 and 2022; 九龙坡 has one too, without a figure."""
    bio = CityCluster.objects.get(name="生物医药")
    dadukou = Cluster.objects.get(name="大健康生物医药")
    jiulongpo = create_cluster(
        actor=None, data={"name": "九龙坡生物医药", "kind": "产业领域", "region": region("500107")}
    )
    for cluster in (dadukou, city["cluster"], jiulongpo):
        CityClusterMapping.objects.get_or_create(cluster=cluster, defaults={"city_cluster": bio})
    now, before = Period.ytd(2023, 10), Period.ytd(2022, 10)
    figure(dadukou, "revenue", now, 120 * BILLION)
    figure(dadukou, "revenue", before, 100 * BILLION)
    figure(city["cluster"], "revenue", now, 30 * BILLION, yoy="50")  # no 2022 figure: its stated 同比 stands in
    return {"now": now, "bio": bio, "jiulongpo": jiulongpo}


@pytest.mark.django_db
def test_the_rollup_is_the_sum_of_the_districts_and_its_growth_comes_from_the_sums(two_districts):
    rollup = reports.rollup(region("500000"), two_districts["now"], "city_cluster")
    cell = rollup.rows["生物医药"]["revenue"]
    assert cell.total == 150 * BILLION
    # 2022: 100 (stored) + 30 / 1.5 = 20 (from the stated 同比) = 120; (150 − 120) / 120 = 25 %, not the mean of 20 % and 50 %.
    assert cell.yoy == Decimal("25.0")
    assert [f.region.short_name for f in cell.ranking] == ["大渡口", "江北"]
    assert [r.short_name for r in cell.missing] == ["九龙坡"]  # missing, not counted as zero
    assert cell.coverage == "2/3"


@pytest.mark.django_db
def test_the_city_page_shows_the_rollup_with_the_missing_district(two_districts, city, client_for):
    page = client_for(city["city_leader"]).get(
        reverse("regions:region-detail", args=[region("500000").pk]), {"period": "2023年1-10月"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "生物医药" in html and "150亿元" in html and "+25%" in html
    assert "缺数" in html and "九龙坡" in html


@pytest.mark.django_db
def test_a_peers_figure_never_enters_the_rollup(two_districts):
    peer = create_cluster(actor=None, data={"name": "成都生物医药", "kind": "产业领域", "region": region("510100")})
    figure(peer, "revenue", two_districts["now"], 999 * BILLION)
    cell = reports.rollup(region("500000"), two_districts["now"], "city_cluster").rows["生物医药"]["revenue"]
    assert cell.total == 150 * BILLION


# -- peers (对标) ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cluster_beside_its_peers_on_the_same_indicator_and_period(personas, client_for):
    ours = Cluster.objects.get(name="新材料")
    peer = create_cluster(actor=None, data={"name": "新材料", "kind": "产业领域", "region": region("500116")})
    ours.peers.add(peer)
    period = Observation.objects.filter(cluster=ours, indicator__key="revenue").latest("period_end").period
    figure(peer, "revenue", period, 80 * BILLION, yoy="4.5")
    page = client_for(personas["leader"]).get(reverse("regions:peers", args=[ours.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "江津·新材料" in html and "80亿元" in html and "+4.5%" in html
    assert page.context["chart"]["bars"][1] == {"name": "江津·新材料", "value": 80.0}
    # the peer's figure is a peer's: not on our cockpit
    assert "江津" not in client_for(personas["leader"]).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_an_office_records_a_peers_figure_but_not_another_offices(personas, client_for):
    peer = create_cluster(actor=None, data={"name": "生物医药", "kind": "产业领域", "region": region("500113")})
    client = client_for(personas["office"])
    url = reverse("monitoring:observation-create")
    data = {"subject_kind": "cluster", "indicator": Indicator.objects.get(key="revenue").pk, "period": "2023年1-10月",
            "value": "55", "unit": "亿元"}  # fmt: skip
    assert client.post(url, {**data, "cluster": peer.pk}).status_code == 302
    assert Observation.objects.get(cluster=peer).value == 55 * BILLION
    other = client.post(url, {**data, "cluster": Cluster.objects.get(name="新材料").pk})
    # another office's cluster is not among the choices: refused on the form, with the input kept
    assert other.status_code == 200 and "不在您的管理范围内" in other.content.decode()
    assert not Observation.objects.filter(cluster__name="新材料", value=55 * BILLION).exists()


# -- analytics over the database --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_location_quotients_from_the_enterprises_of_each_district(city, client_for):
    codes = {c: IndustryCode.objects.get(code=c) for c in ("2710", "3911")}
    counts = {"500104": {"2710": 6, "3911": 2}, "500105": {"2710": 1, "3911": 7}}
    for code, by_industry in counts.items():
        for industry, n in by_industry.items():
            for i in range(n):
                Enterprise.objects.create(
                    name=f"{code}-{industry}-{i}", region=region(code), industry_code=codes[industry]
                )
    quotients = reports.enterprise_quotients(region("500000"), level=2)
    rows = {d.code: i for i, d in enumerate(quotients.districts)}
    expected = analytics.location_quotients([[6, 2], [1, 7]])
    assert quotients.industries == ["27", "39"]
    assert quotients.lq[rows["500104"], 0] == pytest.approx(expected[0, 0])
    page = client_for(city["city_leader"]).get(reverse("regions:quotients", args=[region("500000").pk]))
    assert page.status_code == 200 and "医药制造业" in page.content.decode()


@pytest.mark.django_db
def test_shift_share_of_a_district_against_its_city(two_districts, city, client_for):
    dadukou = Cluster.objects.get(name="大健康生物医药")
    figure(city["cluster"], "revenue", Period.ytd(2022, 10), 20 * BILLION)
    table = reports.district_shift_share(
        region("500104"), Indicator.objects.get(key="revenue"), Period.ytd(2022, 10), Period.ytd(2023, 10)
    )
    totals = table.parts.totals()
    # city: 120 → 150 (+25 %); 大渡口 100 → 120: national share 25, mix 0 (one group), regional shift −5
    assert totals == pytest.approx({"change": 20e8, "national_share": 25e8, "industry_mix": 0, "regional_shift": -5e8})
    page = client_for(city["city_leader"]).get(
        reverse("regions:shift-share", args=[region("500104").pk]),
        {"indicator": "revenue", "start": "2022年1-10月", "end": "2023年1-10月"},
    )
    assert page.status_code == 200 and "-5.00" in page.content.decode() and dadukou.name


# -- the API ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_finds_regions_and_sums_the_districts_like_the_page(two_districts, city, client):
    headers = token_header(city["city_leader"])
    found = client.get("/api/v1/regions/", {"q": "江津"}, **headers).json()["results"]
    assert [r["code"] for r in found] == ["500116"]
    rollup = client.get(f"/api/v1/regions/{region('500000').pk}/rollup/", {"period": "2023年1-10月"}, **headers).json()
    revenue = next(g for g in rollup["groups"] if g["group"] == "生物医药")["indicators"]["revenue"]
    assert (revenue["total"], revenue["yoy_pct"], revenue["missing"]) == (15_000_000_000, 25.0, ["九龙坡区"])
    refused = client.get(f"/api/v1/regions/{region('500000').pk}/rollup/", **token_header(city["jb_stats"]))
    assert refused.status_code == 404


@pytest.mark.django_db
def test_a_record_made_through_the_api_belongs_to_the_callers_region(city, client):
    admin, _password = set_up_account(actor=None, username="jb_admin", role=roles.ADMIN, region=city["jiangbei"])
    made = client.post(
        "/api/v1/clusters/",
        {"name": "江北新材料", "kind": "产业领域"},
        content_type="application/json",
        **token_header(admin),
    )
    assert made.status_code == 201 and made.json()["region"]["code"] == "500105"
    named = client.post(
        "/api/v1/clusters/",
        {"name": "沙坪坝新材料", "kind": "产业领域", "region": "沙坪坝"},
        content_type="application/json",
        **token_header(admin),
    )
    assert named.status_code == 201 and named.json()["region"]["name"] == "沙坪坝区"
