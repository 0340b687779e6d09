"""Make chanye/reference/data/ from ../shared/data/: codes and names only, as the licences
and the brief ask (the standard's explanatory text, tags and key-product lists are dropped).

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


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    gbt = shared / "gbt4754_2017"
    n = copy_columns(gbt / "gbt4754_2017.csv", OUT / "gbt4754_2017.csv", ["code", "name", "level", "parent_code"])
    m = copy_columns(
        gbt / "sei2018_to_gbt4754.csv", OUT / "sei2018_to_gbt4754.csv", ["gb_code", "sei_path", "partial_star"]
    )
    print(f"{n} industry codes, {m} strategic-category mappings -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
