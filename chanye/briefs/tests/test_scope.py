"""A user generates briefs only of the regions and records they may read: in a city instance a district's
产业办 has its own district's brief, not another district's nor the city's; nobody has a peer region's
brief; an office's brief counts only its own appeals. Refused on the page, in the service and on the
command line, and nothing is written."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from chanye.briefs import content, services
from chanye.briefs.content import BriefRefused, plain
from chanye.briefs.models import GeneratedBrief
from chanye.core.models import AuditEntry, Profile, Region
from chanye.core.testing import Ledger
from chanye.lib.periods import Period
from chanye.monitoring.models import Indicator, Observation
from chanye.registry.models import Cluster, Enterprise
from chanye.visits.models import Appeal

NOVEMBER = content.parse_month("2023-11")


@pytest.fixture
def city(settings, personas):
    """The instance serves 重庆市; 江津区 has a cluster with a figure; `office` works for 大渡口区."""
    settings.CHANYE_REGION = "500000"
    jiangjin = Region.objects.get(code="500116")
    cluster = Cluster.objects.create(name="江津·食品", kind="产业领域", region=jiangjin)
    period = Period.ytd(2023, 11)
    Observation.objects.create(
        subject_kind="cluster",
        cluster=cluster,
        indicator=Indicator.objects.get(key="revenue"),
        period_start=period.start_date,
        period_end=period.end_date,
        period_kind=period.kind,
        value=Decimal("3330000000"),
    )
    Profile.objects.create(user=personas["office"], region=Region.objects.get(code="500104"))
    return {
        "city": Region.objects.get(code="500000"),
        "jiangjin": jiangjin,
        "dadukou": Region.objects.get(code="500104"),
    }


def names(brief) -> set[str]:
    return {s.cluster.name for s in brief.sections}


def test_a_city_account_reads_every_district(city, personas):
    brief = content.build(NOVEMBER, city["city"], personas["admin"])
    assert {"江津·食品", "新材料"} <= names(brief)
    assert "33.3亿元" in plain(next(s for s in brief.sections if s.cluster.name == "江津·食品").paragraph)


def test_a_district_office_has_its_own_district_only(city, personas):
    office = personas["office"]
    assert "江津·食品" not in names(content.build(NOVEMBER, None, office))  # its own district by default
    for region in (city["jiangjin"], city["city"], "江津区", "500000"):
        with pytest.raises(BriefRefused, match="您负责的区域是“大渡口区”"):
            content.build(NOVEMBER, region, office)
        ledger = Ledger(GeneratedBrief)
        with pytest.raises(BriefRefused):
            services.request_brief(actor=office, month=NOVEMBER, region=region)
        ledger.assert_nothing_written()


def test_the_pages_refuse_another_district(city, personas, client_for):
    client = client_for(personas["office"])
    ledger = Ledger(GeneratedBrief)
    response = client.post(
        reverse("briefs:brief-create"), {"period": "2023-11", "region": city["jiangjin"].pk, "format": "pdf"}
    )
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    ledger.assert_nothing_written()
    preview = client.get(reverse("briefs:preview"), {"period": "2023-11", "region": city["jiangjin"].pk})
    assert preview.status_code == 400 and "江津·食品" not in preview.content.decode()
    choices = client.get(reverse("briefs:brief-list")).content.decode()
    assert "大渡口区" in choices and "江津区" not in choices
    own = client.get(reverse("briefs:preview"), {"period": "2023-11", "region": city["dadukou"].pk})
    assert own.status_code == 200 and "江津·食品" not in own.content.decode()


def test_a_peer_region_has_no_brief(personas):
    # The instance is 大渡口区: 江津区 is a peer's (对标), read beside ours, never reported as ours.
    with pytest.raises(BriefRefused, match="不是本平台所辖区域"):
        content.build(NOVEMBER, "江津区", personas["admin"])
    with pytest.raises(BriefRefused, match="不是本平台所辖区域"):
        content.build(NOVEMBER, "江津区", None)


def test_an_account_without_a_role_is_refused(personas, client_for):
    with pytest.raises(BriefRefused):
        content.build(NOVEMBER, None, personas["norole"])
    client = client_for(personas["norole"])
    entries = AuditEntry.objects.count()
    assert client.get(reverse("briefs:preview"), {"period": "2023-11"}).status_code == 403
    assert client.post(reverse("briefs:brief-create"), {"period": "2023-11", "format": "pdf"}).status_code == 403
    assert AuditEntry.objects.count() == entries and not GeneratedBrief.objects.exists()


def test_an_offices_brief_counts_only_its_own_appeals(personas):
    office = Cluster.objects.get(name="大数据智能化").office
    other = Cluster.objects.get(name="新材料").office
    firm = Enterprise.objects.first()
    for owner in (office, other, other):
        Appeal.objects.create(
            enterprise=firm, office=owner, category="融资", description="贷款", received_on=datetime.date(2023, 11, 30)
        )
    mine = content.build(NOVEMBER, None, personas["office"]).appeals
    assert (mine.total.received, mine.partial, [r.office for r in mine.offices]) == (1, True, [office.name])
    everyone = content.build(NOVEMBER, None, personas["leader"]).appeals
    assert (everyone.total.received, everyone.partial) == (3, False)


def test_the_command_line_refuses_what_the_user_may_not_read(city, personas, tmp_path):
    out = tmp_path / "brief.xlsx"
    with pytest.raises(CommandError, match="不能生成“江津区”的月报"):
        call_command("report", "brief", "--period", "2023-11", "--region", "江津区", "--user", "office", "-o", str(out))
    with pytest.raises(CommandError, match="尚未分配角色"):
        call_command("report", "brief", "--period", "2023-11", "--user", "norole", "-o", str(out))
    assert not out.exists()
