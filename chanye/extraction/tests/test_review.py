"""The review flow in the platform: ingest → proposed facts in the queue → accept, edit or reject →
records citing their evidence; conflicts between sources; who may decide what.

The short articles below are test inputs written for these tests (测试日报 does not exist); the
demo's figures they agree or disagree with are real, from the seed articles."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from chanye.archive import services as archive
from chanye.archive.models import Document
from chanye.extraction import services
from chanye.extraction.models import ExtractedFact
from chanye.jobs.models import Job
from chanye.jobs.testing import run_jobs
from chanye.lib.periods import Period
from chanye.monitoring.models import Observation, Target
from chanye.projects.models import SigningEvent
from chanye.registry.models import Cluster, Designation

from ...conftest import seed


def article(title: str, date: str, *paragraphs: str) -> bytes:
    """A page in the newspaper-database layout of seed 000, so that its date is read from the chrome."""
    year, month, day = date.split("-")
    body = "\n\n".join(paragraphs)
    return f"{title}\n\n《 测试日报 》( {year}年{month}月{day}日   第 2 版)\n\n{body}\n".encode()


Q1_MATERIALS = article(
    "新材料产业一季度稳中有进", "2024-04-20", "今年一季度，全区新材料产业实现营收21亿元，同比增长8.5%。"
)


def ingest(actor, name: str, content: bytes) -> Document:
    return archive.ingest_file(actor=actor, filename=name, content=content)


def fact_of(document, **filters) -> ExtractedFact:
    return document.facts.get(**filters)


@pytest.fixture
def seed_000(personas):
    return ingest(personas["admin"], "000.txt", seed("000_bab4f8e620e8fad7.txt").read_bytes())


@pytest.fixture
def seed_002(personas):
    """Seed 002 is an undated page: its date is added as the demo data dates it (late December 2023)."""
    document = ingest(personas["admin"], "002.txt", seed("002_3d946e0c8bd40bb3.txt").read_bytes())
    document = archive.update_document(
        actor=personas["admin"], document=document, data={"date": datetime.date(2023, 12, 25)}
    )
    services.extract_document(actor=personas["admin"], document=document)
    return document


# ─── proposing ──────────────────────────────────────────────────────────────────────────────


def test_ingest_proposes_the_documents_figures_for_review(seed_000):
    facts = seed_000.facts.all()
    assert facts.count() >= 8 and set(facts.values_list("status", flat=True)) == {"pending"}
    project = fact_of(seed_000, kind="project")
    assert (project.subject, project.value) == ("重庆华韶智算中心", Decimal("38000000000"))
    assert "380亿元" in project.evidence
    text = services.document_text(seed_000)
    assert text[project.span_start : project.span_end] == project.evidence


def test_an_undated_document_gives_its_dated_figures_and_the_rest_wait_for_its_date(personas, client_for):
    document = ingest(personas["admin"], "002.txt", seed("002_3d946e0c8bd40bb3.txt").read_bytes())
    assert document.date is None
    # 今年1-10月 needs the publication year: proposed with no period, waiting for the date
    waiting = document.facts.get(kind="metric", cluster__name="大数据智能化", indicator__key="revenue")
    assert waiting.needs_date and waiting.period is None and waiting.value == Decimal("9220000000")
    client = client_for(personas["admin"])
    page = client.get(document.get_absolute_url()).content.decode()
    assert "文档没有发布日期" in page and "待补日期" in page
    refused = client.post(reverse("extraction:fact-accept", args=[waiting.pk]), follow=True)
    assert "请先在文档页补上发布日期" in refused.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "pending"

    edited = client.post(
        reverse("archive:document-update", args=[document.pk]),
        {"title": document.title, "date": "2023-12-25", "source": "", "edition": "", "author": "", "url": ""},
    )
    assert edited.status_code == 302
    # Giving the date queues reading the document again (a worker): the waiting figures come back dated.
    run_jobs()
    job = Job.objects.get(kind="extraction.extract_document", params__document_id=document.pk)
    assert job.state == "succeeded" and job.link.endswith(f"?document={document.pk}")
    assert not document.facts.filter(needs_date=True, period_start=None, status="pending").exists()
    materials = document.facts.get(kind="metric", cluster__name="新材料", indicator__key="revenue")
    # After reading-order repair: 1-11月 of 2023, 59亿元, 6.1%.
    assert (materials.period, materials.value, materials.yoy_pct) == (
        Period.ytd(2023, 11),
        Decimal("5900000000"),
        Decimal("6.1"),
    )


def test_extracting_again_never_duplicates_a_fact(seed_000, personas):
    before = seed_000.facts.count()
    project = fact_of(seed_000, kind="project")
    services.accept_fact(actor=personas["admin"], fact=project)
    again = services.extract_document(actor=personas["admin"], document=seed_000)
    assert again["new"] == 0 and seed_000.facts.count() == before
    assert fact_of(seed_000, kind="project").status == "accepted"


def test_a_failing_rule_never_loses_the_document(personas, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(services, "extract", broken)
    document = ingest(personas["admin"], "q1.txt", Q1_MATERIALS)
    assert Document.objects.filter(pk=document.pk).exists() and not document.facts.exists()


# ─── accepting ──────────────────────────────────────────────────────────────────────────────


def test_end_to_end_ingest_queue_accept_and_the_cockpit_shows_the_figure_with_its_source(personas, client_for):
    materials_office = client_for(personas["other_office"])  # the office that owns 新材料
    uploaded = materials_office.post(reverse("archive:upload"), {"files": [_file("q1.txt", Q1_MATERIALS)]}, follow=True)
    assert uploaded.status_code == 200
    run_jobs()  # the worker ingests the upload
    document = Document.objects.get(title="新材料产业一季度稳中有进")
    queue = materials_office.get(reverse("extraction:fact-list")).content.decode()
    fact = fact_of(document, kind="metric", indicator__key="revenue")
    assert f'id="fact-{fact.pk}"' in queue and "21亿元" in queue
    materials_office.post(reverse("extraction:fact-accept", args=[fact.pk]))
    fact.refresh_from_db()
    observation = fact.record
    assert fact.status == "accepted" and isinstance(observation, Observation)
    assert (observation.cluster.name, observation.value, observation.yoy_pct, observation.period.label) == (
        "新材料",
        Decimal("2100000000"),
        Decimal("8.5"),
        "2024年一季度",
    )
    assert observation.citation.quote == fact.evidence and observation.citation.source.title == document.title
    cockpit = client_for(personas["leader"]).get(reverse("home")).content.decode()
    assert "21亿元" in cockpit and f"来源：《{document.title}》" in cockpit
    detail = client_for(personas["leader"]).get(observation.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in detail  # 查看原文


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_accepting_a_figure_already_recorded_links_to_it_and_creates_nothing(seed_002, personas):
    fact = fact_of(seed_002, kind="metric", cluster__name="新材料", indicator__key="revenue")
    count = Observation.objects.count()
    services.accept_fact(actor=personas["statistics"], fact=fact)
    fact.refresh_from_db()
    assert Observation.objects.count() == count
    assert fact.record.citation.source.key == "wcy-5plus2-202312"  # the demo's record of the same figure


def test_edit_then_accept(seed_000, personas, client_for):
    fact = fact_of(seed_000, kind="project")
    response = client_for(personas["investment"]).post(
        fact.get_absolute_url(),
        {"subject": "华韶智算中心（一期）", "value": "2000000000", "qualifier": "", "period": ""},
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.status == "accepted" and (fact.record.name, fact.record.planned_investment) == (
        "华韶智算中心（一期）",
        Decimal("2000000000.00"),
    )


@pytest.mark.parametrize("period, message", [("2024年13月", "月份应在1-12之间"), ("2024年3-5月", "不是规范的统计期")])
def test_an_edit_with_a_bad_period_is_refused_and_nothing_is_accepted(personas, client_for, period, message):
    document = ingest(personas["admin"], "q1.txt", Q1_MATERIALS)
    fact = fact_of(document, kind="metric", indicator__key="revenue")
    response = client_for(personas["other_office"]).post(
        fact.get_absolute_url(),
        {
            "subject": fact.subject,
            "cluster": fact.cluster_id,
            "indicator": fact.indicator_id,
            "value": "2100000000",
            "period": period,
        },
    )
    assert response.status_code == 400 and message in response.content.decode()
    fact.refresh_from_db()
    assert fact.status == "pending"


def test_a_fact_without_a_registered_subject_cannot_be_accepted_as_is(personas, client_for):
    text = article("区外简讯", "2024-04-20", "今年一季度，重庆某某科技有限公司实现产值3亿元。")
    document = ingest(personas["admin"], "other.txt", text)
    fact = document.facts.filter(kind="metric").first()
    assert fact is not None and fact.cluster is None and not fact.is_district
    response = client_for(personas["statistics"]).post(reverse("extraction:fact-accept", args=[fact.pk]), follow=True)
    assert "不是已登记的" in response.content.decode()
    fact.refresh_from_db()
    assert fact.status == "pending"


def test_reject(seed_000, personas, client_for):
    fact = fact_of(seed_000, kind="project")
    client_for(personas["investment"]).post(reverse("extraction:fact-reject", args=[fact.pk]), {"note": "已在台账中"})
    fact.refresh_from_db()
    assert (fact.status, fact.decision_note, fact.decided_by) == ("rejected", "已在台账中", personas["investment"])
    again = client_for(personas["investment"]).post(reverse("extraction:fact-accept", args=[fact.pk]), follow=True)
    assert "已驳回" in again.content.decode()


def test_accepting_a_signing_creates_the_event_with_its_announcement(seed_002, personas):
    fact = fact_of(seed_002, kind="signing")
    services.accept_fact(actor=personas["investment"], fact=fact)
    event = SigningEvent.objects.get(name=fact.extra["event"])
    assert (event.announced_projects, event.announced_investment) == (23, Decimal("10700000000"))
    assert event.citations.filter(source__title=seed_002.title).exists()


def test_bulk_accept_takes_only_high_confidence_facts_the_user_may_decide(seed_002, personas, client_for):
    client_for(personas["statistics"]).post(reverse("extraction:bulk-accept"), {"document": seed_002.pk})
    accepted = seed_002.facts.filter(status="accepted")
    assert accepted.exists()
    assert set(accepted.values_list("kind", flat=True)) <= {"metric", "target"}  # 统计 decides figures only
    assert all(f.confidence >= 0.8 for f in accepted)
    assert seed_002.facts.filter(status="pending", confidence__lt=0.8, kind="metric").exists()


def test_bulk_accept_refuses_a_lower_threshold(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.bulk_accept(actor=personas["admin"], facts=ExtractedFact.objects.all(), threshold=0.5)


# ─── permissions ────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "persona, kind, allowed",
    [
        ("leader", "project", False),
        ("statistics", "project", False),
        ("investment", "project", True),
        ("investment", "listing", False),
        ("admin", "listing", True),
        # 国际复材 is a 新材料 enterprise: its office decides, the 大数据智能化 office does not.
        ("other_office", "listing", True),
        ("office", "listing", False),
    ],
)
def test_who_may_decide_which_kind(seed_000, personas, client_for, persona, kind, allowed):
    fact = fact_of(seed_000, kind=kind)
    response = client_for(personas[persona]).post(reverse("extraction:fact-reject", args=[fact.pk]))
    fact.refresh_from_db()
    assert (response.status_code, fact.status) == ((302, "rejected") if allowed else (403, "pending"))


def test_an_office_cannot_accept_a_figure_of_another_offices_cluster(personas, client_for):
    document = ingest(personas["admin"], "q1.txt", Q1_MATERIALS)
    fact = fact_of(document, kind="metric", indicator__key="revenue")
    response = client_for(personas["office"]).post(reverse("extraction:fact-accept", args=[fact.pk]), follow=True)
    assert "权限" in response.content.decode() or "管理范围" in response.content.decode()
    fact.refresh_from_db()
    assert fact.status == "pending" and not Observation.objects.filter(value=Decimal("2100000000")).exists()


# ─── conflicts ──────────────────────────────────────────────────────────────────────────────

SIXTY = article("新材料产业数据", "2023-12-20", "今年1-11月，全区新材料产业实现营收60亿元，同比增长6.1%。")


def test_a_figure_that_disagrees_with_the_record_waits_for_a_decision(personas, client_for):
    document = ingest(personas["admin"], "sixty.txt", SIXTY)
    fact = fact_of(document, kind="metric", indicator__key="revenue")
    client = client_for(personas["statistics"])
    response = client.post(reverse("extraction:fact-accept", args=[fact.pk]), follow=True)
    assert response.request["PATH_INFO"] == reverse("extraction:conflicts")
    page = response.content.decode()
    assert "数字不一致" in page and "60亿元" in page and "59亿元" in page and "新材料产业数据" in page
    fact.refresh_from_db()
    assert fact.status == "pending"


def test_deciding_for_the_new_source_replaces_the_recorded_figure(personas, client_for):
    document = ingest(personas["admin"], "sixty.txt", SIXTY)
    fact = fact_of(document, kind="metric", indicator__key="revenue")
    client = client_for(personas["statistics"])
    key = f"value-{fact.pk}"
    client.post(reverse("extraction:conflict-decide", args=[key]), {"choice": f"fact:{fact.pk}"})
    fact.refresh_from_db()
    assert fact.status == "accepted"
    assert (fact.record.value, fact.record.citation.source.title) == (Decimal("6000000000"), "新材料产业数据")
    assert (
        Observation.objects.filter(
            cluster__name="新材料", indicator__key="revenue", period_end=datetime.date(2023, 11, 30)
        ).count()
        == 1
    )
    assert "没有待裁决的冲突" in client.get(reverse("extraction:conflicts")).content.decode()


def test_deciding_to_keep_the_record_rejects_the_new_figure(personas, client_for):
    document = ingest(personas["admin"], "sixty.txt", SIXTY)
    fact = fact_of(document, kind="metric", indicator__key="revenue")
    client_for(personas["statistics"]).post(
        reverse("extraction:conflict-decide", args=[f"value-{fact.pk}"]), {"choice": "keep"}
    )
    fact.refresh_from_db()
    recorded = Observation.objects.get(
        cluster__name="新材料", indicator__key="revenue", period_end=datetime.date(2023, 11, 30)
    )
    assert fact.status == "rejected" and "保留" in fact.decision_note and recorded.value == Decimal("5900000000")


def test_two_new_sources_that_disagree_are_a_conflict(personas, client_for):
    a = ingest(personas["admin"], "a.txt", article("甲报", "2024-04-20", "今年一季度，全区新材料产业实现营收21亿元。"))
    b = ingest(personas["admin"], "b.txt", article("乙报", "2024-04-21", "今年一季度，全区新材料产业实现营收23亿元。"))
    page = client_for(personas["statistics"]).get(reverse("extraction:conflicts")).content.decode()
    assert "甲报" in page and "乙报" in page and "21亿元" in page and "23亿元" in page
    assert a.facts.exists() and b.facts.exists()


def test_the_same_title_under_two_names_asks_which_is_right(seed_002, personas, client_for):
    fact = fact_of(seed_002, kind="designation", subject="生物医药工程")
    client = client_for(personas["admin"])
    page = client.get(reverse("extraction:conflicts")).content.decode()
    assert "名称不一致" in page and "生物医药工程" in page and "生物医学工程" in page
    designations = Designation.objects.count()
    client.post(reverse("extraction:conflict-decide", args=[f"name-{fact.pk}"]), {"choice": "same:0"})
    fact.refresh_from_db()
    assert fact.status == "accepted" and fact.record.holder == "生物医学工程"
    assert Designation.objects.count() == designations
    assert fact.record.citations.filter(source__title=seed_002.title).exists()


def test_a_decision_without_a_choice_changes_nothing(seed_002, personas, client_for):
    fact = fact_of(seed_002, kind="designation", subject="生物医药工程")
    response = client_for(personas["admin"]).post(
        reverse("extraction:conflict-decide", args=[f"name-{fact.pk}"]), follow=True
    )
    assert "请选择" in response.content.decode()
    fact.refresh_from_db()
    assert fact.status == "pending"


def test_the_document_page_lists_its_figures(seed_000, personas, client_for):
    page = client_for(personas["leader"]).get(seed_000.get_absolute_url()).content.decode()
    assert 'id="figures"' in page and "重庆华韶智算中心" in page


def test_targets_are_accepted_with_their_year(personas):
    document = ingest(
        personas["admin"], "t.txt", article("目标", "2024-04-20", "预计到2027年，全区新材料产业营收将突破150亿元。")
    )
    fact = fact_of(document, kind="target")
    services.accept_fact(actor=personas["other_office"], fact=fact)
    target = Target.objects.get(cluster=Cluster.objects.get(name="新材料"), year=2027)
    assert (target.value, target.qualifier) == (Decimal("15000000000"), "超")


def test_the_api_lists_facts_and_decides_through_the_same_rules(seed_000, personas, client):
    from chanye.conftest import token_header

    listed = client.get(
        "/api/v1/facts/", {"document": seed_000.pk, "kind": "project"}, **token_header(personas["leader"])
    )
    assert listed.status_code == 200 and listed.json()["results"][0]["subject"] == "重庆华韶智算中心"
    fact = fact_of(seed_000, kind="project")
    refused = client.post(f"/api/v1/facts/{fact.pk}/accept/", **token_header(personas["leader"]))
    assert refused.status_code == 403
    accepted = client.post(f"/api/v1/facts/{fact.pk}/accept/", **token_header(personas["investment"]))
    assert accepted.status_code == 200 and accepted.json()["record"]["type"] == "project"
    assert client.get("/api/v1/facts/").status_code == 401


def test_the_ingest_command_reports_the_facts_waiting_for_review(personas, tmp_path):
    import io

    from django.core.management import call_command

    (tmp_path / "q1.txt").write_bytes(Q1_MATERIALS)
    (tmp_path / "undated.txt").write_text(
        "没有日期的简讯\n\n今年一季度，全区新材料产业实现营收21亿元。", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    assert "抽取数字 1 条待审核\n" in report and "抽取数字 1 条待审核（1 条待补发布日期）" in report
