"""The cleaning chain for plain text: lines → page chrome removed → normalised → paragraphs →
reading order repaired. Readers (HTML, PDF, DOCX) turn a file into such text first."""

from dataclasses import dataclass, field, replace

from .chrome import strip_chrome_with_origins
from .normalize import normalize
from .paragraphs import Paragraph, split_paragraphs
from .readingorder import Join, repair


@dataclass
class Cleaned:
    metadata: dict  # what the page chrome told (publication, date, edition, section, title …)
    paragraphs: list[Paragraph]  # the final text
    joins: list[Join]  # reading-order joins made (kind "join"), each can be undone
    removed_lines: list[str]  # page chrome and repeated fragments taken out, as they were
    removed: list[dict] = field(default_factory=list)  # the same with line number and reason
    duplicates: list[Join] = field(default_factory=list)  # repeated fragments removed by repair
    repaired_from: list[Paragraph] = field(default_factory=list)  # paragraphs before repair, for undo

    @property
    def text(self) -> str:
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)


def _source_lines(paragraphs: list[Paragraph], origins: list[int | None]) -> list[Paragraph]:
    """Paragraphs numbered by the line of the input text they start on, not of the text left
    after the chrome was removed."""
    return [replace(p, line=(origins[p.line - 1] or 0) + 1) if 0 < p.line <= len(origins) else p for p in paragraphs]


def clean(text: str) -> Cleaned:
    """Run the chain on a plain text. Paragraph.line counts lines of text as splitlines() does."""
    metadata, lines, origins = strip_chrome_with_origins(text.splitlines())
    removed = metadata.pop("removed")
    title = metadata.get("title")
    paragraphs = split_paragraphs(normalize("\n".join(lines)), headings=(title,) if title else ())
    paragraphs = _source_lines(paragraphs, origins)
    repaired, joins = repair(paragraphs)
    duplicates = [join for join in joins if join.kind == "duplicate"]
    removed += [
        {"line": paragraphs[join.second].line, "text": join.after, "reason": join.reason} for join in duplicates
    ]
    metadata["removed"] = removed
    return Cleaned(
        metadata=metadata,
        paragraphs=repaired,
        joins=[join for join in joins if join.kind == "join"],
        removed_lines=[entry["text"] for entry in removed],
        removed=removed,
        duplicates=duplicates,
        repaired_from=paragraphs,
    )
