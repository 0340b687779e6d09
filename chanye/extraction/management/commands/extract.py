"""`chanye extract FILE [--date YYYY-MM-DD] --format jsonl`: the facts of a document, one JSON object
a line (the public contract in the README). Works on any file the archive reads, with or without a
database: subjects come from the configured clusters and enterprises, or from the demo district."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError


def configured_subjects():
    """The platform's clusters and enterprises when a database is set up, else the demo district's."""
    from chanye.extraction.engine import Subjects
    from chanye.extraction.services import configured_subjects as platform_subjects

    try:
        subjects = platform_subjects()
    except DatabaseError:
        return Subjects.from_demo()
    return subjects if subjects.clusters else Subjects.from_demo()


class Command(BaseCommand):
    help = "从文档中抽取事实：`chanye extract 文件 [--date YYYY-MM-DD] --format jsonl`，每行一个 JSON 对象。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--date", help="发布日期；缺省时取文档元数据中的日期")
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument(
            "--source",
            default="",
            help="发布单位或网址（如 http://gxj.huizhou.gov.cn/…）：正文未写明地区时据此判断“全市”“本区”",
        )

    def handle(self, *args, **options):
        from chanye.archive.engine import pipeline, readers
        from chanye.extraction.engine import extract, facts_to_jsonl

        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        try:
            extracted = readers.read_any(path.name, path.read_bytes())
        except readers.ReadError as error:
            raise CommandError(str(error)) from error
        cleaned = pipeline.clean(extracted.text)
        date_text = options["date"] or cleaned.metadata.get("date") or extracted.date
        try:
            published = datetime.date.fromisoformat(date_text[:10]) if date_text else None
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{date_text}") from None
        text = "\n\n".join(p.text for p in cleaned.paragraphs)
        source = (
            options["source"]
            or " ".join(str(cleaned.metadata.get(k) or "") for k in ("publication", "source", "url")).strip()
        )
        facts = extract(text, published, configured_subjects(), source=source)
        if published is None:
            waiting = sum(f.needs_date for f in facts)
            self.stderr.write(
                f"警告：文档中没有发布日期。文中写明年份的数字照常输出；{waiting} 条要按发布日期推算"
                "（今年、去年底）的数字 period 为 null（note 说明）。可用 --date YYYY-MM-DD 指定。"
            )
        assumed = sum(f.region_assumed for f in facts)
        if assumed:
            self.stderr.write(
                f"提示：文中没有写地区，{assumed} 条数字按本平台所在区推定（region_assumed，note 说明）。"
                "可用 --source 指定发布单位或网址。"
            )
        output = facts_to_jsonl(facts)
        self.stdout.write(output if output.endswith("\n") or not output else output + "\n", ending="")
