"""`chanye evaluate_extraction [LABELS.jsonl]`: precision and recall of the engine against labelled facts.

Without a file it scores the labelled set built from the two seed articles (chanye/extraction/engine/
labelled.py; the articles are read from --seeds). A labels file has one JSON object per document:

    {"file": "articles/a.txt", "date": "2024-01-23",
     "labels": [{"kind": "metric", "subject": "新材料", "subject_kind": "cluster", "indicator": "revenue",
                 "value": 5900000000, "period": ["2023-01", "2023-11"], "yoy_pct": 6.1}, …]}

(file relative to the labels file; the label fields are those of chanye.extraction.engine.evaluate).
A line may carry "subjects": {"district": "…区", "clusters": {name: [aliases]}, "enterprises": {name: [short
names]}, "parks": {name: []}} for articles about another district; otherwise the platform's are used.
Precision comes first: the "keyed" line is the precision over figures whose subject and indicator are
labelled, i.e. the figures a wrong number or period would put on the dashboard."""

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
    if label.get("period"):
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


def _read_labels(path: Path) -> list[dict]:
    documents = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            documents.append(
                {
                    "file": path.parent / entry["file"],
                    "date": datetime.date.fromisoformat(entry["date"]),
                    "labels": [_label(label) for label in entry["labels"]],
                    "subjects": _subjects(entry["subjects"]) if entry.get("subjects") else None,
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
        documents.append({"file": file, "date": spec["published"], "labels": labelled.labels(name)})
    return documents


class Command(BaseCommand):
    help = "按标注事实评估抽取引擎的准确率和召回率：`chanye evaluate_extraction [标注.jsonl] [--format json]`。"

    def add_arguments(self, parser):
        parser.add_argument("labels", nargs="?", type=Path, help="标注文件（JSON Lines）；缺省时用两篇种子文章的标注集")
        parser.add_argument("--seeds", type=Path, help="种子文章所在目录（缺省 ../shared/seeds）")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        from chanye.archive.engine import pipeline, readers
        from chanye.extraction.engine import Subjects, evaluate, extract
        from chanye.extraction.engine.evaluate import merge

        if options["labels"]:
            if not options["labels"].is_file():
                raise CommandError(f"标注文件不存在：{options['labels']}")
            documents, subjects = _read_labels(options["labels"]), configured_subjects()
        else:
            documents, subjects = _seed_documents(options["seeds"]), Subjects.from_demo()
        reports = []
        for document in documents:
            if not document["file"].is_file():
                raise CommandError(f"文章不存在：{document['file']}")
            try:
                text = pipeline.clean(readers.read_any(document["file"].name, document["file"].read_bytes()).text).text
            except readers.ReadError as error:
                raise CommandError(f"{document['file']}：{error}") from None
            reports.append(
                evaluate(extract(text, document["date"], document.get("subjects") or subjects), document["labels"])
            )
        report = merge(reports)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, default=str, indent=1))
        else:
            self._table(report, len(documents))

    def _table(self, report: dict, documents: int) -> None:
        def pct(value):
            return "—" if value is None else f"{value * 100:.1f}%"

        out = self.stdout
        out.write(f"{documents} 篇文章")
        out.write(f"{'类型':<12}{'抽取':>6}{'正确':>6}{'准确率':>9}{'标注':>6}{'找到':>6}{'召回率':>9}")
        for kind, row in report["by_kind"].items():
            out.write(
                f"{kind:<14}{row['facts']:>6}{row['correct']:>6}{pct(row['precision']):>10}"
                f"{row['labels']:>6}{row['found']:>6}{pct(row['recall']):>10}"
            )
        out.write(
            f"合计：准确率 {pct(report['precision'])}，召回率 {pct(report['recall'])}；"
            f"已标注主体和指标的数字准确率（keyed）{pct(report['keyed']['precision'])}"
            f"（{report['keyed']['correct']}/{report['keyed']['facts']}）"
        )
        for fact in report["wrong"]:
            out.write(
                f"  不符：{fact['kind']} {fact['subject']} {fact.get('indicator') or ''} {fact.get('value')} "
                f"{fact.get('period')} ← “{fact['evidence'][:40]}”"
            )
        for label in report["missed"]:
            out.write(
                f"  漏抽：{label['kind']} {label['subject']} {label.get('indicator') or label.get('title') or ''} "
                f"{label.get('value')}"
            )
