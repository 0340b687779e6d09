"""The Lexicon finds the same mentions as one regular expression of every name, longest first, did
(the engine's first implementation, kept here as the reference), for registries full of clashes:
names shared by enterprises, clusters and parks, aliases of one another, names inside names."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chanye.extraction.engine import Subjects
from chanye.extraction.engine.subjects import CLUSTER, DISTRICT, ENTERPRISE, PARK, Entity, Lexicon, district_aliases


def reference(subjects: Subjects) -> dict[str, Entity]:
    """The names as the first implementation settled them."""
    names: dict[str, Entity] = {}
    ambiguous: set[str] = set()

    def add(name: str, entity: Entity):
        name = name.strip()
        if len(name) < 2:
            return
        if name in names and names[name] != entity:
            if names[name].name == name:
                return
            if entity.name != name:
                ambiguous.add(name)
                return
        names[name] = entity

    def frozen(mapping):
        return sorted((str(n), [str(a) for a in aliases or ()]) for n, aliases in mapping.items())

    enterprises, clusters, parks = frozen(subjects.enterprises), frozen(subjects.clusters), frozen(subjects.parks)
    for name, _ in enterprises:
        add(name, Entity(ENTERPRISE, name))
    for name, _ in clusters:
        add(name, Entity(CLUSTER, name))
    for name, _ in parks:
        add(name, Entity(PARK, name))
    for kind, table in ((ENTERPRISE, enterprises), (CLUSTER, clusters), (PARK, parks)):
        for name, aliases in table:
            for alias in aliases:
                add(alias, Entity(kind, name))
    for alias in district_aliases(subjects.district):
        names.setdefault(alias, Entity(DISTRICT, subjects.district))
    for name in ambiguous:
        names.pop(name, None)
    return names


def reference_mentions(names: dict[str, Entity], text: str) -> list[tuple[int, int, str, Entity]]:
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return [(m.start(), m.end(), m.group(), names[m.group()]) for m in pattern.finditer(text)]


# A tiny alphabet, so that names clash, nest and overlap as often as possible.
word = st.text(alphabet="甲乙丙丁 ", min_size=1, max_size=4)
table = st.dictionaries(word, st.lists(word, max_size=3), max_size=6)
district = st.sampled_from(["", "甲乙区", "乙丙县", "丙丁市"])


@settings(max_examples=300, deadline=None)
@given(
    enterprises=table,
    clusters=table,
    parks=table,
    district=district,
    text=st.text(alphabet="甲乙丙丁区全县", max_size=40),
)
def test_mentions_and_names_are_those_of_one_regular_expression_of_every_name(
    enterprises, clusters, parks, district, text
):
    subjects = Subjects(clusters=clusters, enterprises=enterprises, district=district, parks=parks)
    names = reference(subjects)
    lexicon = Lexicon.build(subjects)
    assert dict(lexicon.names.items()) == names
    assert [(m.start, m.end, m.text, m.entity) for m in lexicon.mentions(text)] == reference_mentions(names, text)
    assert lexicon.clusters() == frozenset(e for e in names.values() if e.kind == CLUSTER)
    # Another district over the same compiled enterprises, and names a document declares on top.
    elsewhere = subjects.but(clusters={}, parks={}, district="丁甲区")
    assert dict(Lexicon.build(elsewhere).names.items()) == reference(elsewhere)
    extra = {"乙乙": Entity("org", "乙乙公司"), "甲乙": Entity("org", "甲乙公司")}
    combined = {**names, **extra}
    assert [(m.start, m.end, m.text, m.entity) for m in lexicon.with_names(extra).mentions(text)] == (
        reference_mentions(combined, text)
    )


def test_the_enterprises_are_compiled_once_per_subjects():
    subjects = Subjects(
        clusters={"新材料": ["新材料产业"]}, enterprises={"重庆甲公司": ["甲公司"]}, district="大渡口区"
    )
    first = Lexicon.build(subjects)
    assert Lexicon.build(subjects) is first
    elsewhere = Lexicon.build(subjects.but(clusters={}, district="江津区"))
    assert elsewhere._base is first._base  # another region's lexicon shares the enterprises' automaton
    assert [m.entity.name for m in elsewhere.mentions("江津区的甲公司与新材料产业")] == ["江津区", "重庆甲公司"]
