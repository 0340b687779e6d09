"""Extraction reads the registry's names compiled once per process, and sees a change to them at the
next document without a restart: made in this process, made by another process, or rolled back."""

import datetime
import os
import subprocess
import sys

import pytest
from django.db import connection, transaction

from chanye.archive import services as archive
from chanye.conftest import database_url
from chanye.extraction import services
from chanye.extraction.models import ExtractedFact
from chanye.registry import services as registry
from chanye.registry.models import Enterprise
from chanye.registry.names import names_version

TEXT = "2023年1-10月，重庆测试合金有限公司实现营业收入5.2亿元，同比增长12%。"


def enterprise_of(actor, number: int) -> str:
    """The enterprise the figure of a freshly ingested article is given to ("" when none)."""
    content = f"测试合金\n\n《 测试日报 》( 2023年11月{number:02d}日   第 2 版)\n\n{TEXT}第{number}篇。\n".encode()
    document = archive.ingest_file(actor=actor, filename=f"{number}.txt", content=content)
    fact = document.facts.get(indicator__key="revenue")
    return fact.enterprise.name if fact.enterprise else ""


@pytest.mark.django_db
def test_an_enterprise_added_renamed_or_deleted_is_seen_by_the_next_extraction(personas):
    admin = personas["admin"]
    assert enterprise_of(admin, 1) == ""  # not in the registry: an open subject
    compiled = services.configured_subjects()
    assert services.configured_subjects() is compiled  # read and compiled once while nothing changes
    firm = registry.create_enterprise(actor=admin, data={"name": "重庆测试合金有限公司"})
    assert enterprise_of(admin, 2) == "重庆测试合金有限公司"
    assert services.configured_subjects() is not compiled
    compiled = services.configured_subjects()
    registry.update_enterprise(actor=admin, enterprise=firm, data={"credit_code": None})
    assert services.configured_subjects() is compiled  # a save that changes no name keeps the compiled names
    registry.update_enterprise(actor=admin, enterprise=firm, data={"name": "重庆测试新材料有限公司"})
    assert enterprise_of(admin, 3) == ""
    registry.delete_enterprise(actor=admin, enterprise=Enterprise.objects.get(name="重庆测试新材料有限公司"))
    assert "重庆测试新材料有限公司" not in services.configured_subjects().enterprises


@pytest.mark.django_db
def test_names_compiled_inside_a_transaction_that_rolled_back_are_not_used_after_it(personas):
    admin = personas["admin"]
    before = names_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        registry.create_enterprise(actor=admin, data={"name": "重庆测试合金有限公司"})
        assert "重庆测试合金有限公司" in services.configured_subjects().enterprises
        raise RuntimeError("rolled back")
    assert names_version() == before
    assert "重庆测试合金有限公司" not in services.configured_subjects().enterprises
    registry.create_enterprise(
        actor=admin, data={"name": "重庆测试钢铁有限公司"}
    )  # a new version, never the rolled-back one
    subjects = services.configured_subjects()
    assert "重庆测试钢铁有限公司" in subjects.enterprises and "重庆测试合金有限公司" not in subjects.enterprises


@pytest.mark.django_db(transaction=True)
def test_an_enterprise_added_by_another_process_is_seen_without_a_restart(demo, tmp_path):
    from chanye.extraction.engine import extract

    def enterprise_in_text() -> str | None:
        facts = extract(TEXT, datetime.date(2023, 11, 20), services.configured_subjects())
        return next(f.enterprise for f in facts if f.indicator == "revenue")

    assert enterprise_in_text() is None  # compiled in this process, without the enterprise
    script = (
        "from chanye.registry import services; "
        "services.create_enterprise(actor=None, data={'name': '重庆测试合金有限公司'}, note='另一进程')"
    )
    environment = {**os.environ, "CHANYE_DATABASE_URL": database_url(), "CHANYE_DATA_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "chanye.cli", "shell", "-c", script], env=environment, check=True, timeout=120
    )
    assert enterprise_in_text() == "重庆测试合金有限公司"


@pytest.fixture
def in_transaction(monkeypatch) -> list[bool]:
    """Whether each run of the engine happened inside a database transaction, in order."""
    runs = []
    engine = services.extract

    def watched(*args, **kwargs):
        runs.append(connection.in_atomic_block)
        return engine(*args, **kwargs)

    monkeypatch.setattr(services, "extract", watched)
    return runs


@pytest.mark.django_db(transaction=True)
def test_the_figures_are_read_before_the_ingest_transaction_opens(personas, in_transaction):
    """The engine's milliseconds never hold the database's write lock: it reads the document ahead of
    the transaction that stores it, and that transaction takes what it read."""
    assert enterprise_of(personas["admin"], 1) == ""  # its revenue figure was proposed
    assert in_transaction == [False]


@pytest.mark.django_db(transaction=True)
def test_a_group_of_files_has_each_files_figures_read_before_its_transaction_opens(personas, in_transaction):
    """`chanye ingest` writes ten files a transaction on SQLite (archive.services.ingest_group): every file of
    the group is read ahead, and the transaction takes each reading."""
    files = [
        (f"{n}.txt", f"测试合金\n\n《 测试日报 》( 2023年11月{n:02d}日   第 2 版)\n\n{TEXT}第{n}篇。\n".encode())
        for n in range(1, 4)
    ]
    results = archive.ingest_group(actor=personas["admin"], files=files)
    assert [r["status"] for r in results] == ["入库"] * 3
    assert in_transaction == [False] * 3
    assert ExtractedFact.objects.filter(indicator__key="revenue").count() == 3


@pytest.mark.django_db
def test_a_registry_change_after_the_figures_were_read_ahead_is_seen(personas):
    """An enterprise added between the reading ahead and the ingest's transaction (by another process;
    here by a later listener of the same signal): the transaction reads the figures again, so a short
    name only the registry knows is read as the enterprise's."""
    from chanye.archive.models import Document
    from chanye.archive.signals import ingest_starting

    admin = personas["admin"]

    def add_the_enterprise(sender, **kwargs):
        registry.create_enterprise(actor=admin, data={"name": "重庆测试合金有限公司", "short_name": "测试合金"})

    content = "测试合金\n\n《 测试日报 》( 2023年11月20日   第 2 版)\n\n2023年1-10月，测试合金实现营业收入5.2亿元。\n"
    ingest_starting.connect(add_the_enterprise, sender=Document, dispatch_uid="test-add-enterprise")
    try:
        document = archive.ingest_file(actor=admin, filename="short.txt", content=content.encode())
    finally:
        ingest_starting.disconnect(dispatch_uid="test-add-enterprise", sender=Document)
    assert document.facts.get(indicator__key="revenue").enterprise.name == "重庆测试合金有限公司"
