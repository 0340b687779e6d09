"""Places.find_names reads a text's region names with one leftmost-longest automaton; it must find what one
regular expression of every name, longest first, finds (the reference here), on texts made of the gazetteer's
own names cut, joined and overlapped, where names nest (重庆, 重庆市, 重庆高新区) and run into each other."""

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chanye.extraction.engine.places import Places

PLACES = Places.load()
NAMES = sorted(PLACES._patterns)
# A sample keeps the reference pattern quick to compile; the texts are made of these names, so every one of
# them can match, and the sample holds nested names because it is drawn with their prefixes.
SAMPLE = sorted(
    {n for name in random.Random(4754).sample(NAMES, 400) for n in (name, name[:2], name[:3]) if n in PLACES.names}
)
REFERENCE = re.compile("|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)))


def reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in REFERENCE.finditer(text)]


piece = st.one_of(
    st.sampled_from(SAMPLE),
    st.sampled_from(SAMPLE).map(lambda name: name[1:]),  # a name cut at its head: what follows may start another
    st.text(alphabet="区市县新高的和、，。年产值亿元1 ", min_size=1, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(piece, min_size=1, max_size=12))
def test_names_found_as_the_longest_first_pattern_finds_them(pieces):
    text = "".join(pieces)
    assert PLACES._scan(text) == reference(text)


def test_nested_and_adjacent_names():
    text = "重庆市江津区和重庆高新区，两江新区"
    found = [text[start:end] for start, end in PLACES._scan(text)]
    assert found == [text[start:end] for start, end in reference(text)]
    assert "江津区" in found and "两江新区" in found
    assert PLACES._scan("") == []
