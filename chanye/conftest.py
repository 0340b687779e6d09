"""Personas shared by every test: one user per role, an office that owns one cluster, and the
Dadukou demo district loaded through the real loader."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from chanye.accounts.models import Office
from chanye.core import roles
from chanye.core.regions import load_regions
from chanye.demo.loader import load_demo
from chanye.lib.shared import SEED_NAMES, SHARED, missing
from chanye.monitoring.services import load_catalogue
from chanye.registry.models import Cluster


def database_url() -> str:
    """The test database as a URL for the processes a test starts (`chanye …` in a subprocess)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_chanye(*args: str, data_dir: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    """`chanye ARGS…` as a command run by an operator, against the test database (tests marked
    transactional: the process sees what is committed) with `data_dir` as its data folder; stdout as text."""
    environment = {**os.environ, "CHANYE_DATABASE_URL": database_url(), "CHANYE_DATA_DIR": str(data_dir)}
    environment.pop("CHANYE_ARCHIVE_DIR", None)  # under the data folder
    return subprocess.run(
        [sys.executable, "-m", "chanye.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )


# The shared permission tests (chanye.core.testing) report failures like test modules do.
pytest.register_assert_rewrite("chanye.core.testing")


def shared_file(relative: str) -> Path:
    """A file or folder of ../shared (seed articles, reference tables), or the test is skipped saying what
    is missing: a fresh clone has no ../shared, and its suite must still run green."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(missing(path))
    return path


def seed(name: str) -> Path:
    """One of the two seed articles (../shared/seeds), or the test is skipped."""
    return shared_file(f"seeds/{name}")


def seed_files() -> list[Path]:
    """Both seed articles, in their order, or the test is skipped."""
    return [seed(name) for name in SEED_NAMES]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s a user; tests of permissions do not need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids repeat across tests' rolled-back databases, and a key
    built from them (the roll-up's periods) must not carry one test's rows into another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Uploads waiting for confirmation and archived originals go to a folder of the test's own."""
    settings.DATA_DIR = tmp_path
    settings.CHANYE_ARCHIVE_DIR = tmp_path / "archive"
    return tmp_path


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo district once into the test database; each test then runs inside a
    transaction that is rolled back, so every test starts from the same demo data."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def demo(db):
    """The demo district (already loaded, unless a transactional test flushed it: a flush
    empties every table, the role groups and regions of the data migrations included)."""
    if not Cluster.objects.exists():
        for role in roles.ALL:
            Group.objects.get_or_create(name=role)
        load_regions()
        load_catalogue(actor=None)
        load_demo()


def token_header(user) -> dict:
    """The header of an API request signed with the user's token."""
    from rest_framework.authtoken.models import Token

    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def make_user(django_user_model, username: str, role: str | None, offices=()):
    user = django_user_model.objects.create_user(username=username, password="Zh-test-password-1")
    if role:
        user.groups.add(Group.objects.get(name=role))
        user.is_superuser = role == "管理员"
        user.save()
    for office in offices:
        office.members.add(user)
    return user


@pytest.fixture
def bigdata_office(demo):
    return Office.objects.get(name="大数据智能化产业发展办公室")


@pytest.fixture
def personas(db, demo, django_user_model, bigdata_office):
    """admin, leader, office (owns 大数据智能化), other_office (owns 新材料), investment, statistics, norole."""
    materials_office = Cluster.objects.get(name="新材料").office
    return {
        "admin": make_user(django_user_model, "admin", "管理员"),
        "leader": make_user(django_user_model, "leader", "领导"),
        "office": make_user(django_user_model, "office", "产业办", [bigdata_office]),
        "other_office": make_user(django_user_model, "other_office", "产业办", [materials_office]),
        "investment": make_user(django_user_model, "investment", "招商局"),
        "statistics": make_user(django_user_model, "statistics", "统计"),
        "norole": make_user(django_user_model, "norole", None),
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
