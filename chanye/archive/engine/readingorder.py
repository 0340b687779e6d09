"""Reading-order repair for pages whose columns were extracted out of order.

A PDF page set in columns often comes out of text extraction with its columns shuffled: a
paragraph stops mid-sentence at the foot of a column ("今年1-11月，全区新材料产业全年") and its
continuation ("实现营收59亿元，…") stands somewhere else: the very next paragraph, the one after
a picture caption, or dozens of paragraphs away.

How pairs are found, so that every join can be explained:

1. Open fragments are body paragraphs that do not end a sentence: no 。！？… at the end, nor a
   closing quote or bracket after one (a final colon or semicolon ends a paragraph too: it
   introduces what follows, or closes an item of a list). Headings and captions never take part.
2. Any other body paragraph may continue a fragment. A pair (fragment, continuation) is scored
   by cues, each worth points and each written in Chinese into the join's reason:
   - how the fragment ends: a comma or 、 means the sentence certainly goes on; a bare
     character means it was probably cut;
   - how the continuation starts: with punctuation, with a particle that cannot open a sentence
     (了, 着, 以来 …), or with a first clause too short to be a sentence ("驻企业，"): these
     attach to a character, so they count for a fragment cut after one and against a fragment
     ending with a comma; "是" after a comma reads on; a common sentence opener ("目前，",
     "12月13日，") counts against the pair;
   - an opening quote “ that the fragment leaves open and the continuation closes;
   - adjacency: the continuation is the next body paragraph, at most captions between (a picture
     set into a column cuts its text: with a caption between, the cut is the more certain);
   - topic: the continuation shares more (rare) words with the fragment and the paragraph before
     it than with the paragraph it now stands after: a moved paragraph fits its true place
     better than its present one (tf-idf weighted character bigrams, cosine similarity);
   - the column pattern: a shuffle moves whole runs of paragraphs, so several continuations lie
     the same number of paragraphs away from their fragments; a pair with the displacement of
     other joins gains, the more the more joins share it. It only counts for a pair that the
     topic or the continuation's first words already support.
3. A pair is eligible when it scores at least JOIN_THRESHOLD and something shows where the
   continuation stands or how it begins (adjacency, its first words, the quote, the column
   pattern): an open fragment and a paragraph on the same topic are no evidence of a cut.
   The pairs are chosen together, not one by one: the set of eligible pairs that scores most in
   total (a paragraph continuing at most one fragment and continued at most once) is found by
   an optimal assignment. The column pattern depends on the joins chosen, so the choice is
   repeated with the pattern of the previous choice until it no longer changes. Choosing
   together matters: "…单位，" followed by "是大渡口培育生态环保产业…" looks right locally, yet
   "…的三峰环境，" is the better fragment for that continuation.
4. The same open fragment printed twice (a PDF repeats a text box) is completed once: the
   occurrence whose join scores best is joined, and the other is removed and reported as a
   duplicate (kind "duplicate"), since keeping it would leave a sentence that stops mid-way.

The joined paragraph takes the fragment's place; the continuation leaves its own. Each Join
holds the indices of both paragraphs in the input and their texts, so apply() and undo() can
rebuild the text with any join left out. A join's text is before + after, with nothing between.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from .normalize import search_form
from .paragraphs import BODY, HEADING, Paragraph

JOIN_THRESHOLD = 4.0

# -- cues and their weights ------------------------------------------------------------------

OPEN_AT_COMMA = 2.0  # the fragment ends with ，、—: the sentence certainly goes on
OPEN_MID_SENTENCE = 1.5  # the fragment ends with a character: in running text, a cut
STARTS_WITH_PUNCTUATION = 3.0
STARTS_WITH_PARTICLE = 2.5  # 了, 着, 以来 … right after a character: a cut, almost surely
STARTS_WITH_IS = 2.0  # 是 after a comma: the subject stood before the comma
SHORT_FIRST_CLAUSE = 1.0
STARTS_LIKE_A_SENTENCE = -1.0
OPENS_A_SECTION = -2.0  # the continuation is the first paragraph under a heading
QUOTE_CLOSED = 3.0
ADJACENT = 2.0
ADJACENT_ACROSS_CAPTION = 3.0
TOPIC = 5.0  # times the gain in cosine similarity (0-1)
PATTERN_PER_JOIN = 1.0  # per other join with the same displacement (half if one off)
PATTERN_MAX = 3.0
MAX_ROUNDS = 6

# A paragraph that ends with one of these is complete. A colon ends a paragraph that introduces
# the next ("各街道、各部门：", "他说："), and a semicolon ends an item of a list ("（一）…；").
_SENTENCE_END = "。！？!?….：:；;"
_CLOSERS = "”’」』）)》〉】\"'"
_OPEN_ENDINGS = "，、—,"
_CONTINUATION_PUNCTUATION = "，。、；：？！）》”’…,;:?!)"

# Characters and words that attach to what precedes them and cannot open a sentence, each with
# the words that begin with them and do open sentences (了解情况…, 着力推动…, 是否…).
_BOUND_STARTS = {
    "了": ("了解", "了不起"),
    "着": ("着力", "着眼", "着手", "着重", "着实", "着想"),
    "们": (),
    "吗": (),
    "呢": (),
    "吧": (),
    "啊": (),
    "以来": (),
    "以后": (),
    "之后": (),
    "之前": (),
    "之际": (),
    "之间": (),
    "之一": (),
    "之中": (),
    "起来": (),
    "下来": (),
    "上来": (),
    "是": ("是否", "是的", "是啊"),
}
# Words that open sentences, before the first comma.
_OPENERS = {
    "目前",
    "当前",
    "如今",
    "眼下",
    "现在",
    "同时",
    "此外",
    "另外",
    "比如",
    "例如",
    "其中",
    "首先",
    "其次",
    "再次",
    "最后",
    "然而",
    "但是",
    "不过",
    "因此",
    "所以",
    "于是",
    "总之",
    "据悉",
    "据介绍",
    "据了解",
    "近年来",
    "近年",
    "近期",
    "近日",
    "日前",
    "此前",
    "随后",
    "对此",
    "为此",
    "同样",
    "今年",
    "去年",
    "明年",
    "今天",
    "昨天",
    "当天",
    "当日",
    "未来",
    "过去",
    "事实上",
    "实际上",
    "另一方面",
    "一方面",
    "截至目前",
    "今年以来",
    "前不久",
    "不久前",
}
# Time expressions that open sentences: 12月13日, 2023年, 本月初, 年底, 上周.
_DATE_OPENER = re.compile(
    r"^(?:(?=\d)(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?|[本上下今去明前近当]?(?:年|月|周|日|天))"
    r"(?:以来|起|底|初|末|中|上旬|中旬|下旬)?$"
)
_CLAUSE_END = re.compile(r"[，。；：！？、,;:!?]")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_FUNCTION_CHARACTERS = set("的了着和与及或在是为对把被也都就而之其")


@dataclass(frozen=True)
class Join:
    first: int  # index in the input of the paragraph cut mid-sentence
    second: int  # index of its continuation; for a duplicate, of the repeated fragment removed
    before: str  # the text of the first paragraph
    after: str  # the text of the second
    reason: str  # why, in Chinese
    kind: str = "join"  # "join" or "duplicate"
    score: float = 0.0


@dataclass(frozen=True)
class Cue:
    points: float
    says: str
    kind: str  # "ending", "start", "quote", "adjacent", "section", "topic" or "pattern"


# Cues that show where the continuation stands or how it begins. A pair needs one of them: an
# open fragment and a paragraph on the same topic alone are no evidence of a cut.
_EVIDENCE = {"start", "quote", "adjacent", "pattern"}


@dataclass(frozen=True)
class Candidate:
    fragment: int
    continuation: int
    cues: tuple[Cue, ...]

    @property
    def score(self) -> float:
        return round(sum(cue.points for cue in self.cues), 3)

    @property
    def reason(self) -> str:
        strongest_first = sorted(self.cues, key=lambda cue: -cue.points)
        return "；".join(cue.says for cue in strongest_first if cue.points > 0)


# -- sentences -------------------------------------------------------------------------------


def is_sentence_end(text: str) -> bool:
    """Whether a paragraph ends its sentence: 。！？… (or a colon or semicolon, see _SENTENCE_END),
    or a closing quote or bracket after one. A paragraph that is all one bracket, an editor's
    note such as "（完）", ends too."""
    text = text.rstrip()
    if re.fullmatch(r"[（(][^（()）]*[）)]", text):
        return True
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in _SENTENCE_END


def _leaves_quote_open(text: str) -> bool:
    return text.count("“") > text.count("”")


def _closes_unopened_quote(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "“") - (char == "”")
        if depth < 0:
            return True
    return False


def _first_clause(text: str) -> str:
    return _CLAUSE_END.split(text, maxsplit=1)[0]


def _snippet(text: str, length: int = 8, end: bool = False) -> str:
    if len(text) <= length:
        return text
    return "…" + text[-length:] if end else text[:length] + "…"


# -- the page --------------------------------------------------------------------------------


def _bigrams(text: str) -> Counter:
    return Counter(run[i : i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1))


class _Page:
    """The paragraphs with what scoring needs: body order, neighbours, word weights."""

    def __init__(self, paragraphs: list[Paragraph]):
        self.paragraphs = paragraphs
        self.texts = [search_form(p.text) for p in paragraphs]
        self.body = [i for i, p in enumerate(paragraphs) if p.kind == BODY]
        self.rank = {index: rank for rank, index in enumerate(self.body)}
        self._vectors: dict[tuple[int, ...], tuple[dict[str, float], float]] = {}

    # Words are counted only when a pair is scored on topic: a page with no fragment (most of them) never is.

    @cached_property
    def grams(self) -> dict[int, Counter]:
        return {i: _bigrams(self.texts[i]) for i in self.body}

    @cached_property
    def idf(self) -> dict[str, float]:
        """Words found in many paragraphs (大渡口, 产业) say little about which paragraphs belong
        together; rare ones (玻璃纤维, 三峰环境) say much."""
        frequency = Counter(gram for i in self.body for gram in self.grams[i])
        count = len(self.body)
        return {gram: math.log((1 + count) / (1 + n)) + 1 for gram, n in frequency.items()}

    def next_body(self, index: int) -> int | None:
        """The next body paragraph, across captions only: a heading ends the flow."""
        for following in range(index + 1, len(self.paragraphs)):
            kind = self.paragraphs[following].kind
            if kind == BODY:
                return following
            if kind == HEADING:
                return None
        return None

    def previous_body(self, index: int, skip: int | None = None) -> int | None:
        for preceding in range(index - 1, -1, -1):
            kind = self.paragraphs[preceding].kind
            if kind == BODY and preceding != skip:
                return preceding
            if kind == HEADING:
                return None
        return None

    def opens_section(self, index: int) -> bool:
        """The first body paragraph under a heading (captions between do not count)."""
        for preceding in range(index - 1, -1, -1):
            kind = self.paragraphs[preceding].kind
            if kind == HEADING:
                return True
            if kind == BODY:
                return False
        return False

    def _vector(self, indices: tuple[int, ...]) -> tuple[dict[str, float], float]:
        """The tf-idf vector of some paragraphs together, and its length (cached)."""
        if indices not in self._vectors:
            counts = Counter()
            for index in indices:
                counts.update(self.grams[index])
            vector = {gram: n * self.idf[gram] for gram, n in counts.items()}
            self._vectors[indices] = vector, math.sqrt(sum(v * v for v in vector.values()))
        return self._vectors[indices]

    def similarity(self, left: list[int | None], right: list[int | None]) -> tuple[float, list[str]]:
        """Cosine similarity of two groups of paragraphs, and the rarest words they share."""
        (left_vector, left_norm) = self._vector(tuple(i for i in left if i is not None))
        (right_vector, right_norm) = self._vector(tuple(i for i in right if i is not None))
        if len(right_vector) < len(left_vector):
            left_vector, right_vector = right_vector, left_vector
        shared = [gram for gram in left_vector if gram in right_vector]
        dot = sum(left_vector[gram] * right_vector[gram] for gram in shared)
        rarest = sorted(shared, key=lambda gram: (-self.idf[gram], gram))[:5]
        return (dot / (left_norm * right_norm) if left_norm and right_norm else 0.0), rarest

    def shared_words(self, grams: list[str], left: list[int | None], right: list[int | None]) -> list[str]:
        """The shared bigrams grown into the longest runs both sides have ("动力电池", not "力电")."""
        left_text = "\n".join(self.texts[i] for i in left if i is not None)
        right_text = "\n".join(self.texts[i] for i in right if i is not None)
        words = []
        for gram in grams:
            start = right_text.find(gram)
            end = start + len(gram)
            while start > 0 and right_text[start - 1 : end] in left_text and _HAN.match(right_text[start - 1]):
                start -= 1
            while end < len(right_text) and right_text[start : end + 1] in left_text and _HAN.match(right_text[end]):
                end += 1
            word = right_text[start:end]
            if len(word) == 2 and _FUNCTION_CHARACTERS.intersection(word):
                continue  # "的生" is no word to show
            if not any(word in other for other in words):
                words = [other for other in words if other not in word] + [word]
        return words[:3]

    def topic(self, fragment: int, continuation: int) -> tuple[float, float, list[str]]:
        """How well the continuation fits after the fragment (with the paragraph before the
        fragment), and how well it fits where it stands (after the two paragraphs before it)."""
        left = [fragment, self.previous_body(fragment, skip=continuation)]
        there, grams = self.similarity(left, [continuation])
        words = self.shared_words(grams, left, [continuation])
        preceding = self.previous_body(continuation, skip=fragment)
        if preceding is None:
            return there, 0.0, words
        here, _ = self.similarity([preceding, self.previous_body(preceding, skip=fragment)], [continuation])
        return there, here, words


# -- cues ------------------------------------------------------------------------------------


def _ending_cue(text: str) -> Cue | None:
    """How open a fragment is; None if it ends its sentence."""
    text = text.rstrip()
    if not text or is_sentence_end(text):
        return None
    if text[-1] in _OPEN_ENDINGS:
        return Cue(OPEN_AT_COMMA, f"前段以“{text[-1]}”结尾，句子未完", "ending")
    return Cue(OPEN_MID_SENTENCE, f"前段在“{_snippet(text, 6, end=True)}”处断开，没有句末标点", "ending")


def _start_cues(last: str, text: str) -> list[Cue]:
    """What the first words of a paragraph say about whether it continues a fragment whose last
    character is last.

    A particle (了, 着, 以来 …) and a broken-off word ("驻企业，") attach to the character
    before them, so they speak for a fragment cut after a character and against one that ends
    with a comma: "…引进培育" + "了德润环境" reads on, "…三峰环境，" + "了德润环境" does not. "是"
    needs the subject before it: after a comma it reads on ("…的三峰环境，" + "是大渡口…").
    """
    if not text:
        return []
    cut_after_character = last not in _OPEN_ENDINGS
    if text[0] in _CONTINUATION_PUNCTUATION:
        return [Cue(STARTS_WITH_PUNCTUATION, f"后段以“{text[0]}”开头", "start")] if cut_after_character else []
    cues = []
    particle = next(
        (
            start
            for start, exceptions in _BOUND_STARTS.items()
            if text.startswith(start) and not text.startswith(exceptions)
        ),
        None,
    )
    if particle == "是":
        if last in "，,":
            cues.append(Cue(STARTS_WITH_IS, "后段以“是”开头，主语在前段“，”之前", "start"))
    elif particle:
        if cut_after_character:
            cues.append(Cue(STARTS_WITH_PARTICLE, f"后段以“{particle}”开头，不能单独起句，正接前段末字", "start"))
        else:
            cues.append(Cue(-STARTS_WITH_PARTICLE, f"“{last}”之后不能接“{particle}”", "start"))
    clause = _first_clause(text)
    if clause in _OPENERS or _DATE_OPENER.match(clause):
        cues.append(Cue(STARTS_LIKE_A_SENTENCE, f"后段以句首语“{clause}”开头", "start"))
    elif cut_after_character and not particle and len(clause) <= 3 and clause != text:
        cues.append(Cue(SHORT_FIRST_CLAUSE, f"后段开头“{clause}{text[len(clause)]}”不成句，正接前段末字", "start"))
    return cues


def _adjacency_cue(page: _Page, fragment: int, continuation: int) -> Cue | None:
    if page.next_body(fragment) != continuation:
        return None
    if continuation - fragment > 1:
        return Cue(ADJACENT_ACROSS_CAPTION, "后段紧接前段，中间只隔一处图注（图片把这一栏的文字隔断）", "adjacent")
    return Cue(ADJACENT, "后段紧接前段", "adjacent")


def _topic_cue(page: _Page, fragment: int, continuation: int) -> Cue | None:
    there, here, words = page.topic(fragment, continuation)
    gain = there - here
    if abs(gain) < 0.005:
        return None
    if gain > 0:
        shared = f"（共有{'、'.join(f'“{w}”' for w in words)}等字）" if words else ""
        return Cue(
            TOPIC * gain, f"话题接得上：与前段的相似度{there:.2f}，高于与后段现处上文的{here:.2f}{shared}", "topic"
        )
    return Cue(TOPIC * gain, f"后段与其现处上文更相近（{here:.2f}，高于与前段的{there:.2f}）", "topic")


def _base_cues(page: _Page, fragment: int, continuation: int, ending: Cue, starts: list[Cue]) -> list[Cue]:
    """Every cue of a pair except the column pattern, which depends on the other joins."""
    cues = [ending, *starts]
    if _leaves_quote_open(page.texts[fragment]) and _closes_unopened_quote(page.texts[continuation]):
        cues.append(Cue(QUOTE_CLOSED, "前段的引号“在后段闭合”", "quote"))
    if adjacency := _adjacency_cue(page, fragment, continuation):
        cues.append(adjacency)  # a neighbour's topic says nothing about a move: no topic cue
    else:
        if page.opens_section(continuation):
            cues.append(Cue(OPENS_A_SECTION, "后段是标题下的第一段", "section"))
        if topic := _topic_cue(page, fragment, continuation):
            cues.append(topic)
    return cues


def _supported(cues: list[Cue]) -> bool:
    """Whether the topic or the continuation's first words speak for the pair: the column
    pattern alone must not pull a paragraph away from where it fits."""
    return any(cue.points > 0 and cue.kind in ("topic", "start", "quote") for cue in cues)


def _evidenced(candidate: "Candidate") -> bool:
    return any(cue.points > 0 and cue.kind in _EVIDENCE for cue in candidate.cues)


def _displacement(page: _Page, fragment: int, continuation: int) -> int:
    return page.rank[continuation] - page.rank[fragment]


def _pattern_cue(
    page: _Page, fragment: int, continuation: int, by_displacement: dict[int, list[Candidate]]
) -> Cue | None:
    displacement = _displacement(page, fragment, continuation)
    if displacement == 1:
        return None  # the next paragraph: adjacency has its own cue
    same = [o for o in by_displacement.get(displacement, []) if o.fragment != fragment]
    near = [
        o for d in (displacement - 1, displacement + 1) for o in by_displacement.get(d, []) if o.fragment != fragment
    ]
    weight = len(same) + len(near) / 2
    if not weight:
        return None
    direction = "前" if displacement < 0 else "后"
    examples = "、".join(f"“{_snippet(page.paragraphs[o.fragment].text, 6, end=True)}”" for o in (same + near)[:2])
    says = (
        f"与{examples}等{len(same) + len(near)}处拼接一样向{direction}跨约{abs(displacement)}段接续，符合分栏错位的规律"
    )
    return Cue(min(PATTERN_MAX, PATTERN_PER_JOIN * weight), says, "pattern")


# -- choosing the joins ----------------------------------------------------------------------


def _assignment(rows: int, columns: int, weight: dict[tuple[int, int], float]) -> dict[int, int]:
    """Rows matched to columns so that the total weight is largest (Hungarian method; pairs not
    in weight cannot be matched; a row may stay unmatched)."""
    width = columns + rows  # one "no match" column per row, at no cost
    cost = [[-weight.get((r, c), 0.0) if c < columns else 0.0 for c in range(width)] for r in range(rows)]
    for r in range(rows):
        for c in range(columns):
            if (r, c) not in weight:
                cost[r][c] = math.inf
    u, v = [0.0] * (rows + 1), [0.0] * (width + 1)
    owner, way = [0] * (width + 1), [0] * (width + 1)
    for row in range(1, rows + 1):
        owner[0], column = row, 0
        least, used = [math.inf] * (width + 1), [False] * (width + 1)
        while True:
            used[column] = True
            current_row, delta, next_column = owner[column], math.inf, 0
            for c in range(1, width + 1):
                if used[c]:
                    continue
                reduced = cost[current_row - 1][c - 1] - u[current_row] - v[c]
                if reduced < least[c]:
                    least[c], way[c] = reduced, column
                if least[c] < delta:
                    delta, next_column = least[c], c
            for c in range(width + 1):
                if used[c]:
                    u[owner[c]] += delta
                    v[c] -= delta
                else:
                    least[c] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return {owner[c] - 1: c - 1 for c in range(1, columns + 1) if owner[c]}


def _components(pairs: list[Candidate]) -> list[list[Candidate]]:
    """Pairs grouped so that no fragment or continuation is shared between groups: each group is
    assigned on its own, which keeps the assignment small on long documents."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        parent[root(("f", pair.fragment))] = root(("c", pair.continuation))
    groups: dict[tuple[str, int], list[Candidate]] = {}
    for pair in pairs:
        groups.setdefault(root(("f", pair.fragment)), []).append(pair)
    return list(groups.values())


def _in_cycle(start: int, following: dict[int, int]) -> list[int]:
    """The fragments of a cycle of joins through start (A continues in B, B in A), if any."""
    path, index = [start], following.get(start)
    while index is not None and index not in path:
        path.append(index)
        index = following.get(index)
    return path[path.index(index) :] if index is not None else []


class _Chooser:
    """Scores pairs and chooses the best set of joins.

    Not every pair is scored: only those a join could come of, that is pairs with evidence of a
    cut on the continuation's side (adjacency, its first words, a closing quote) and, once joins
    are chosen, pairs at the displacements of the chosen far joins (the column pattern). A long
    report with hundreds of page breaks is repaired in time proportional to its fragments times
    the paragraphs that look like continuations, not to the square of its length.
    """

    def __init__(self, page: _Page):
        self.page = page
        self.endings = {f: ending for f in page.body if (ending := _ending_cue(page.texts[f])) is not None}
        self.closers = [c for c in page.body if _closes_unopened_quote(page.texts[c])]
        self.by_rank = page.body
        self._starts: dict[tuple[str, int], list[Cue]] = {}
        self._base: dict[tuple[int, int], list[Cue]] = {}
        self._opening: dict[str, list[int]] = {}

    def _start_cues(self, last: str, continuation: int) -> list[Cue]:
        key = (last, continuation)
        if key not in self._starts:
            self._starts[key] = _start_cues(last, self.page.texts[continuation])
        return self._starts[key]

    def _openings(self, last: str) -> list[int]:
        """Body paragraphs whose first words say they continue a fragment ending with last."""
        if last not in self._opening:
            self._opening[last] = [
                c for c in self.page.body if any(cue.points > 0 for cue in self._start_cues(last, c))
            ]
        return self._opening[last]

    def _base_cues(self, fragment: int, continuation: int) -> list[Cue]:
        key = (fragment, continuation)
        if key not in self._base:
            self._base[key] = _base_cues(
                self.page,
                fragment,
                continuation,
                self.endings[fragment],
                self._start_cues(self.page.texts[fragment][-1], continuation),
            )
        return self._base[key]

    def _pairs(self, displacements: set[int]) -> set[tuple[int, int]]:
        page, pairs = self.page, set()
        for fragment in self.endings:
            text = page.texts[fragment]
            found = set(self._openings(text[-1]))
            if (following := page.next_body(fragment)) is not None:
                found.add(following)
            if _leaves_quote_open(text):
                found.update(self.closers)
            rank = page.rank[fragment]
            for displacement in displacements:
                for offset in (-1, 0, 1):
                    if 0 <= rank + displacement + offset < len(self.by_rank):
                        found.add(self.by_rank[rank + displacement + offset])
            # Never the fragment itself, nor a repeat of it.
            pairs.update((fragment, c) for c in found if page.texts[c] != text)
        return pairs

    def scored(self, chosen: list[Candidate]) -> list[Candidate]:
        """The pairs worth scoring, with their cues, the column pattern taken from the joins
        chosen so far."""
        by_displacement: dict[int, list[Candidate]] = {}
        for c in chosen:
            if (d := _displacement(self.page, c.fragment, c.continuation)) != 1:
                by_displacement.setdefault(d, []).append(c)
        result = []
        for fragment, continuation in sorted(self._pairs(set(by_displacement))):
            cues = self._base_cues(fragment, continuation)
            if _supported(cues) and (pattern := _pattern_cue(self.page, fragment, continuation, by_displacement)):
                cues = [*cues, pattern]
            result.append(Candidate(fragment, continuation, tuple(cues)))
        return result

    def choose(self, candidates: list[Candidate], forbidden: set[tuple[int, int]]) -> list[Candidate]:
        eligible = [
            c
            for c in candidates
            if c.score >= JOIN_THRESHOLD and _evidenced(c) and (c.fragment, c.continuation) not in forbidden
        ]
        chosen = []
        for group in _components(eligible):
            fragments = sorted({c.fragment for c in group})
            continuations = sorted({c.continuation for c in group})
            row, column = {f: i for i, f in enumerate(fragments)}, {c: i for i, c in enumerate(continuations)}
            # The weight is what a pair scores above the threshold, plus a little for each pair,
            # so that two joins are preferred to one that scores as much as both.
            weight = {(row[c.fragment], column[c.continuation]): c.score - JOIN_THRESHOLD + 0.01 for c in group}
            by_pair = {(row[c.fragment], column[c.continuation]): c for c in group}
            chosen += [by_pair[pair] for pair in _assignment(len(fragments), len(continuations), weight).items()]
        return sorted(chosen, key=lambda c: c.fragment)

    def run(self) -> list[Candidate]:
        chosen: list[Candidate] = []
        forbidden: set[tuple[int, int]] = set()
        seen = []
        for _ in range(MAX_ROUNDS):
            candidates = self.scored(chosen)
            choice = self.choose(candidates, forbidden)
            following = {c.fragment: c.continuation for c in choice}
            cycle = next((found for c in choice if (found := _in_cycle(c.fragment, following))), [])
            if cycle:  # A continues in B and B in A: drop the weakest of the cycle and choose again
                weakest = min((c for c in choice if c.fragment in cycle), key=lambda c: c.score)
                forbidden.add((weakest.fragment, weakest.continuation))
                continue
            pairs = [(c.fragment, c.continuation) for c in choice]
            if pairs in seen:
                return choice
            seen.append(pairs)
            chosen = choice
        return chosen


def candidates(paragraphs: list[Paragraph]) -> list[Candidate]:
    """Every (fragment, continuation) pair with its score and cues, best first, the column
    pattern taken from the joins that repair() chooses: to show why a join was or was not made."""
    chooser = _Chooser(_Page(paragraphs))
    return sorted(chooser.scored(chooser.run()), key=lambda c: (-c.score, c.fragment, c.continuation))


def _duplicates(page: _Page, chosen: list[Candidate]) -> list[Join]:
    """Open fragments left unjoined whose text is that of a joined fragment."""
    joined = {page.texts[c.fragment]: c.fragment for c in chosen}
    used = {c.fragment for c in chosen} | {c.continuation for c in chosen}
    found = []
    for index in page.body:
        kept = joined.get(page.texts[index])
        if kept is None or index in used or _ending_cue(page.texts[index]) is None:
            continue
        where = f"（第{page.paragraphs[kept].line}行）" if page.paragraphs[kept].line else ""
        reason = f"与另一处{where}断句片段完全相同（版面重复），那一处已与后文拼接，此处删去"
        found.append(Join(kept, index, page.paragraphs[kept].text, page.paragraphs[index].text, reason, "duplicate"))
    return found


def repair(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Join]]:
    """Rejoin paragraphs cut mid-sentence.

    Returns the repaired paragraphs and the joins: kind "join" in the order of their first
    paragraph, then kind "duplicate" for repeated fragments removed.
    """
    page = _Page(paragraphs)
    chosen = _Chooser(page).run()
    joins = [
        Join(
            c.fragment,
            c.continuation,
            paragraphs[c.fragment].text,
            paragraphs[c.continuation].text,
            c.reason,
            "join",
            c.score,
        )
        for c in chosen
    ]
    joins += _duplicates(page, chosen)
    return apply(paragraphs, joins), joins


def apply(paragraphs: list[Paragraph], joins: list[Join]) -> list[Paragraph]:
    """The paragraphs with the joins made: a joined paragraph stands where its first part stood
    (a continuation may itself be continued: the chain follows on), a duplicate is left out."""
    following = {j.first: j.second for j in joins if j.kind == "join"}
    elsewhere = set(following.values()) | {j.second for j in joins if j.kind == "duplicate"}
    result = []
    for index, paragraph in enumerate(paragraphs):
        if index in elsewhere:
            continue
        text, seen = paragraph.text, {index}
        while index in following and following[index] not in seen:
            index = following[index]
            seen.add(index)
            text += paragraphs[index].text
        result.append(paragraph if text == paragraph.text else replace(paragraph, text=text, kind=BODY))
    return result


def undo(paragraphs: list[Paragraph], joins: list[Join], which: int) -> tuple[list[Paragraph], list[Join]]:
    """Leave out join number `which`: the two paragraphs it joined stand apart again, in their
    original places (or the duplicate it removed comes back); every other join stays.

    paragraphs is the input repair() was given; returns the repaired paragraphs and the joins
    that remain, which can be undone in turn.
    """
    if not 0 <= which < len(joins):
        raise IndexError(f"没有第{which + 1}处拼接（共{len(joins)}处）")
    remaining = joins[:which] + joins[which + 1 :]
    return apply(paragraphs, remaining), remaining
