"""Loading the reference classifications. One transaction; the dataset rows are audited
(the thousands of code rows are not: they are a copy of a published standard)."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from chanye.core import audit
from chanye.core.services import ensure_can_add

from .models import CityCluster, Dataset, IndustryCode, StrategicCategory, StrategicMapping

BUNDLED = Path(__file__).with_name("data")
GBT_FILE = "gbt4754_2017.csv"
SEI_FILE = "sei2018_to_gbt4754.csv"
CITY_FILE = "chongqing_33618.csv"
SOURCE = "github.com/swifthu/industrial_classifi（代码与名称）"


class ReferenceError(ValueError):
    """The reference files are missing or malformed; the message says which and why."""


def _rows(path: Path, columns: set[str]) -> list[dict]:
    if not path.exists():
        raise ReferenceError(f"找不到参考数据文件：{path}")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if missing := columns - set(reader.fieldnames or []):
            raise ReferenceError(f"{path.name} 缺少列：{'、'.join(sorted(missing))}")
        return list(reader)


def _load_codes(rows: list[dict]) -> dict[str, IndustryCode]:
    """Insert new codes, refresh names, then link parents: bulk operations, a few queries in all."""
    existing = {c.code: c for c in IndustryCode.objects.all()}
    fresh = [
        IndustryCode(code=r["code"], name=r["name"], level=int(r["level"])) for r in rows if r["code"] not in existing
    ]
    IndustryCode.objects.bulk_create(fresh)
    codes = {c.code: c for c in IndustryCode.objects.all()}
    for row in rows:
        code = codes[row["code"]]
        code.name, code.level = row["name"], int(row["level"])
        if row["parent_code"] and row["parent_code"] not in codes:
            raise ReferenceError(f"行业代码 {row['code']} 的上级 {row['parent_code']} 不存在")
        code.parent = codes.get(row["parent_code"]) if row["parent_code"] else None
    IndustryCode.objects.bulk_update([codes[r["code"]] for r in rows], ["name", "level", "parent"], batch_size=500)
    return codes


def _load_strategic(rows: list[dict], codes: dict[str, IndustryCode]) -> int:
    categories = {c.path: c for c in StrategicCategory.objects.all()}
    StrategicMapping.objects.all().delete()
    mappings = []
    for row in rows:
        path = row["sei_path"].strip()
        if path not in categories:
            categories[path] = StrategicCategory.objects.create(path=path, name=path.rsplit(">", 1)[-1].strip())
        if row["gb_code"] not in codes:
            raise ReferenceError(f"战略性新兴产业分类“{path}”对应的行业代码 {row['gb_code']} 不存在")
        mappings.append(
            StrategicMapping(
                category=categories[path],
                industry_code=codes[row["gb_code"]],
                partial=row["partial_star"].strip().lower() == "true",
            )
        )
    StrategicMapping.objects.bulk_create(mappings, ignore_conflicts=True)
    return len(mappings)


def _load_city_clusters(rows: list[dict]) -> int:
    for row in rows:
        CityCluster.objects.update_or_create(name=row["name"], defaults={"tier": row["tier"]})
    return len(rows)


def _record_dataset(actor, key: str, name: str, rows: int, source: str = SOURCE, licence: str = "MIT") -> None:
    dataset = Dataset.objects.filter(key=key).first()
    before = None if dataset is None else audit.snapshot(dataset)
    dataset = dataset or Dataset(key=key)
    dataset.name, dataset.source, dataset.licence = name, source, licence
    dataset.rows, dataset.loaded_at = rows, timezone.now()
    dataset.save()
    audit.record(
        actor=actor,
        action="create" if before is None else "update",
        obj=dataset,
        before=before,
        note=f"载入参考数据 {rows} 行",
    )


@transaction.atomic
def load_reference(*, actor, directory: Path = BUNDLED) -> dict[str, int]:
    """Load (or refresh) both classifications from DIRECTORY; nothing changes if any file is bad."""
    ensure_can_add(actor, Dataset)
    codes = _load_codes(_rows(directory / GBT_FILE, {"code", "name", "level", "parent_code"}))
    mappings = _load_strategic(_rows(directory / SEI_FILE, {"gb_code", "sei_path", "partial_star"}), codes)
    _record_dataset(actor, "gbt4754-2017", "国民经济行业分类 GB/T 4754-2017", len(codes))
    _record_dataset(actor, "sei-2018", "战略性新兴产业分类(2018)与国民经济行业对照", mappings)
    # The 33618 list is small and stable; it ships with chanye and is not expected in DIRECTORY.
    city = _load_city_clusters(_rows(BUNDLED / CITY_FILE, {"name", "tier"}))
    _record_dataset(
        actor, "cq-33618", "重庆市“33618”现代制造业集群体系", city, source="重庆市公开政策", licence="公开信息"
    )
    return {
        "industry_codes": len(codes),
        "strategic_mappings": mappings,
        "strategic_categories": StrategicCategory.objects.count(),
    }
