"""Exact and near duplicates.

content_hash: two texts that differ only in formatting (spaces, line breaks, full-width digits,
traditional characters, half- or full-width punctuation) have the same hash, since it is taken
of their search form.

similarity: two reports of the same story by two papers share many short runs of characters
(names, figures, set phrases: "重庆华韶智算中心", "同比增长10.01%") while being written
differently. The measure is the containment of character 4-gram shingles: the share of the
shorter text's shingles that the longer text holds too. Containment rather than Jaccard, because
a short report and the long feature that tells the same story are duplicates in the sense that
matters (the short one adds nothing), while Jaccard would rate them low for their difference in
length alone. Punctuation is left out of the shingles: one paper's 、 is another's ，.

Containment alone would let a one-sentence notice full of the district's set phrases
("大数据智能化产业", "高质量发展") pass as a duplicate of any long report, so a near duplicate
must also share at least MIN_SHARED shingles: a few sentences' worth of common text.
"""

import hashlib
import re
import struct

from .normalize import search_form

SHINGLE = 4
NEAR_DUPLICATE_THRESHOLD = 0.2
MIN_SHARED = 50  # shingles in common, about 50 characters of common runs

_NOT_A_WORD_CHARACTER = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the text's search form: formatting-only differences hash alike."""
    return form_hash(search_form(text))


def form_hash(form: str) -> str:
    """content_hash() of a text whose search form the caller already has."""
    return hashlib.sha256(form.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    return form_shingles(search_form(text), size)


def form_shingles(form: str, size: int = SHINGLE) -> set[str]:
    letters = _NOT_A_WORD_CHARACTER.sub("", form)
    return {letters[i : i + size] for i in range(len(letters) - size + 1)}


def _overlap(a: str, b: str) -> tuple[float, int]:
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0, 0
    shared = len(first & second)
    return shared / min(len(first), len(second)), shared


def similarity(a: str, b: str) -> float:
    """Containment of 4-gram shingles, 0-1: |A ∩ B| / min(|A|, |B|)."""
    return _overlap(a, b)[0]


def near_duplicate(a: str, b: str, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> tuple[bool, float]:
    """Whether two texts report the same story, and their similarity: containment at least
    threshold and at least MIN_SHARED shingles in common."""
    score, shared = _overlap(a, b)
    return (score >= threshold and shared >= MIN_SHARED), score


# ---- sketches: comparing a new document with thousands of stored ones cheaply

SKETCH_SIZE = 256
SKETCH_MARGIN = 0.75  # estimates within this share of the thresholds are confirmed exactly


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def sketch(text: str) -> dict:
    """A bottom-k sketch of the text's shingles: the SKETCH_SIZE smallest hashes and the number of
    shingles. Stored with each document, so that the archive is never re-read to compare."""
    return signature(text)[0]


# ---- fingerprints: finding the few stored documents worth comparing, without reading the others
#
# MinHash LSH (bands of min-hashes, e.g. datasketch) finds pairs of high Jaccard resemblance. A near
# duplicate here is a matter of containment, and two papers' reports of one story have a low Jaccard
# resemblance: 0.124 for the seed pair (containment 0.398), 0.05 for a third of one report against the
# other, while unrelated texts of the genre already share 0.026 through its set phrases; bands tuned
# to catch 0.05 would make nearly every stored document a candidate. So the index is Broder's MOD-m
# sample instead (On the resemblance and containment of documents, 1997): the shingles whose hash is
# 0 modulo SAMPLE, the same shingles in every document, so that two documents with S shingles in
# common share about S / SAMPLE fingerprints whatever their lengths. Each is stored as an indexed
# row; a new document looks up its own, and the documents sharing enough of them are its candidates
# (may_share_enough). A fingerprint held by many documents is a set phrase, not a story: it is not
# looked up (services.RARE), so a lookup reads a bounded number of rows however large the archive.

SAMPLE = 8
MIN_SHARED_FINGERPRINTS = 2  # a pair at MIN_SHARED (50 shingles in common) shares about 6
# A candidate shares at least this share of the smaller document's expected fingerprints: a quarter of
# the threshold, leaving room for sampling and for the shared set phrases that are not looked up.
FINGERPRINT_CONTAINMENT = NEAR_DUPLICATE_THRESHOLD / 4


def may_share_enough(shared: int, shingles: int, other_shingles: int) -> bool:
    """Whether two documents sharing `shared` rare fingerprints are worth comparing by sketch."""
    smaller = min(shingles, other_shingles) / SAMPLE
    return shared >= max(MIN_SHARED_FINGERPRINTS, FINGERPRINT_CONTAINMENT * smaller)


def signature(text: str) -> tuple[dict, list[int]]:
    """The sketch and the fingerprints of a text (one hashing pass). Fingerprints are the sampled
    hashes divided by SAMPLE, so that they fit a signed 64-bit column."""
    return form_signature(search_form(text))


def form_signature(form: str) -> tuple[dict, list[int]]:
    """signature() of a text whose search form the caller already has. The hashes are _hash's, worked
    out faster: a document has thousands of shingles, and this runs on every ingest. Copying a hasher
    made once costs less than making one a shingle, and one unpack reads all the digests as integers
    instead of one int.from_bytes each (together a third less time)."""
    shingled = form_shingles(form)
    empty, digests = hashlib.blake2b(digest_size=8), []
    for shingle in shingled:
        hasher = empty.copy()
        hasher.update(shingle.encode("utf-8"))
        digests.append(hasher.digest())
    hashes = sorted(set(struct.unpack(f">{len(digests)}Q", b"".join(digests))))
    sample = sorted({h // SAMPLE for h in hashes if h % SAMPLE == 0})
    return {"n": len(hashes), "min": hashes[:SKETCH_SIZE]}, sample


def estimate(a: dict, b: dict) -> tuple[float, float]:
    """(containment, shared shingles) estimated from two sketches: Jaccard from the k smallest
    hashes of the union (Broder), then |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    if not a["n"] or not b["n"]:
        return 0.0, 0.0
    first, second = set(a["min"]), set(b["min"])
    union = sorted(first | second)[:SKETCH_SIZE]
    jaccard = sum(1 for h in union if h in first and h in second) / len(union)
    shared = jaccard * (a["n"] + b["n"]) / (1 + jaccard)
    return shared / min(a["n"], b["n"]), shared


def may_be_near_duplicate(a: dict, b: dict, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> bool:
    """A cheap first pass: only pairs whose estimate comes near the thresholds are compared exactly."""
    containment, shared = estimate(a, b)
    return containment >= threshold * SKETCH_MARGIN and shared >= MIN_SHARED * SKETCH_MARGIN
