"""`chanye evaluate_extraction [LABELS.jsonl …]`: precision and recall of the engine against labelled facts.

Without a file it scores the labelled set built from the two seed articles (chanye/extraction/engine/
labelled.py; the articles are read from --seeds, by default ../shared/seeds). A labels file has one
JSON object per document, in one of two formats:

- real articles about any region (eval/extraction/GUIDE.md): {"file", "url", "date" (null: undated),
  "region", "kinds", "labels": [{"kind", "region", "industry", "entity", "indicator", "value",
  "period", "yoy_pct", "target_year", …}]} — scored by chanye.extraction.engine.evaluate_open, with the
  precision and recall of the figures a dashboard shows as the headline;
- the synthetic sets: {"file", "date", "subjects"?, "labels": [{"kind", "subject", "subject_kind", …}]}
  — scored by chanye.extraction.engine.evaluate (subjects configured per line).

The file of each line is relative to its labels file."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .extract import configured_subjects


def _label(raw: dict) -> dict:
    label = dict(raw)
    for name in ("value", "yoy_pct"):
        if label.get(name) is not None:
            label[name] = Decimal(str(label[name]))
    if label.get("period") and "region" not in label:
        label["period"] = tuple(label["period"])
    return label


def _subjects(raw: dict):
    from chanye.extraction.engine import Subjects

    return Subjects(
        clusters=dict(raw.get("clusters", {})),
        enterprises=dict(raw.get("enterprises", {})),
        district=str(raw.get("district", "")),
        parks=dict(raw.get("parks", {})),
    )


def is_open(entry: dict) -> bool:
    """A line of the real-article corpus (open subjects) rather than of the synthetic sets."""
    return "kinds" in entry or any("region" in label or "industry" in label for label in entry.get("labels", []))


def read_labels(path: Path) -> list[dict]:
    documents = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            date = datetime.date.fromisoformat(entry["date"]) if entry.get("date") else None
            documents.append(
                {
                    "file": path.parent / entry["file"],
                    "date": date,
                    "open": is_open(entry),
                    "kinds": tuple(entry.get("kinds") or ("metric", "target", "signing", "project")),
                    "labels": [_label(label) for label in entry["labels"]],
                    "subjects": _subjects(entry["subjects"]) if entry.get("subjects") else None,
                    # its address, as the archive keeps a document's: the region of a bureau's note saying 全市
                    "source": str(entry.get("url") or ""),
                }
            )
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(f"{path} 第{number}行格式不对：{error}") from None
    return documents


def _seed_documents(seeds: Path | None) -> list[dict]:
    from chanye.extraction.engine import labelled

    documents = []
    for name, spec in labelled.DOCUMENTS.items():
        file = (seeds / spec["file"].name) if seeds else spec["file"]
        documents.append({"file": file, "date": spec["published"], "labels": labelled.labels(name), "open": False})
    return documents


def read_document(path: Path) -> tuple[str, str]:
    """The text as the archive cleans it (one paragraph a line), and the publisher its page names (来源：安徽日报),
    which the archive keeps as the document's source."""
    from chanye.archive.engine import pipeline, readers

    try:
        cleaned = pipeline.clean(readers.read_any(path.name, path.read_bytes()).text)
    except readers.ReadError as error:
        raise CommandError(f"{path}：{error}") from None
    return cleaned.text, str(cleaned.metadata.get("publication") or cleaned.metadata.get("source") or "")


def document_text(path: Path) -> str:
    return read_document(path)[0]


def document_origin(document: dict, publication: str) -> str:
    """What the platform hands the engine as a document's source: its publisher and its address."""
    return f"{publication} {document.get('source', '')}".strip()


def score(documents: list[dict], subjects) -> dict:
    """One report over the documents: the open corpus and the synthetic sets are scored apart."""
    from chanye.extraction.engine import evaluate, extract
    from chanye.extraction.engine.evaluate import merge
    from chanye.extraction.engine.evaluate_open import evaluate_open, merge_open

    reports = {"open": [], "configured": []}
    for document in documents:
        if not document["file"].is_file():
            raise CommandError(f"文章不存在：{document['file']}")
        text, publication = read_document(document["file"])
        facts = extract(
            text, document["date"], document.get("subjects") or subjects, source=document_origin(document, publication)
        )
        if document["open"]:
            report = evaluate_open(facts, document["labels"], document["kinds"])
            for item in report["wrong"] + report["missed"]:
                item["file"] = document["file"].name
            reports["open"].append(report)
        else:
            reports["configured"].append(evaluate(facts, document["labels"]))
    result = {}
    if reports["open"]:
        result["open"] = merge_open(reports["open"])
    if reports["configured"]:
        result["configured"] = merge(reports["configured"])
    return result


class Command(BaseCommand):
    help = "按标注事实评估抽取引擎的准确率和召回率：`chanye evaluate_extraction [标注.jsonl …] [--format json]`。"

    def add_arguments(self, parser):
        parser.add_argument("labels", nargs="*", type=Path, help="标注文件（JSON Lines）；缺省时用两篇种子文章的标注集")
        parser.add_argument("--seeds", type=Path, help="种子文章所在目录（缺省 ../shared/seeds）")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--quiet", action="store_true", help="只打印汇总，不列出不符与漏抽")

    def handle(self, *args, **options):
        from chanye.extraction.engine import Subjects, labelled

        if options["labels"]:
            documents = []
            for path in options["labels"]:
                if not path.is_file():
                    raise CommandError(f"标注文件不存在：{path}")
                documents += read_labels(path)
            subjects = configured_subjects()
        else:
            seeds = options["seeds"] or labelled.SEEDS
            if not seeds.is_dir():
                raise CommandError(
                    f"没有种子文章目录 {seeds}：请用 --seeds 指定两篇种子文章所在目录，或给出标注文件（如 eval/extraction/dev/labels_a.jsonl）"
                )
            documents, subjects = _seed_documents(options["seeds"]), Subjects.from_demo()
        report = score(documents, subjects)
        if options["format"] == "json":
            # One kind of labels gives its report as it is; both kinds give both, by kind.
            single = next(iter(report.values())) if len(report) == 1 else report
            self.stdout.write(json.dumps(single, ensure_ascii=False, default=str, indent=1))
            return
        self.stdout.write(f"{len(documents)} 篇文章")
        if "open" in report:
            self._open_table(report["open"], options["quiet"])
        if "configured" in report:
            self._table(report["configured"], options["quiet"])

    @staticmethod
    def _pct(value) -> str:
        return "—" if value is None else f"{value * 100:.1f}%"

    def _rows(self, by_kind: dict) -> None:
        pct = self._pct
        self.stdout.write(f"{'类型':<12}{'抽取':>6}{'正确':>6}{'准确率':>9}{'标注':>6}{'找到':>6}{'召回率':>9}")
        for kind, row in by_kind.items():
            self.stdout.write(
                f"{kind:<14}{row['facts']:>6}{row['correct']:>6}{pct(row['precision']):>10}"
                f"{row['labels']:>6}{row['found']:>6}{pct(row['recall']):>10}"
            )

    def _open_table(self, report: dict, quiet: bool) -> None:
        pct, d = self._pct, report["dashboard"]
        total = (
            f"驾驶舱数字（有数值且有期间或目标年份）：准确率 {pct(d['precision'])}（{d['correct']}/{d['facts']}），"
            f"召回率 {pct(d['recall'])}（{d['found']}/{d['labels']}）；全部：准确率 {pct(report['precision'])}，"
            f"召回率 {pct(report['recall'])}"
        )
        self._report(report, total, quiet, _open_wrong, _open_missed)

    def _table(self, report: dict, quiet: bool) -> None:
        pct, keyed = self._pct, report["keyed"]
        total = (
            f"合计：准确率 {pct(report['precision'])}，召回率 {pct(report['recall'])}；"
            f"已标注主体和指标的数字准确率（keyed）{pct(keyed['precision'])}（{keyed['correct']}/{keyed['facts']}）"
        )
        self._report(report, total, quiet, _wrong, _missed)

    def _report(self, report: dict, total: str, quiet: bool, wrong_line, missed_line) -> None:
        self._rows(report["by_kind"])
        self.stdout.write(total)
        if not quiet:
            self._errors(report, wrong_line, missed_line)

    def _errors(self, report: dict, wrong_line, missed_line) -> None:
        """Every wrong fact (不符) and every missed label (漏抽), one line each."""
        for fact in report["wrong"]:
            self.stdout.write(wrong_line(fact))
        for label in report["missed"]:
            self.stdout.write(missed_line(label))


def _open_wrong(fact: dict) -> str:
    region = (fact.get("region") or {}).get("name", "")
    industry = (fact.get("industry") or {}).get("name", "")
    return (
        f"  不符 {fact['file']}：{fact['kind']} {region}·{industry or fact['subject']} {fact.get('indicator') or ''} "
        f"{fact.get('value')} {fact.get('period')} {fact.get('yoy_pct')} ← “{fact['evidence'][:50]}”"
    )


def _open_missed(label: dict) -> str:
    region = (label.get("region") or {}).get("name", "")
    subject = label.get("industry") or label.get("entity") or label.get("subject") or ""
    return (
        f"  漏抽 {label['file']}：{label['kind']} {region}·{subject} {label.get('indicator') or ''} {label.get('value')} "
        f"{label.get('period') or label.get('target_year')} {label.get('yoy_pct')} ← “{label.get('evidence', '')[:50]}”"
    )


def _wrong(fact: dict) -> str:
    return (
        f"  不符：{fact['kind']} {fact['subject']} {fact.get('indicator') or ''} {fact.get('value')} "
        f"{fact.get('period')} ← “{fact['evidence'][:40]}”"
    )


def _missed(label: dict) -> str:
    return (
        f"  漏抽：{label['kind']} {label['subject']} {label.get('indicator') or label.get('title') or ''} "
        f"{label.get('value')}"
    )
