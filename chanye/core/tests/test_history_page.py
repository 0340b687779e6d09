"""The history pages as a district official reads them: Chinese field labels, related rows by name, local
time, large technical values summarised with the whole value one click away, 50 entries a page, filters."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from chanye.accounts.models import Office
from chanye.archive import services as archive
from chanye.archive.models import Document
from chanye.core import audit
from chanye.core.models import AuditEntry
from chanye.monitoring.models import Observation
from chanye.registry import services
from chanye.registry.models import Cluster

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def history(client, **filters) -> str:
    return client.get(reverse("audit:site"), filters).content.decode()


def text_of(html: str) -> str:
    """The words of the page's table of entries, without tags, runs of white space as one space."""
    table = html[html.index('<table class="table card-table') :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


@pytest.fixture
def note(db, personas):
    return archive.ingest_file(
        actor=personas["admin"],
        filename="note.txt",
        content="大渡口区新材料产业简报。\n\n全区新材料产业稳步增长。".encode(),
    )


def test_a_change_reads_as_chinese_label_old_to_new_with_related_rows_by_name(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    old_office, new_office = cluster.office, Office.objects.exclude(pk=cluster.office_id).first()
    services.update_cluster(
        actor=personas["admin"], cluster=cluster, data={"description": "新的简介", "office": new_office}
    )
    page = text_of(history(client_for(personas["leader"]), action="update"))
    assert f"牵头产业办 {old_office.name} → {new_office.name}" in page
    assert "简介" in page and "新的简介" in page
    # Neither the attribute names nor the ids of the related rows are shown.
    assert not re.search(r"\b(office|description)\b", page)


def test_a_subject_key_and_a_deciding_user_are_shown_by_name(personas, client_for):
    observation = Observation.objects.filter(subject_kind="cluster").select_related("cluster").first()
    audit.record(
        actor=personas["statistics"], action="create", obj=observation, before=None, after=audit.snapshot(observation)
    )
    entry = AuditEntry.objects.latest("pk")
    entry.after["entered_by"] = personas["statistics"].pk
    entry.save()
    personas["statistics"].first_name, personas["statistics"].last_name = "统", "计员"
    personas["statistics"].save()
    page = text_of(history(client_for(personas["admin"]), content_type=entry.content_type_id))
    assert f"主体 {observation.cluster.name}" in page
    assert "计员 统（statistics）" in page or "统 计员（statistics）" in page
    assert f"cluster:{observation.cluster_id}" not in page and "subject_key" not in page


def test_reading_order_joins_are_summarised_and_the_whole_value_is_behind_details(personas, client_for, note):
    before = audit.snapshot(note)
    after = {**before, "joins": [[index, index + 1, 12, 40] for index in range(8)]}
    audit.record(actor=personas["admin"], action="update", obj=note, before=before, after=after)
    html = history(client_for(personas["admin"]), action="update")
    assert "段落拼接" in html and "8 处断段修复" in html
    details = re.search(r"<details class=\"audit-full\"><summary>8 处断段修复</summary><pre>(.*?)</pre>", html, re.S)
    assert details and "[" in details.group(1) and details.group(1).count("12") == 8


def test_a_new_document_does_not_dump_its_similarity_sketch(personas, client_for, note):
    """The create entry of a document holds its min-hash sketch (integers of up to 20 digits): the page
    names it and its size, and the integers stay folded away until asked for."""
    entry = AuditEntry.objects.for_object(note).get(action="create")
    a_hash = str(entry.after["sketch"]["min"][0])
    html = history(client_for(personas["admin"]), content_type=entry.content_type_id)
    folded = re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)
    assert a_hash in html and a_hash not in folded
    assert "相似度草图" in folded and "2 项" in folded


def test_times_are_local_to_the_site(personas, client_for, note):
    moment = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.UTC)
    before = audit.snapshot(note)
    after = {**before, "ingested_at": str(moment)}
    audit.record(actor=personas["admin"], action="update", obj=note, before=before, after=after)
    AuditEntry.objects.filter(pk=AuditEntry.objects.latest("pk").pk).update(time=moment)
    page = text_of(history(client_for(personas["admin"]), action="update"))
    # 00:30 UTC is 08:30 in Chongqing: the entry's time and the value it recorded both read so.
    assert page.count("2026-01-01 08:30") == 2 and "00:30" not in page


def test_fifty_entries_a_page_and_the_filters_narrow_them(personas, client_for, note):
    cluster = Cluster.objects.get(name="大数据智能化")
    for number in range(60):
        services.update_cluster(actor=personas["office"], cluster=cluster, data={"order": number + 100})
    client = client_for(personas["admin"])
    first = client.get(reverse("audit:site"), {"actor": personas["office"].pk})
    assert len(first.context["object_list"]) == 50 and first.context["page_obj"].paginator.num_pages == 2
    second = client.get(reverse("audit:site"), {"actor": personas["office"].pk, "page": 2})
    assert len(second.context["object_list"]) == 10
    documents = ContentType.objects.get_for_model(Document).pk
    only_documents = client.get(reverse("audit:site"), {"content_type": documents})
    assert {entry.content_type_id for entry in only_documents.context["object_list"]} == {documents}
    today = datetime.datetime.now(SHANGHAI).date()
    later = client.get(reverse("audit:site"), {"since": str(today + datetime.timedelta(days=1))})
    assert list(later.context["object_list"]) == []
    # The kinds of object are offered by their Chinese names, and every filter starts from 全部.
    form = history(client)
    assert ">产业集群<" in form and ">文档<" in form
    assert "---------" not in form


def test_the_object_history_page_reads_the_same_way(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    services.update_cluster(actor=personas["office"], cluster=cluster, data={"description": "对象历史"})
    page = text_of(
        client_for(personas["leader"]).get(reverse("registry:cluster-history", args=[cluster.pk])).content.decode()
    )
    assert "简介" in page and "对象历史" in page and "description" not in page


def test_an_account_s_changes_read_in_chinese_too(personas, client_for):
    from chanye.accounts import services as accounts

    accounts.update_account(
        actor=personas["admin"], user=personas["statistics"], full_name="王五", role="统计", offices=[], region=None
    )
    accounts.reset_password(actor=personas["admin"], user=personas["statistics"])
    page = text_of(history(client_for(personas["admin"]), actor=personas["admin"].pk))
    assert "姓名 （空） → 王五" in page and "密码 已重置" in page
    assert not re.search(r"\b(full_name|password|roles)\b", page)
