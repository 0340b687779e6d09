"""The fact extraction engine: plain Python, no Django.

    from chanye.extraction.engine import Subjects, extract, facts_to_jsonl
    facts = extract(clean(text).text, datetime.date(2023, 12, 25), Subjects.from_demo())

Kinds of fact: metric, target, signing, project, designation, listing (see facts.Fact).
"""

from .evaluate import evaluate
from .extract import extract
from .facts import Fact, facts_to_jsonl
from .subjects import Subjects

__all__ = ["Fact", "Subjects", "evaluate", "extract", "facts_to_jsonl"]
