"""The cockpit read as of a month: the 全区 summary, the period selector, charts that never mix
indicators or periods on one axis, and 累计 series drawn per year (issue 17, point 2)."""

import datetime
import json
import re
from decimal import Decimal

from django.urls import reverse

from chanye.lib.periods import Period
from chanye.monitoring import reports, services
from chanye.monitoring.models import Indicator, Observation
from chanye.registry.models import Cluster

from .test_monitoring import upload_and_confirm

HOME = reverse("home")


def json_scripts(html: str, prefix: str) -> list[dict]:
    return [
        json.loads(body)
        for body in re.findall(rf'<script type="application/json" id="{prefix}-[^"]+">(.*?)</script>', html)
    ]


def test_the_cockpit_reads_as_of_the_latest_month_with_data(personas, client_for):
    client = client_for(personas["leader"])
    response = client.get(HOME)
    assert response.context["as_of"] == datetime.date(2023, 12, 31)  # the demo's own date, not today
    html = response.content.decode()
    assert '<option value="2023-12" selected>2023年12月</option>' in html
    # As of its own date, the demo's 2023 figures are current (only 2022's 全年 is out of date).
    views = [v for s in response.context["summaries"] for v in [s["headline"], *s["others"]] if v]
    assert views and not [v for v in views if v.stale and v.observation.period_end.year == 2023]
    later = client.get(HOME, {"month": "2024-06"}).context["summaries"]
    assert all(v.stale for s in later for v in [s["headline"], *s["others"]] if v)  # half a year on, all are


def test_an_earlier_month_shows_the_figures_known_then(personas, client_for):
    client = client_for(personas["leader"])
    november = client.get(HOME, {"month": "2023-11"})
    assert november.context["as_of"] == datetime.date(2023, 11, 30)
    shown = {
        v.observation.period_end for s in november.context["summaries"] for v in [s["headline"], *s["others"]] if v
    }
    assert shown and max(shown) <= datetime.date(2023, 11, 30)
    assert client.get(HOME, {"month": "2023-13"}).status_code == 404


def test_the_district_summary_shows_an_imported_district_figure_and_the_clusters_totals(personas, client_for):
    text = "主体类型,主体,指标,期间,数值,单位,同比\n全区,大渡口区,增加值,2023年前三季度,300,亿元,5.2"
    assert upload_and_confirm(client_for(personas["statistics"]), text).status_code == 302
    html = client_for(personas["leader"]).get(HOME).content.decode()
    own = html.split('id="district-own"')[1].split('id="district-totals"')[0]
    assert "大渡口区全区" in html and "增加值（2023年前三季度）" in own and "300亿元" in own
    totals = html.split('id="district-totals"')[1].split("</div>\n      </div>")[0]
    # 营收 of 2023年1-11月: the clusters that report that period, added up, with how many they are.
    november = Observation.objects.filter(
        subject_kind="cluster", indicator__key="revenue", period_end=datetime.date(2023, 11, 30), period_kind="ytd"
    )
    assert november.exists()
    clusters = Cluster.objects.filter(region__code="500104").count()
    assert f"{november.count()}/{clusters} 个集群合计" in totals and "营业收入（2023年1-11月）" in totals


def test_each_comparison_chart_has_one_indicator_and_one_period(personas, client_for):
    html = client_for(personas["leader"]).get(HOME).content.decode()
    charts = json_scripts(html, "compare")
    assert len(charts) >= 2 and 'id="compare-select"' in html
    titles = [c["title"] for c in charts]
    assert len(set(titles)) == len(titles)
    for chart in charts:
        indicator, rest = chart["title"].split(" · ")
        period = rest.split("（")[0]
        names = [b["name"] for b in chart["bars"]]
        figures = Observation.objects.filter(cluster__name__in=names, indicator__name=indicator, subject_kind="cluster")
        assert {o.period.label for o in figures if o.cluster.name in names} >= {period}
        assert len(names) == len(set(names))  # one bar a cluster: never two periods of one cluster side by side


def test_cumulative_values_are_one_line_per_year_never_joined(personas):
    cluster = Cluster.objects.get(name="新材料")
    revenue = Indicator.objects.get(key="revenue")
    for label, value in [("2022年", 112), ("2024年一季度", 28), ("2024年1-2月", 18)]:
        period = Period.parse(label)
        services.create_observation(
            actor=personas["statistics"],
            data={
                "subject_kind": "cluster",
                "cluster": cluster,
                "indicator": revenue,
                "period_kind": period.kind,
                "period_start": period.start_date,
                "period_end": period.end_date,
                "value": Decimal(value) * 100_000_000,
            },
        )
    observations = list(Observation.objects.filter(cluster=cluster, indicator=revenue))
    series = reports.chart_series(observations, revenue)
    lines = {line["name"]: line["values"] for line in series["cumulative"]}
    assert set(lines) == {"2022年", "2023年", "2024年"}
    assert lines["2022年"][11] == 112 and lines["2024年"][2] == 28 and lines["2024年"][11] is None
    assert series["cumulative_months"][2] == "1-3月"
    monthly = {line["name"]: line["values"] for line in series["monthly"]}
    assert monthly["2024年"][2] == 10  # March = 1-3月 28 − 1-2月 18, computed per year
    assert all(v is None for v in monthly["2024年"][:2])  # 1-2月 are published together: no single month


def test_the_cluster_page_draws_a_cumulative_and_a_single_month_chart(personas, client_for):
    cluster = Cluster.objects.get(name="新材料")
    html = client_for(personas["leader"]).get(reverse("monitoring:cluster-figures", args=[cluster.pk])).content.decode()
    assert 'data-chart="series"' in html
    for series in json_scripts(html, "series"):
        assert all(len(line["values"]) == 12 for line in series["cumulative"])
