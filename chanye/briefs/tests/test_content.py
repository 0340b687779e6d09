"""What the brief computes beyond the articles' figures: the year's target against the year-to-date figure,
the month's pipeline with signings counted once, appeals by office at the month's end, new designations,
growth rates that disagree, and a month without any figure, which says so in every format."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from chanye.accounts.models import Office
from chanye.briefs import content, render, style
from chanye.briefs.content import plain
from chanye.lib.periods import Period
from chanye.monitoring.models import Indicator, Observation, Target
from chanye.projects import services as projects
from chanye.projects.models import FundsInPlace, Signing, SigningEvent
from chanye.registry.models import Cluster, Designation, Enterprise
from chanye.visits.models import Appeal

from .conftest import compact, docx_text, pdf_text

NOVEMBER = content.parse_month("2023-11")
YI = Decimal(100_000_000)


def brief(user=None, month=NOVEMBER):
    return content.build(month, None, user)


def section(b, name):
    return next(s for s in b.sections if s.cluster.name == name)


def test_chinese_number_style():
    assert style.amount(Decimal("9220000000"), "元") == "92.2亿元"
    assert style.amount(Decimal("5900000000"), "元") == "59.0亿元"
    assert style.amount(Decimal("20000000"), "元") == "2000.0万元"
    assert style.amount(Decimal("450"), "家", "多") == "450多家"
    assert style.amount(Decimal("20000"), "家", "多") == "2万多家"
    assert style.amount(Decimal("1000000000"), "元", "多") == "10.0多亿元"
    assert style.amount(None, "元") == "暂无数据"
    assert style.target_amount(Decimal("20000000000"), "元", "超") == "突破200.0亿元"
    assert style.growth(Decimal("1.89")) == "同比增长1.9%"
    assert style.growth(Decimal("-3.04")) == "同比下降3.0%"
    assert style.growth(Decimal("0.01")) == "与上年同期持平"
    assert style.growth(None) == "同比暂无数据"
    assert style.signed_percent(Decimal("106")) == "+106.0"
    assert [style.chinese_ordinal(n) for n in (1, 7, 10, 12, 23)] == ["一", "七", "十", "十二", "二十三"]


def test_the_month_and_the_day_the_brief_is_due():
    assert content.parse_month("2023-11") == content.parse_month("2023年11月") == Period.month(2023, 11)
    with pytest.raises(Exception, match="不是一个月份"):
        content.parse_month("2023年1-11月")
    # December 2023: the 1st is a Friday, the 5th working day is Thursday the 7th.
    assert content.issue_date(NOVEMBER) == datetime.date(2023, 12, 7)
    # October 2023: 1-6 are the National Day holiday, and Saturday 7 and Sunday 8 are worked (调休).
    assert content.issue_date(Period.month(2023, 9)) == datetime.date(2023, 10, 11)
    assert content.is_brief_day(datetime.date(2023, 12, 7)) and not content.is_brief_day(datetime.date(2023, 12, 6))


def test_a_target_of_the_year_is_compared_with_the_year_to_date_figure(demo):
    materials = Cluster.objects.get(name="新材料")
    Target.objects.create(
        subject_kind="cluster",
        cluster=materials,
        indicator=Indicator.objects.get(key="revenue"),
        year=2023,
        value=65 * YI,
    )
    text = plain(section(brief(), "新材料").paragraph)
    # 59亿 of 65亿 is 90.8% after eleven months of twelve (91.7%).
    assert "2023年度目标：营业收入65.0亿元" in text and "1-11月完成90.8%（时间进度91.7%）" in text


def test_stated_and_computed_growth_that_disagree_are_flagged(demo):
    materials = Cluster.objects.get(name="新材料")
    period = Period.ytd(2022, 11)
    Observation.objects.create(
        subject_kind="cluster",
        cluster=materials,
        indicator=Indicator.objects.get(key="revenue"),
        period_start=period.start_date,
        period_end=period.end_date,
        period_kind=period.kind,
        value=50 * YI,
    )
    b = brief()
    figure = section(b, "新材料").figures["revenue"]
    assert (figure.stated_yoy, figure.computed_yoy) == (Decimal("6.1"), Decimal("18.00"))
    assert ("新材料", "revenue") in {(c.name, f.indicator.key) for c, f in b.quality.growth}
    assert "同比增长6.1%" in plain(section(b, "新材料").paragraph)  # the stated rate leads; both are in 数据质量


def test_the_pipeline_of_the_month_counts_a_project_once(demo):
    materials = Cluster.objects.get(name="新材料")
    on = datetime.date(2023, 11, 10)
    first = SigningEvent.objects.create(name="十月集中签约", date=datetime.date(2023, 10, 20), announced_projects=1)
    event = SigningEvent.objects.create(
        name="十一月集中签约", date=on, announced_projects=3, announced_investment=30 * YI, announced_basis="合同投资额"
    )
    # In talks since September: a stage date may not precede the stage the project was entered at.
    talks = {"stage": "在谈", "stage_on": datetime.date(2023, 9, 1)}
    again = projects.create_project(actor=None, data={"name": "玻纤扩产项目", "cluster": materials}, **talks)
    new = projects.create_project(actor=None, data={"name": "复合材料新项目", "cluster": materials}, **talks)
    projects.create_signing(actor=None, data={"event": first, "project": again, "contract_investment": 4 * YI})
    projects.create_signing(actor=None, data={"event": event, "project": again, "contract_investment": 6 * YI})
    projects.create_signing(actor=None, data={"event": event, "project": new, "contract_investment": 10 * YI})
    FundsInPlace.objects.create(project=new, on=datetime.date(2023, 11, 20), amount=2 * YI)
    FundsInPlace.objects.create(project=again, on=datetime.date(2023, 12, 5), amount=1 * YI)  # after November
    p = brief().pipeline
    assert [project.name for project, _note in p.signed] == ["复合材料新项目"]  # 玻纤扩产 signed first in October
    assert p.signed_contract == 10 * YI
    ((totals, _note),) = p.events
    # At the November event: the new project whole, the project signed in October only by its increase.
    assert (totals.counted_projects, totals.counted_investment, totals.missing_projects) == (1, 12 * YI, 1)
    assert {(c.project.name, c.to_stage) for c in p.changes} == {("复合材料新项目", "签约")}
    row = next(r for r in p.clusters if r.name == "新材料")
    assert (row.signed_projects, row.contract, row.funds, row.funds_in_month) == (2, 16 * YI, 2 * YI, 2 * YI)
    assert row.ratio_pct == Decimal("12.5")
    assert Signing.objects.count() == 3


def test_appeals_by_office_at_the_end_of_the_month(demo):
    office = Office.objects.get(name="大数据智能化产业发展办公室")
    other = Cluster.objects.get(name="新材料").office
    firm = Enterprise.objects.first()

    def appeal(office, received, closed=None):
        closed_at = None
        if closed:
            closed_at = timezone.make_aware(datetime.datetime.combine(closed, datetime.time(10)))
        return Appeal.objects.create(
            enterprise=firm,
            office=office,
            category="用地",
            description="用地指标",
            received_on=received,
            status="已办结" if closed else "受理",
            satisfaction="满意" if closed else "",
            responded_at=closed_at,
            assessed_at=closed_at,
            closed_at=closed_at,
        )

    appeal(office, datetime.date(2023, 11, 6), closed=datetime.date(2023, 11, 8))
    appeal(office, datetime.date(2023, 11, 30))  # open, first answer due on 1 December: not yet overdue
    appeal(office, datetime.date(2023, 10, 30))  # open and overdue at the end of November
    appeal(other, datetime.date(2023, 11, 2), closed=datetime.date(2023, 12, 4))  # closed only in December
    a = brief().appeals
    rows = {r.office: r for r in a.offices}
    assert (rows[office.name].received, rows[office.name].closed, rows[office.name].open_at_end) == (2, 1, 2)
    assert rows[office.name].overdue_at_end == 1
    assert (rows[other.name].received, rows[other.name].closed, rows[other.name].open_at_end) == (1, 0, 1)
    assert rows[other.name].overdue_at_end == 1  # unanswered past its deadlines on 30 November
    assert (a.total.received, a.total.closed, a.total.open_at_end, a.total.overdue_at_end) == (3, 1, 3, 2)


def test_designations_dated_in_the_month_are_new(demo):
    Designation.objects.create(
        holder="中元汇吉",
        holder_kind="enterprise",
        title="国家级专精特新“小巨人”企业",
        level="国家",
        year=2023,
        date=datetime.date(2023, 11, 15),
    )
    d = brief().designations
    assert [item.title for item, _note in d.new] == ["国家级专精特新“小巨人”企业"]
    assert len(d.undated) >= 5 and all(item.date is None and item.year == 2023 for item, _note in d.undated)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_a_month_without_figures_says_so(demo, fmt):
    b = brief(month=content.parse_month("2021-03"))
    assert not b.has_figures
    assert "各集群均暂无数据" in plain(b.summary)
    assert all("本年暂无" in plain(s.paragraph) for s in b.sections)
    rendered = render.render(b, fmt)
    assert rendered.filename == "大渡口区产业集群经济运行月报-2021-03." + fmt
    if fmt == "docx":
        text = docx_text(rendered.content)
    elif fmt == "pdf":
        text = compact(pdf_text(rendered.content))
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(rendered.content))
        text = "\n".join(str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "各集群均暂无数据" in text and "暂无数据" in text
    assert "92.2" not in text
