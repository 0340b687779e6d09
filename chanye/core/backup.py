"""Backup and restore of a whole instance: the database, the archived originals and the other kept files,
in one tar file with a manifest (format version, row counts, the SHA-256 of every member).

The database is copied as the engine copies itself, so that everything in it travels, the search index
included (SQLite's FTS5 table; PostgreSQL's search tables, their triggers and the kept phrase counts) and
nothing has to be rebuilt on restore:

- SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page under one read
  transaction: a consistent snapshot while the site writes (WAL lets writers go on meanwhile).
- PostgreSQL: `pg_dump --format=custom` of a snapshot exported by a REPEATABLE READ transaction, in which
  the manifest's counts are taken too, so the counts and the dump describe the same instant. pg_dump is
  chosen over dumpdata because dumpdata carries only the models' rows: not the search tables the archive
  keeps beside them (restoring a dumpdata left search empty: 大渡口 3 hits → 0), nor the sequences.
  It needs PostgreSQL's client programs (Debian: postgresql-client) of the server's major version or newer.

The kept files (archived originals, rendered briefs, uploads waiting for confirmation) are copied after
the database snapshot: originals are written before the row that names them is committed and never
changed (they are named by their SHA-256), so every file the snapshot refers to is in the archive.

This module is kernel code: it knows settings and the app registry, not any domain.
"""

import datetime
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

FORMAT = "chanye-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


def file_trees() -> dict[str, Path]:
    """The folders of files the instance keeps beside its database, by their name inside the backup."""
    return {
        "archive": Path(settings.CHANYE_ARCHIVE_DIR),  # originals, named by SHA-256 (archive.services)
        "briefs": Path(settings.DATA_DIR) / "briefs",  # rendered monthly briefs
        "uploads": Path(settings.DATA_DIR) / "uploads",  # statistics files waiting for confirmation
    }


def chanye_version() -> str:
    try:
        return importlib.metadata.version("chanye")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持的数据库：{vendor}")
    return vendor


def model_tables() -> list[str]:
    """Every table of a model (and of its many-to-many links), sorted: what the manifest counts."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def count_rows(cursor, tables: list[str], existing: set[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in tables:
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------- backup


@dataclass
class Snapshot:
    path: Path  # the database copy
    member: str  # its name inside the backup
    counts: dict[str, int]


def snapshot_sqlite(folder: Path) -> Snapshot:
    source = Path(connection.settings_dict["NAME"])
    if not source.is_file():
        raise BackupError(f"数据库文件不存在：{source}")
    target = folder / "database.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)  # every page in one step, under one read transaction
    with sqlite3.connect(target) as copy:
        existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = count_rows(copy.cursor(), model_tables(), existing)
    return Snapshot(target, "database.sqlite3", counts)


def pg_environment() -> dict[str, str]:
    """libpq's variables for the default database, so no password appears on a command line."""
    conf = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if conf.get(key):
            env[variable] = str(conf[key])
    env["PGDATABASE"] = conf["NAME"]
    return env


def run_client(args: list[str]) -> None:
    if not shutil.which(args[0]):
        raise BackupError(
            f"找不到 {args[0]}：请安装 PostgreSQL 客户端程序（Debian：apt-get install postgresql-client）"
        )
    result = subprocess.run(args, env=pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{args[0]} 失败：{result.stderr.strip()}")


def snapshot_postgresql(folder: Path) -> Snapshot:
    target = folder / "database.pgdump"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot_id = cursor.fetchone()[0]
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        existing = {row[0] for row in cursor.fetchall()}
        counts = count_rows(cursor, model_tables(), existing)
        # pg_dump reads the very snapshot the counts were taken in, while this transaction holds it.
        run_client(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot_id}",
                "-f",
                str(target),
            ]
        )
    return Snapshot(target, "database.pgdump", counts)


def kept_files() -> list[tuple[str, Path]]:
    """(name inside the backup, path) of every kept file, sorted."""
    found = []
    for tree, root in file_trees().items():
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                found.append((f"files/{tree}/{path.relative_to(root).as_posix()}", path))
    return found


def create_backup(destination: Path, progress=lambda message: None) -> dict:
    """Write the backup to `destination` (tar; .tar.gz / .tgz compressed) and return its manifest."""
    vendor = engine()
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chanye-backup-") as tmp:
        progress("复制数据库快照")
        snapshot = snapshot_sqlite(Path(tmp)) if vendor == "sqlite" else snapshot_postgresql(Path(tmp))
        members = [(snapshot.member, snapshot.path), *kept_files()]
        progress(f"计算 {len(members)} 个文件的指纹")
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "chanye_version": chanye_version(),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": vendor,
            "database": snapshot.member,
            "counts": snapshot.counts,
            "files": {name: {"sha256": sha256_of(path), "size": path.stat().st_size} for name, path in members},
        }
        partial = destination.with_name(destination.name + ".partial")
        mode = "w:gz" if destination.name.endswith((".tar.gz", ".tgz")) else "w"
        progress("写入备份文件")
        with tarfile.open(partial, mode) as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        partial.replace(destination)  # a backup file is either whole or absent
    return manifest


# --------------------------------------------------------------------------------------------- restore


def instance_is_empty() -> bool:
    """No accounts in the database (a freshly migrated instance has none; tables missing count as empty)
    and no kept files: restoring there loses nothing."""
    user_table = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    if user_table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(user_table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return not kept_files()


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError(f"不是 chanye 备份文件：缺少或无法读取 {MANIFEST}（{error}）") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("不是 chanye 备份文件")
    if manifest.get("version", 0) > FORMAT_VERSION:
        raise BackupError(f"备份格式版本 {manifest['version']} 比本程序新，请先升级 chanye")
    return manifest


def unpack_verified(tar: tarfile.TarFile, manifest: dict, staging: Path) -> None:
    """Extract every member into `staging`, checking each against the manifest's SHA-256 and size, and
    that the backup holds exactly the manifest's members. Nothing of the instance is touched yet."""
    expected = manifest["files"]
    seen = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        if member.name not in expected or not member.isfile():
            raise BackupError(f"备份中有清单之外的内容：{member.name}")
        target = staging / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with tar.extractfile(member) as src, target.open("wb") as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        if digest.hexdigest() != expected[member.name]["sha256"]:
            raise BackupError(f"文件指纹不符，备份已损坏：{member.name}")
        seen.add(member.name)
    if missing := sorted(set(expected) - seen):
        raise BackupError(f"备份缺少 {len(missing)} 个文件，例如 {missing[0]}")


def restore_sqlite(copy: Path) -> None:
    target = connection.settings_dict["NAME"]
    connection.close()
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(copy) as src, sqlite3.connect(target) as dst:
        src.backup(dst)  # replaces every page of the target, WAL included


def restore_postgresql(copy: Path) -> None:
    connection.close()
    # --clean --if-exists drops what a migrated empty instance (or, with --force, an old one) already has.
    run_client(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", "-d", connection.settings_dict["NAME"], str(copy)]
    )  # fmt: skip


def restore_files(staging: Path) -> int:
    trees = file_trees()
    restored = 0
    files = staging / "files"
    if not files.is_dir():
        return 0
    for tree_dir in files.iterdir():
        if tree_dir.name not in trees:
            continue
        for path in (p for p in tree_dir.rglob("*") if p.is_file()):
            target = trees[tree_dir.name] / path.relative_to(tree_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
            restored += 1
    return restored


def check_counts(manifest: dict) -> None:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = count_rows(cursor, sorted(manifest["counts"]), tables)
    wrong = [t for t, n in manifest["counts"].items() if counts.get(t) != n]
    if wrong:
        raise BackupError(f"恢复后 {len(wrong)} 个表的行数与备份清单不符，例如 {wrong[0]}")


def restore_backup(source: Path, *, force: bool = False, progress=lambda message: None) -> dict:
    """Restore the backup at `source` into this instance's database and folders; returns its manifest.
    Refuses an instance that is not empty unless `force`; verifies every member before touching anything."""
    vendor = engine()
    if vendor == "sqlite":  # a fresh instance's folder may not exist yet
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not force and not instance_is_empty():
        raise BackupError("目标实例不是空的（已有账号或资料库文件）：恢复会覆盖它。确认要覆盖请加 --force")
    try:
        tar = tarfile.open(source, "r:*")  # noqa: SIM115 -- closed by the `with tar` below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"无法打开备份文件：{error}") from error
    with tar:
        manifest = read_manifest(tar)
        if manifest["engine"] != vendor:
            raise BackupError(f"这是 {manifest['engine']} 数据库的备份，本实例用的是 {vendor}")
        staging_root = Path(settings.DATA_DIR)
        staging_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".chanye-restore-", dir=staging_root) as tmp:
            progress("校验备份中每个文件的指纹")
            unpack_verified(tar, manifest, Path(tmp))
            progress("恢复数据库")
            copy = Path(tmp) / manifest["database"]
            restore_sqlite(copy) if vendor == "sqlite" else restore_postgresql(copy)
            progress("恢复资料库原件等文件")
            restore_files(Path(tmp))
    check_counts(manifest)
    return manifest
