"""extract(): the engine's entry point."""

import datetime

from .amounts import Mask, find_amounts, find_growths, find_points
from .context import Document, ParagraphContext, PeriodHistory, Sorted, build_timeline, heading_topic, sentence_topic
from .events import designation, listing, project, signing
from .facts import Fact
from .indicators import Catalogue
from .metrics import SentenceReader
from .subjects import DISTRICT, Lexicon, Subjects, declared_names
from .text import Working
from .timeexpr import FUTURE, find_targets, find_times


class _Span:
    def __init__(self, start, end):
        self.start, self.end = start, end


def extract(text: str, published: datetime.date, subjects: Subjects) -> list[Fact]:
    """Facts of cleaned Chinese text published on the given date, in the order of the text.

    text is best the output of chanye.archive.engine.pipeline.clean (one paragraph a line); any
    text works. Spans and evidence refer to the text as passed in."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not isinstance(published, datetime.date):
        raise TypeError(f"published must be a datetime.date, not {type(published).__name__}")
    if isinstance(published, datetime.datetime):
        published = published.date()
    working = Working(text)
    w = working.text
    lexicon = Lexicon.build(subjects)
    lexicon = lexicon.with_names(declared_names(w, lexicon))
    points = find_points(w)
    growths = find_growths(w, points)
    targets = find_targets(w, published)
    blocked = points + [(g.start, g.end) for g in growths]
    doc = Document(
        working=working,
        published=published,
        district=subjects.district,
        mentions=Sorted(lexicon.mentions(w)),
        indicators=Sorted(Catalogue.load().mentions(w)),
        amounts=Sorted(find_amounts(w, blocked)),
        growths=Sorted(growths),
        targets=Sorted(targets),
        futures=Sorted(_Span(*m.span()) for m in FUTURE.finditer(w)),
    )
    target_mask = Mask(len(w), [(t.start, t.end) for t in targets])
    facts: list[Fact] = []
    history = PeriodHistory()
    for paragraph in working.paragraphs():
        if paragraph.heading:
            doc.heading_topic = heading_topic(doc, paragraph)
            continue
        times = [
            t
            for t in find_times(paragraph.text, published, offset=paragraph.start)
            if not target_mask.hits(t.start, t.end)
        ]
        timeline = build_timeline(paragraph, times)
        lent = history.lend(paragraph, times)
        if lent is not None:
            timeline.insert(0, lent)
        history.add(times)
        para = ParagraphContext(paragraph, timeline)
        for index, sentence in enumerate(paragraph.sentences):
            para.sentence_index = index
            for rule in (signing, project, listing, designation):
                facts.extend(rule(doc, para, sentence))
            facts.extend(SentenceReader(doc, para, sentence, index).read())
            topic = sentence_topic(doc, sentence)
            if topic is not None:
                para.topic, para.topic_sentence = topic, index
            if any(m.entity.kind == DISTRICT for m in doc.mentions.within(sentence.start, sentence.end)):
                para.district_named = True
    return _deduplicated(facts)


def _deduplicated(facts: list[Fact]) -> list[Fact]:
    """The same statement twice (a lead repeating a paragraph) is one fact; the other places are kept in extra."""
    kept: dict[tuple, Fact] = {}
    for fact in facts:
        key = fact.key()
        if key in kept:
            first = kept[key]
            first.extra.setdefault("also_at", []).append(list(fact.span))
            first.confidence = max(first.confidence, fact.confidence)
            if first.period is None and first.open_year is None and fact.kind != "metric":
                first.period, first.open_year = fact.period, fact.open_year
        else:
            kept[key] = fact
    return list(kept.values())
