"""The archive through the platform: ingesting the seeds, exact search, duplicates, permissions."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.authtoken.models import Token

from chanye.archive import search, services
from chanye.archive.models import Document, IngestRun, NearDuplicate, Paragraph
from chanye.conftest import run_chanye, seed_files
from chanye.core.models import AuditEntry
from chanye.jobs.testing import run_jobs


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.CHANYE_ARCHIVE_DIR = tmp_path / "archive"
    settings.DATA_DIR = tmp_path
    return settings.CHANYE_ARCHIVE_DIR


@pytest.fixture
def seeds(db, archive_dir):
    return [services.ingest_file(actor=None, filename=p.name, content=p.read_bytes()) for p in seed_files()]


def full_text(document) -> str:
    return "\n".join(document.paragraphs.values_list("text", flat=True))


def test_ingesting_the_seeds_gives_clean_text_without_page_chrome(seeds):
    rmrb = next(d for d in seeds if d.source == "人民日报")
    text = full_text(rmrb)
    for chrome in ["返回目录", "放大缩小", "上一篇", "版权声明", "RMRB10658000", "微信小程序", "人民日报图文数据库"]:
        assert chrome not in text, chrome
    assert rmrb.date.isoformat() == "2024-01-23" and "13" in rmrb.edition
    assert "中元汇吉是重庆市体外诊断产业链链主企业" in text


def test_seed_002s_broken_paragraphs_are_rejoined_and_reported(seeds):
    paper = next(d for d in seeds if d.source != "人民日报")
    text = full_text(paper)
    assert "今年1-11月，全区新材料产业全年实现营收59亿元" in text
    assert len(paper.joins) >= 8
    assert all(join["reason"] for join in paper.joins)


def test_the_two_seed_reports_are_linked_as_near_duplicates(seeds):
    assert NearDuplicate.objects.count() == 1


def test_the_original_file_is_kept_by_its_fingerprint(seeds, archive_dir):
    document = seeds[0]
    assert services.original_path(document).read_bytes() == seed_files()[0].read_bytes()


def test_the_same_file_or_the_same_text_is_refused(seeds):
    with pytest.raises(services.Duplicate, match="同一个文件"):
        services.ingest_file(actor=None, filename="again.txt", content=seed_files()[0].read_bytes())
    reformatted = seed_files()[0].read_text(encoding="utf-8").replace("\n\n", "\n\n\n").encode("gb18030")
    with pytest.raises(services.Duplicate, match="正文与已入库"):
        services.ingest_file(actor=None, filename="gbk.txt", content=reformatted)
    assert Document.objects.count() == 2


def brute_force(query: str) -> int:
    from chanye.archive.engine.normalize import search_form

    form = search_form(query)
    return sum(form in search_form(text) for text in Paragraph.objects.values_list("text", flat=True))


@pytest.mark.parametrize("query", ["小面", "链主", "营收", "体外诊断", "大渡口", "面", "玻璃纤维", "1-10月", "百亿级"])
def test_search_finds_every_paragraph_that_contains_the_phrase_and_nothing_else(seeds, query):
    result = search.find(query, limit=1000)
    assert result.total == brute_force(query) > 0
    texts = Paragraph.objects.filter(pk__in=result.paragraph_ids).values_list("text", flat=True)
    from chanye.archive.engine.normalize import search_form

    assert all(search_form(query) in search_form(t) for t in texts)


def brute_force_ids(query: str) -> list[int]:
    """Every paragraph containing the query, newest first: what both databases must return."""
    from chanye.archive.engine.normalize import search_form

    form = search_form(query)
    return sorted(
        (pk for pk, text in Paragraph.objects.values_list("pk", "text") if form in search_form(text)), reverse=True
    )


QUERIES = [
    "小面",
    "链主",
    "产业",
    "发展",
    "重庆",
    "企业",
    "的",
    "大渡口",
    "体外诊断",
    "1-10月",
    "新材料产业",
    "不存在的说法",
]


@pytest.mark.parametrize("window", [search.WINDOW, 2])
def test_every_database_returns_the_same_hits_in_the_same_order_page_by_page(seeds, monkeypatch, window):
    """SQLite and PostgreSQL both give the brute-force answer: total, and ids newest first, on any page
    (on PostgreSQL through the kept counts and the window of newest paragraphs, or the GIN index)."""
    monkeypatch.setattr(search, "WINDOW", window)
    promoted()
    for query in QUERIES:
        expected = brute_force_ids(query)
        for offset in (0, 3, len(expected), len(expected) + 5):
            result = search.find(query, limit=3, offset=offset)
            assert (result.total, result.paragraph_ids) == (len(expected), expected[offset : offset + 3]), (
                query,
                offset,
            )


def promoted() -> dict[str, int]:
    """On PostgreSQL, keep counts for the phrases of the seeds in at least 3 paragraphs, as a big
    archive does for its common phrases; returns the kept counts."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    from chanye.archive.engine.normalize import search_form

    forms = [search_form(t) for t in Paragraph.objects.values_list("text", flat=True)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [search.LOCK])
        search.promote(cursor, forms)
    return kept_counts()


def kept_counts() -> dict[str, int]:
    return search.kept_counts()


def pending_rows() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_gram_pending")
        return cursor.fetchone()[0]


# Documents indexed since the last fold are counted from their pending rows: exact with rows pending
# (the default) and with every document folded at once.
@pytest.mark.parametrize("fold_every", [search.FOLD_EVERY, 1])
def test_kept_counts_stay_exact_through_ingest_undo_and_deletes(seeds, archive_dir, monkeypatch, fold_every):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("counts are kept on PostgreSQL only")
    from chanye.archive.engine.normalize import search_form

    monkeypatch.setattr(search, "FOLD_EVERY", fold_every)

    def check():
        counts = kept_counts()
        forms = [search_form(t) for t in Paragraph.objects.values_list("text", flat=True)]
        for gram in ["小面", "产业", "发展", "企业", "的", "重庆"]:
            if gram in counts:
                assert counts[gram] == sum(gram in f for f in forms) == search.find(gram).total, gram
        assert all(n == sum(g in f for f in forms) for g, n in counts.items())
        return counts

    assert len(promoted()) > 100 and "产业" in check()
    services.ingest_file(
        actor=None, filename="通知.txt", content="关于推进重庆小面产业发展的通知\n\n请做好小面产业链招商工作。".encode()
    )
    assert (pending_rows() > 0) == (fold_every > 1)
    check()
    paper = next(d for d in seeds if d.source != "人民日报")
    services.undo_join(actor=None, document=paper, index=0)
    check()
    services.delete_document(actor=None, document=seeds[0])
    check()
    Paragraph.objects.filter(document=paper, position__lt=5).delete()  # without search.unindex(): the trigger
    assert check()["产业"] == search.find("产业").total == brute_force("产业")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM archive_paragraph_search")
        assert cursor.fetchone()[0] == Paragraph.objects.count()


def test_a_paragraph_indexed_again_is_counted_once(seeds):
    promoted()
    paragraph = Paragraph.objects.filter(text__contains="小面").first()
    before = search.find("小面").total
    search.unindex([(paragraph.pk, paragraph.text)])
    assert search.find("小面").total == before - 1
    search.index([(paragraph.pk, paragraph.text)])
    from django.db import connection

    if connection.vendor == "postgresql":
        search.index([(paragraph.pk, paragraph.text)])  # PostgreSQL replaces the paragraph's row
    assert search.find("小面").total == before == brute_force("小面")


def test_search_ignores_traditional_full_width_and_line_breaks(seeds):
    assert search.find("體外診斷").total == search.find("体外诊断").total > 0
    assert search.find("９２.２亿元").total == search.find("92.2亿元").total == brute_force("92.2亿元") == 1


def test_an_empty_query_is_refused():
    with pytest.raises(search.QueryError):
        search.find("  ")


def test_the_search_page_highlights_and_filters(seeds, personas, client_for):
    client = client_for(personas["leader"])
    html = client.get(reverse("archive:search"), {"q": "小面"}).content.decode()
    assert "<mark>小面</mark>" in html and f'id="hit-total">{brute_force("小面")}<' in html
    only_rmrb = client.get(reverse("archive:search"), {"q": "小面", "source": "人民日报"}).content.decode()
    assert f'id="hit-total">{search.find("小面", source="人民日报").total}<' in only_rmrb


def test_the_document_page_shows_prev_next_and_joins(seeds, personas, client_for):
    paper = next(d for d in seeds if d.source != "人民日报")
    html = client_for(personas["leader"]).get(paper.get_absolute_url()).content.decode()
    assert "阅读顺序修复" in html and "相近报道" in html


def test_undoing_a_join_splits_the_paragraph_and_the_index_follows(seeds, personas):
    paper = next(d for d in seeds if d.source != "人民日报")
    joins = len(paper.joins)
    before = paper.paragraphs.count()
    services.undo_join(actor=None, document=paper, index=0)
    paper.refresh_from_db()
    assert len(paper.joins) == joins - 1 and paper.paragraphs.count() == before + 1
    assert search.find("小面").total == brute_force("小面")


def texts(document) -> list[str]:
    return list(document.paragraphs.order_by("position").values_list("text", flat=True))


def test_an_undone_continuation_goes_back_to_where_it_stood(seeds):
    """Seed 002: "…“链主”单位，" was continued by a paragraph that stands 17 paragraphs earlier."""
    paper = next(d for d in seeds if d.source != "人民日报")
    index = next(i for i, j in enumerate(paper.joins) if j["before"].endswith("“链主”单位，"))
    join = paper.joins[index]
    services.undo_join(actor=None, document=paper, index=index)
    now = texts(paper)
    assert now.index(join["after"]) < now.index(join["before"])  # in its own place, not after the fragment
    assert now[now.index(join["after"]) - 1].startswith("另外，大数据智能化产业发展办公室")  # as on the page


def test_a_chain_of_joins_comes_apart_link_by_link(db, archive_dir):
    text = "区里近年先后引进\n\n区里的公园今年新建了三座。\n\n了一批龙头企业，\n\n形成了较完整的产业链。"
    document = services.ingest_file(actor=None, filename="chain.txt", content=text.encode())
    assert texts(document) == ["区里近年先后引进了一批龙头企业，形成了较完整的产业链。", "区里的公园今年新建了三座。"]
    services.undo_join(actor=None, document=document, index=0)
    document.refresh_from_db()
    assert texts(document) == [
        "区里近年先后引进",
        "区里的公园今年新建了三座。",
        "了一批龙头企业，形成了较完整的产业链。",
    ]
    services.undo_join(actor=None, document=document, index=0)
    assert texts(document) == [
        "区里近年先后引进",
        "区里的公园今年新建了三座。",
        "了一批龙头企业，",
        "形成了较完整的产业链。",
    ]
    assert search.find("龙头企业").total == brute_force("龙头企业") == 1


def test_who_may_undo_a_join_on_the_document_page(personas, client_for, archive_dir):
    """The office that ingested a page may undo its joins (and the audit says so); others may not."""
    from chanye.core.models import AuditEntry

    paper = services.ingest_file(
        actor=personas["office"], filename=seed_files()[1].name, content=seed_files()[1].read_bytes()
    )
    joins, url = len(paper.joins), reverse("archive:undo-join", args=[paper.pk, 0])
    for role in ("leader", "other_office"):
        assert client_for(personas[role]).post(url).status_code in (403, 404)
    paper.refresh_from_db()
    assert len(paper.joins) == joins
    office = client_for(personas["office"])
    assert office.post(url).status_code == 302
    paper.refresh_from_db()
    assert len(paper.joins) == joins - 1
    assert AuditEntry.objects.filter(object_id=str(paper.pk), note__startswith="撤销拼接").exists()
    refused = office.post(reverse("archive:undo-join", args=[paper.pk, 99]), follow=True).content.decode()
    assert "没有这处拼接" in refused


def test_a_join_stored_without_the_paragraphs_before_repair_is_refused_clearly(seeds):
    paper = next(d for d in seeds if d.source != "人民日报")
    Document.objects.filter(pk=paper.pk).update(unrepaired={})  # as documents ingested before 0005
    paper.refresh_from_db()
    before = texts(paper)
    with pytest.raises(ValidationError, match="没有保存修复前的段落"):
        services.undo_join(actor=None, document=paper, index=0)
    assert texts(paper) == before


def note(title: str, *paragraphs: str) -> Document:
    body = "\n\n".join(paragraphs)
    return services.ingest_file(actor=None, filename=f"{title}.txt", content=f"{title}\n\n{body}".encode())


@pytest.fixture
def ranked_notes(db, archive_dir):
    """Ingested oldest first: the title hit, then a paragraph saying it twice, then two passing mentions."""
    return [
        note("链主企业培育方案", "培育一批产业链龙头企业。"),
        note("园区简报", "链主带动配套，链主企业订单增长。"),
        note("工作动态一", "本周走访链主一家。"),
        note("工作动态二", "会上提到链主。"),
    ]


def hit_titles(response) -> list[str]:
    return [hit["title"] for hit in response.json()["hits"]]


def test_results_are_ranked_by_relevance_unless_sorted_otherwise(ranked_notes, personas, client):
    """The title that names the phrase first, then the paragraph that says it most, then the newest."""
    leader = token(personas["leader"])
    ranked = client.get("/api/v1/search/", {"q": "链主"}, **leader)
    assert hit_titles(ranked) == ["链主企业培育方案", "园区简报", "工作动态二", "工作动态一"]
    recent = client.get("/api/v1/search/", {"q": "链主", "sort": "recent"}, **leader)
    assert hit_titles(recent) == ["工作动态二", "工作动态一", "园区简报", "链主企业培育方案"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sort", "best"),
        ("page", "abc"),
        ("page", "0"),
        ("cluster", "abc"),
        ("cluster", "999999"),
        ("date_from", "2023-13-45"),
    ],
)
def test_bad_search_parameters_are_refused_clearly(ranked_notes, personas, client, client_for, field, value):
    response = client.get("/api/v1/search/", {"q": "链主", field: value}, **token(personas["leader"]))
    assert response.status_code == 400 and list(response.json()) == [field]
    page = client_for(personas["leader"]).get(reverse("archive:search"), {"q": "链主", field: value})
    assert page.status_code == 200 and 'class="alert alert-warning"' in page.content.decode()
    assert 'id="results"' not in page.content.decode()


def test_the_second_page_of_results_follows_the_first(ranked_notes, personas, client):
    leader = token(personas["leader"])
    first = client.get("/api/v1/search/", {"q": "链主", "sort": "recent"}, **leader).json()
    second = client.get("/api/v1/search/", {"q": "链主", "sort": "recent", "page": "2"}, **leader).json()
    assert first["total"] == 4 and len(first["hits"]) == 4 and second["hits"] == [] and second["page"] == 2


@pytest.mark.parametrize(("ranked", "window", "per_page"), [(2, search.WINDOW, 10), (3, 3, 1)])
def test_relevance_orders_the_newest_hits_when_there_are_many_and_pages_stay_whole(
    ranked_notes, monkeypatch, personas, client_for, ranked, window, per_page
):
    """The pool that relevance orders is the newest RANKED hits, or on PostgreSQL, when there are more,
    the hits among the newest WINDOW paragraphs if they fill a page; the rest follow by ingest, and
    every hit is on exactly one page."""
    from django.db import connection

    monkeypatch.setattr(search, "RANKED", ranked)
    monkeypatch.setattr(search, "WINDOW", window)
    monkeypatch.setattr(search, "HITS_PER_PAGE", per_page)
    expected = brute_force_ids("链主")
    newest = sorted(Paragraph.objects.values_list("pk", flat=True), reverse=True)[:window]
    in_window = [pk for pk in expected if pk in newest]
    windowed = connection.vendor == "postgresql" and len(expected) > ranked and len(in_window) >= per_page
    pool = len(in_window) if windowed else min(ranked, len(expected))
    pages = [search.find("链主", sort="relevance", limit=1, offset=offset) for offset in range(len(expected) + 1)]
    assert sorted((pk for page in pages for pk in page.paragraph_ids), reverse=True) == expected
    assert [page.total for page in pages] == [len(expected)] * len(pages) and pages[-1].paragraph_ids == []
    assert [page.ranked for page in pages] == [pool] * len(pages)
    assert [pk for page in pages[pool:] for pk in page.paragraph_ids] == expected[pool:]  # past the pool: by ingest
    html = client_for(personas["leader"]).get(reverse("archive:search"), {"q": "链主"}).content.decode()
    assert ('id="ranked-note"' in html and f"最近入库的 {pool} 段" in html) == (pool < len(expected))


def test_a_long_paragraph_is_shown_around_its_hit(db, archive_dir, personas, client_for):
    filler = "园区道路绿化和路灯改造工程已经完工，" * 12
    note("简报", filler + "链主企业带动配套。" + filler)
    html = client_for(personas["leader"]).get(reverse("archive:search"), {"q": "链主"}).content.decode()
    hit = html.split('class="hit">')[1].split("</div>")[0]
    assert hit.startswith("…") and hit.endswith("…") and "<mark>链主</mark>" in hit
    assert len(hit.replace("<mark>", "").replace("</mark>", "")) == 160 + 2


def upload(client, *files):
    return client.post(reverse("archive:upload"), {"files": list(files)})


def test_upload_ingests_several_files_and_reports_each(seeds, personas, client_for, archive_dir):
    client = client_for(personas["office"])
    good = SimpleUploadedFile(
        "通知.txt", "关于推进重庆小面产业发展的通知\n\n各有关单位：请做好小面产业链招商工作。".encode()
    )
    duplicate = SimpleUploadedFile("again.txt", seed_files()[0].read_bytes())
    binary = SimpleUploadedFile("报告.txt", b"\x00\x01\x02binary\x00" * 50)
    empty = SimpleUploadedFile("空.txt", b"")
    response = upload(client, good, duplicate, binary, empty)
    assert response.status_code == 302
    run = IngestRun.objects.latest("pk")
    assert run.results == [] and run.job.state == "queued"  # the request only stored the files
    run_jobs()
    run.refresh_from_db()
    statuses = {r["file"]: r["status"] for r in run.results}
    assert statuses == {"通知.txt": "入库", "again.txt": "重复", "报告.txt": "失败", "空.txt": "失败"}
    page = client.get(reverse("archive:run-detail", args=[run.pk])).content.decode()
    assert "4/4" in page and "重复" in page


@pytest.mark.parametrize(
    ("role", "status"), [("office", 200), ("investment", 200), ("statistics", 200), ("leader", 403), ("norole", 403)]
)
def test_who_may_upload(personas, client_for, role, status):
    assert client_for(personas[role]).get(reverse("archive:upload")).status_code == status


def test_everyone_with_a_role_reads_and_searches(seeds, personas, client_for):
    for role in ["leader", "investment", "statistics"]:
        assert client_for(personas[role]).get(seeds[0].get_absolute_url()).status_code == 200
    assert client_for(personas["norole"]).get(reverse("archive:search"), {"q": "小面"}).status_code == 403


def test_only_administrators_delete_and_the_index_forgets(seeds, personas, client_for):
    document = seeds[0]
    assert (
        client_for(personas["leader"]).post(reverse("archive:document-delete", args=[document.pk])).status_code == 403
    )
    assert client_for(personas["admin"]).post(reverse("archive:document-delete", args=[document.pk])).status_code == 302
    assert search.find("小面").total == brute_force("小面")


def token(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def test_the_api_gives_documents_with_clean_text_and_search(seeds, personas, client):
    detail = client.get(f"/api/v1/documents/{seeds[0].pk}/", **token(personas["leader"])).json()
    assert "中元汇吉" in detail["text"] and detail["paragraphs"]
    found = client.get("/api/v1/search/", {"q": "链主"}, **token(personas["leader"])).json()
    assert found["total"] == brute_force("链主") and found["hits"][0]["spans"]
    assert client.get("/api/v1/search/", {"q": ""}, **token(personas["leader"])).status_code == 400
    assert client.get("/api/v1/search/", {"q": "链主"}).status_code == 401


def test_the_ingest_command_reports_each_file_and_a_summary(db, archive_dir, tmp_path):
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_bytes(seed_files()[0].read_bytes())
    (folder / "b.txt").write_bytes(b"\x00\x01" * 100)
    out = io.StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=io.StringIO())
    assert "[入库]" in out.getvalue() and "[失败]" in out.getvalue() and "合计" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_ingest_command_with_several_workers_reports_each_file_in_order(demo, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    names = []
    for number, seed in enumerate(seed_files()):
        (folder / f"{number}a.txt").write_bytes(seed.read_bytes())
        (folder / f"{number}b.txt").write_bytes(b"\x00\x01" * 100)  # unreadable: a failure, never a stop
        names += [f"{number}a.txt", f"{number}b.txt"]
    out = run_chanye("ingest", str(folder), "--workers", "2", data_dir=tmp_path).stdout
    lines = [line for line in out.splitlines() if line.startswith("[")]
    assert [line.split("/")[-1].split("：")[0] for line in lines] == names
    assert [line.split("]")[0] for line in lines] == ["[入库", "[失败"] * len(seed_files())
    assert Document.objects.count() == len(seed_files())
    with pytest.raises(CommandError, match="至少为 1"):
        call_command("ingest", str(folder), "--workers", "0", stdout=io.StringIO())


def test_a_group_of_files_written_together_keeps_each_files_own_result(db, archive_dir):
    """services.ingest_group, as `chanye ingest` writes ten files a transaction on SQLite: a file refused (the same
    file again within the group, an unreadable one) leaves the others stored, and a near duplicate is
    found among the group's own documents."""
    first, second = (path.read_bytes() for path in seed_files())
    files = [("a.txt", first), ("a-again.txt", first), ("bad.txt", b"\x00\x01" * 100), ("b.txt", second)]
    results = services.ingest_group(actor=None, files=files)
    assert [r["status"] for r in results] == ["入库", "重复", "失败", "入库"]
    assert [r["file"] for r in results] == [name for name, _content in files]
    assert "同一个文件" in results[1]["message"]
    assert Document.objects.count() == 2
    assert NearDuplicate.objects.filter(first__filename="a.txt", second__filename="b.txt").exists()
    stored = {str(pk) for pk in Document.objects.values_list("pk", flat=True)}
    audited = AuditEntry.objects.filter(action="create", content_type=ContentType.objects.get_for_model(Document))
    assert set(audited.values_list("object_id", flat=True)) == stored


def test_an_unexpected_error_in_a_group_stops_it_with_the_files_before_it_stored(db, archive_dir):
    from chanye.archive.signals import document_ingested

    def fail_on_the_second(sender, document, **kwargs):
        if document.filename == "b.txt":
            raise RuntimeError("a listener's bug")

    files = [(f"{name}.txt", f"第{name}篇\n\n{'正文。' * 30}{name}\n".encode()) for name in "abc"]
    document_ingested.connect(fail_on_the_second, dispatch_uid="test-fail-on-b")
    try:
        with pytest.raises(RuntimeError, match="bug"):
            services.ingest_group(actor=None, files=files)
    finally:
        document_ingested.disconnect(dispatch_uid="test-fail-on-b")
    assert list(Document.objects.values_list("filename", flat=True)) == ["a.txt"]


def test_warm_search_loads_the_search_tables_on_postgresql(seeds):
    from django.db import connection

    out = io.StringIO()
    call_command("warm_search", stdout=out)
    if connection.vendor != "postgresql":
        assert "不需要预热" in out.getvalue()
        return
    assert all(
        f"已载入 {relation}：" in out.getvalue() for relation in ("archive_paragraph_grams", "archive_paragraph_search")
    )
    sizes = search.memory()
    assert 0 < sizes["search_bytes"] < sizes["shared_buffers"] and "shared_buffers 为" in out.getvalue()


def test_search_counts_keeps_counts_of_the_common_phrases_and_they_stay_exact(seeds):
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as an archive indexed before counts were kept
            cursor.execute("DELETE FROM archive_gram_count")
    out = io.StringIO()
    call_command("search_counts", stdout=out, stderr=io.StringIO())
    if connection.vendor != "postgresql":
        assert "不需要" in out.getvalue()
        return
    counts = kept_counts()
    assert "产业" in counts and f"共维护 {len(counts):,} 个" in out.getvalue()
    assert all(n == brute_force(gram) for gram, n in counts.items())
    call_command("search_counts", stdout=io.StringIO(), stderr=io.StringIO())
    assert kept_counts() == counts  # a second run finds nothing new


def test_an_original_whose_file_is_missing_is_a_chinese_404_not_a_500(seeds, personas, client_for):
    document = seeds[0]
    services.original_path(document).unlink()
    response = client_for(personas["leader"]).get(reverse("archive:document-original", args=[document.pk]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_documents_are_not_created_through_the_api_and_the_schema_does_not_offer_it(personas, client):
    """Documents enter through the upload page or `chanye ingest` (reading, cleaning, duplicates, indexing):
    a JSON body has no file to read, so POST is not offered (405) and the schema does not advertise it."""
    headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=personas['admin'])[0].key}"}
    before = Document.objects.count()
    response = client.post("/api/v1/documents/", {"title": "x"}, content_type="application/json", **headers)
    assert response.status_code == 405
    assert Document.objects.count() == before
    schema = client.get("/api/v1/schema/", {"format": "json"}, **headers).json()
    assert "post" not in schema["paths"]["/api/v1/documents/"]


def test_a_zip_bomb_docx_is_refused_before_it_is_opened(db, settings, archive_dir):
    import docx

    from chanye.archive.engine.readers import ReadError
    from chanye.core.testing import zip_bomb

    settings.CHANYE_MAX_DOCUMENT_UNPACKED_BYTES = 2 * 1024 * 1024  # the real limit is 500 MB: same check, faster test
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("今年1-11月，全区新材料产业实现营收59亿元。")
    document.save(buffer)
    with pytest.raises(ReadError, match="解压后过大"):
        services.ingest_file(actor=None, filename="炸弹.docx", content=zip_bomb(buffer.getvalue(), 3 * 1024 * 1024))
    assert not Document.objects.filter(filename="炸弹.docx").exists()
