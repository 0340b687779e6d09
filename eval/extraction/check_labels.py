"""Check a labels.jsonl of the real-article corpus against GUIDE.md: format, codes and evidence quotes.

    python3 eval/extraction/check_labels.py eval/extraction/dev/labels.jsonl

Prints one line per problem and exits 1 if there is any; plain Python, no project import.
"""

import csv
import json
import re
import sys
from pathlib import Path

KINDS = {"metric", "target", "signing", "project"}
INDICATORS = {
    "gdp",
    "value_added",
    "output",
    "revenue",
    "profit",
    "tax",
    "investment",
    "retail_sales",
    "foreign_trade",
    "exports",
    "fiscal_revenue",
    "foreign_capital",
    "contract_investment",
    "funds_in_place",
    "projects_introduced",
    "enterprises",
    "above_scale_enterprises",
    "market_entities",
}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def known_codes() -> set[str]:
    """6-digit codes of provinces (xx0000), cities (xxxx00) and areas, from the shared data if present."""
    folder = Path(__file__).resolve().parents[3] / "shared" / "data" / "admin_divisions"
    if not folder.is_dir():
        return set()
    codes = set()
    for name, width in (("provinces.csv", 2), ("cities.csv", 4), ("areas.csv", 6)):
        with (folder / name).open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                codes.add(row["code"].ljust(6, "0")[:6] if width < 6 else row["code"])
    return codes


def check_region(region, where: str, codes: set[str]) -> list[str]:
    if region is None:
        return []
    if not isinstance(region, dict) or not region.get("name"):
        return [f'{where}: region must be {{"name": …, "code": …}} or null']
    code = region.get("code")
    if code is not None and (not re.fullmatch(r"\d{6}", str(code)) or (codes and str(code) not in codes)):
        return [f"{where}: unknown region code {code!r} for {region['name']}"]
    return []


def check_label(label: dict, where: str, text: str, undated: bool, codes: set[str]) -> list[str]:
    problems = []
    kind = label.get("kind")
    if kind not in KINDS:
        return [f"{where}: kind {kind!r} is not one of {sorted(KINDS)}"]
    problems += check_region(label.get("region"), where, codes)
    evidence = label.get("evidence") or ""
    if not evidence:
        problems.append(f"{where}: no evidence")
    elif evidence not in text:
        problems.append(f"{where}: evidence not found verbatim in the text: {evidence[:30]}…")
    value = label.get("value")
    if value is not None and not isinstance(value, (int, float)):
        problems.append(f"{where}: value must be a number or null")
    if kind in ("metric", "target"):
        if label.get("indicator") not in INDICATORS:
            problems.append(f"{where}: indicator {label.get('indicator')!r} is not in the guide's table")
        if label.get("region") is None and not label.get("industry") and not label.get("entity"):
            problems.append(f"{where}: a figure needs a region, an industry or an entity")
    if kind == "metric":
        period = label.get("period")
        if period is None:
            if not (undated and label.get("needs_date")):
                problems.append(
                    f"{where}: period null is only for a dated-by-publication figure of an undated article (needs_date)"
                )
        elif (
            not isinstance(period, list)
            or len(period) != 2
            or not all(MONTH.match(str(p)) for p in period)
            or period[0] > period[1]
        ):
            problems.append(f'{where}: period must be ["YYYY-MM", "YYYY-MM"], start ≤ end')
        if value is None and label.get("yoy_pct") is None:
            problems.append(f"{where}: a metric needs a value or a yoy_pct")
    if kind == "target":
        year = label.get("target_year")
        if year is None and not (undated and label.get("needs_date")):
            problems.append(f"{where}: a target needs target_year")
        if value is None:
            problems.append(f"{where}: a target needs a value")
    if kind in ("signing", "project") and not label.get("subject") and kind == "project":
        problems.append(f"{where}: a project needs its name in subject")
    return problems


def check(path: Path) -> list[str]:
    codes = known_codes()
    problems, files = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error})")
            continue
        for name in ("file", "url", "retrieved", "title", "region", "labels"):
            if name not in entry:
                problems.append(f"{where}: missing {name}")
        file = path.parent / str(entry.get("file", ""))
        if not file.is_file():
            problems.append(f"{where}: no text file {file.name}")
            continue
        if entry["file"] in files:
            problems.append(f"{where}: {entry['file']} labelled twice")
        files.add(entry["file"])
        text = file.read_text(encoding="utf-8")
        for name in ("date", "published"):
            if entry.get(name) is not None and not DATE.match(str(entry[name])):
                problems.append(f"{where}: {name} must be YYYY-MM-DD or null")
        problems += check_region(entry.get("region"), where, codes)
        undated = entry.get("date") is None
        for index, label in enumerate(entry.get("labels", []), start=1):
            problems += check_label(label, f"{where} label {index}", text, undated, codes)
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    problems = check(Path(sys.argv[1]))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
