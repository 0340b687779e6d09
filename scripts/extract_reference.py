"""Make chanye/reference/data/ from ../shared/data/: codes and names only, as the licences
and the brief ask (the standard's explanatory text, tags and key-product lists are dropped;
of the division codes, provinces, cities and counties with their parents, and of the towns (乡级) only
the code and name of each 镇, 乡 and 街道).

    python scripts/extract_reference.py [SHARED_DATA_DIR]
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "chanye" / "reference" / "data"


def copy_columns(source: Path, target: Path, columns: list[str]) -> int:
    with source.open(encoding="utf-8", newline="") as f:
        rows = [{c: row[c] for c in columns} for row in csv.DictReader(f)]
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# City-level rows of the division codes that are not cities: the districts of a municipality and the
# counties a province governs directly hang from the province itself.
NOT_A_CITY = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_regions(folder: Path, target: Path) -> int:
    """统计用区划代码 as one tree of 6-digit codes: province (xx0000), city (xxxx00), county (xxxxxx)."""
    rows = [
        {"code": p["code"] + "0000", "name": p["name"], "level": "province", "parent_code": ""}
        for p in _rows(folder / "provinces.csv")
    ]
    skipped = set()
    for city in _rows(folder / "cities.csv"):
        if city["name"] in NOT_A_CITY:
            skipped.add(city["code"])
            continue
        rows.append(
            {
                "code": city["code"] + "00",
                "name": city["name"],
                "level": "city",
                "parent_code": city["provinceCode"] + "0000",
            }
        )
    cities = {row["code"] for row in rows}
    for area in _rows(folder / "areas.csv"):
        if area["code"] in cities:
            continue  # a city without counties (东莞, 中山, 儋州) is listed again as its own county
        parent = area["provinceCode"] + "0000" if area["cityCode"] in skipped else area["cityCode"] + "00"
        rows.append({"code": area["code"], "name": area["name"], "level": "county", "parent_code": parent})
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["code", "name", "level", "parent_code"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


TOWN_ENDINGS = ("镇", "乡", "街道")


def write_towns(folder: Path, target: Path) -> int:
    """The towns (镇, 乡, 街道) of the division codes: a 9-digit code (its first six are the county's) and
    the name; the extraction engine reads them by full name (长安镇) near the region a text is about.
    Other 乡级 units (农场, 地区, 开发区 …) are left out: their names are not towns' names."""
    rows = [
        {"code": row["code"], "name": row["name"]}
        for row in _rows(folder / "streets.csv")
        if row["name"].endswith(TOWN_ENDINGS) and len(row["name"]) >= 3
    ]
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["code", "name"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def write_pinyin(target: Path) -> int:
    """The pinyin of each region's short name (惠州 → huizhou; every reading of a character that has
    several: 长宁 → changning|zhangning), so that a government site's host name (gxj.huizhou.gov.cn) tells
    the region a document is from. pypinyin is needed here only, not at run time."""
    from itertools import islice, product

    from pypinyin import Style, lazy_pinyin, pinyin  # pip install pypinyin (MIT); a build-time tool of this script

    sys.path.insert(0, str(ROOT))
    from chanye.lib.gazetteer import Gazetteer

    rows = []
    for place in Gazetteer.load(OUT).places:
        if place.code is None or place.level == "town" or len(place.short) < 2:
            continue
        readings = pinyin(place.short, style=Style.NORMAL, heteronym=True, errors="ignore")
        # the usual reading first (湘潭 xiangtan; xiangyin, one of its other readings, is 湘阴's only one), then the rest
        usual = "".join(lazy_pinyin(place.short, errors="ignore"))
        variants = [usual, *sorted({"".join(combo) for combo in islice(product(*readings), 8)} - {usual})]
        # the first letters too (福州闽清 → fzmq.gov.cn, 三门峡 → smx.gov.cn): hosts often spell those
        initials = sorted({"".join(s[0] for s in combo) for combo in islice(product(*readings), 8)})
        rows.append({"code": place.code, "pinyin": "|".join(variants), "initials": "|".join(initials)})
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["code", "pinyin", "initials"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    gbt = shared / "gbt4754_2017"
    n = copy_columns(gbt / "gbt4754_2017.csv", OUT / "gbt4754_2017.csv", ["code", "name", "level", "parent_code"])
    m = copy_columns(
        gbt / "sei2018_to_gbt4754.csv", OUT / "sei2018_to_gbt4754.csv", ["gb_code", "sei_path", "partial_star"]
    )
    r = write_regions(shared / "admin_divisions", OUT / "regions.csv")
    t = write_towns(shared / "admin_divisions", OUT / "towns.csv")
    write_pinyin(OUT / "region_pinyin.csv")
    print(f"{n} industry codes, {m} strategic-category mappings, {r} regions, {t} towns -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
