"""`chanye backup` and `chanye restore`: an instance restored from a backup into a fresh database and fresh
folders has the same rows, the same search hits and the same originals, byte for byte, and serves them.
The restored instance runs in processes of its own, as an operator's would."""

import json
import os
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from chanye.archive import search, services
from chanye.archive.models import Document
from chanye.conftest import make_user
from chanye.core.backup import count_rows, model_tables, sha256_of

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = "大渡口"
DOCUMENTS = {
    "运行.txt": "大渡口区经济运行情况\n\n2023年1-10月，大渡口区大数据智能化产业实现营业收入92.2亿元，同比增长1.9%。\n",
    "招商.txt": "大渡口区招商签约\n\n2024年一季度，大渡口区新签约项目12个，合同投资额45.6亿元。生物医药产业加快集聚。\n",
}

# What the restored instance reports about itself: counts, search hits, originals' hashes, and the
# answers of the pages of its documents and their originals.
PROBE = """
import json, os, sys, django
QUERY = sys.argv[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanye.settings")
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from chanye.archive import search, services
from chanye.archive.models import Document
from chanye.core.backup import count_rows, model_tables, sha256_of
with connection.cursor() as cursor:
    counts = count_rows(cursor, model_tables(), set(connection.introspection.table_names()))
client = Client()
client.force_login(get_user_model().objects.get(username="backup-admin"))
documents = list(Document.objects.order_by("pk"))
print(json.dumps({
    "counts": counts,
    "hits": search.find(QUERY).total,
    "originals": {d.sha256: sha256_of(services.original_path(d)) for d in documents},
    "pages": sorted({client.get(f"/archive/documents/{d.pk}/").status_code for d in documents}),
    "downloads": sorted({client.get(f"/archive/documents/{d.pk}/original/").status_code for d in documents}),
    "search_page": client.get("/archive/", {"q": QUERY}).status_code,
}))
"""


def database_url(name: str | None = None) -> str:
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf.get("PASSWORD") else "")
    return f"postgresql://{auth}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_instance(tmp_path):
    """The environment of an empty instance: a database that does not exist yet (SQLite: a file;
    PostgreSQL: a new database, dropped afterwards) and empty folders."""
    created = []

    def make(label: str) -> dict:
        root = tmp_path / label
        if connection.vendor == "sqlite":
            url = database_url(str(root / "chanye.sqlite3"))
        else:
            name = f"{connection.settings_dict['NAME']}_{label}"[:63]
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
            created.append(name)
            url = database_url(name)
        return {
            **os.environ,
            "CHANYE_DATABASE_URL": url,
            "CHANYE_DATA_DIR": str(root),
            "CHANYE_ARCHIVE_DIR": str(root / "archive"),
            "CHANYE_SECRET_KEY": "restore-test-key-" + "x" * 40,
            "CHANYE_ALLOWED_HOSTS": "testserver",
        }

    yield make
    for name in created:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def chanye(env: dict, *args: str):
    import subprocess

    return subprocess.run([sys.executable, "-m", "chanye.cli", *args], env=env, capture_output=True, text=True)


def probe(env: dict) -> dict:
    import subprocess

    result = subprocess.run([sys.executable, "-c", PROBE, QUERY], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def here() -> dict:
    with connection.cursor() as cursor:
        counts = count_rows(cursor, model_tables(), set(connection.introspection.table_names()))
    return {
        "counts": counts,
        "hits": search.find(QUERY).total,
        "originals": {d.sha256: sha256_of(services.original_path(d)) for d in Document.objects.order_by("pk")},
    }


@pytest.fixture
def archive_with_documents(demo, django_user_model):
    make_user(django_user_model, "backup-admin", "管理员")
    # Two small documents written here (not the seed articles, which a fresh clone does not have).
    for name, text in DOCUMENTS.items():
        services.ingest_file(actor=None, filename=name, content=text.encode())
    assert Document.objects.exists()


def test_a_restored_instance_has_the_same_rows_search_hits_and_originals(
    archive_with_documents, tmp_path, fresh_instance
):
    before = here()
    assert before["hits"] > 0
    backup = tmp_path / "chanye-backup.tar"
    call_command("backup", str(backup))

    env = fresh_instance("restored")
    result = chanye(env, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert "恢复" in result.stdout

    after = probe(env)
    assert after["counts"] == before["counts"]
    assert after["hits"] == before["hits"]
    assert after["originals"] == before["originals"]
    assert all(sha == digest for sha, digest in after["originals"].items())  # every original intact
    assert after["pages"] == [200]
    assert after["downloads"] == [200]
    assert after["search_page"] == 200

    # The restored instance is no longer empty: a second restore is refused unless forced.
    again = chanye(env, "restore", str(backup))
    assert again.returncode != 0
    assert "不是空的" in again.stderr
    forced = chanye(env, "restore", "--force", str(backup))
    assert forced.returncode == 0, forced.stderr
    assert probe(env)["counts"] == before["counts"]


def test_a_damaged_backup_is_refused_before_anything_is_restored(archive_with_documents, tmp_path, fresh_instance):
    backup = tmp_path / "good.tar"
    call_command("backup", str(backup))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(backup) as good, tarfile.open(damaged, "w") as bad:
        for member in good:
            data = good.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("files/archive/"):
                data = data[:-1] + bytes([data[-1] ^ 1])  # one bit flipped in an original
            bad.addfile(member, __import__("io").BytesIO(data) if data is not None else None)

    env = fresh_instance("damaged")
    result = chanye(env, "restore", str(damaged))
    assert result.returncode != 0
    assert "指纹不符" in result.stderr
    assert not Path(env["CHANYE_ARCHIVE_DIR"]).exists()  # nothing of the instance was touched


def test_the_manifest_states_version_counts_and_the_hash_of_every_file(archive_with_documents, tmp_path):
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup))
    with tarfile.open(backup) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = {m.name for m in tar if m.name != "manifest.json"}
    assert manifest["version"] == 1 and manifest["chanye_version"]
    assert manifest["counts"]["archive_document"] == Document.objects.count()
    assert names == set(manifest["files"])
    originals = {n.rsplit("/", 1)[-1] for n in names if n.startswith("files/archive/")}
    assert originals == set(Document.objects.values_list("sha256", flat=True))
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())


def test_a_backup_taken_while_the_site_writes_is_a_consistent_snapshot(archive_with_documents, tmp_path):
    """Writes go on during the backup (none is refused or lost), and the backup holds the rows of one instant:
    as many as there were at some moment between its start and its end."""
    import threading
    import time

    from django.contrib.auth.models import Group
    from django.db import connections

    stop, written, errors = threading.Event(), [], []

    def site_writing():
        try:
            while not stop.is_set():
                Group.objects.create(name=f"写入中-{len(written)}")
                written.append(1)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=site_writing)
    writer.start()
    while not written:  # the writer is under way before the backup starts
        time.sleep(0.01)
    before = Group.objects.count()
    call_command("backup", str(tmp_path / "live.tar"))
    after = Group.objects.count()
    stop.set()
    writer.join()

    assert errors == []
    assert after > before  # the site kept writing during the backup
    with tarfile.open(tmp_path / "live.tar") as tar:
        counts = json.load(tar.extractfile("manifest.json"))["counts"]
    assert before <= counts["auth_group"] <= after
