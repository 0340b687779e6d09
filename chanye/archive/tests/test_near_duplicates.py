"""Near duplicates found through fingerprints (a new document is compared only with the documents
sharing rare fingerprints with it) are the same as comparing every pair as the archive did before:
on the seed pair and on generated near-copies of the seeds (figures changed, characters replaced,
excerpts, paragraphs reordered, a story inside a longer text), among unrelated generated texts."""

import itertools
import random

import pytest

from chanye.archive import services
from chanye.archive.engine import dedupe
from chanye.archive.engine.pipeline import clean
from chanye.archive.models import Document, Fingerprint, NearDuplicate
from chanye.conftest import run_chanye
from chanye.lib.shared import SEEDS, missing

SEED_FILES = sorted(SEEDS.glob("*.txt"))
pytestmark = pytest.mark.skipif(len(SEED_FILES) < 2, reason=missing(SEEDS))

CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.CHANYE_ARCHIVE_DIR = tmp_path / "archive"
    settings.DATA_DIR = tmp_path


def replaced(rng: random.Random, text: str, share: float) -> str:
    """A share of the characters replaced by others (a rewrite, roughly)."""
    return "".join(rng.choice(CJK) if c.strip() and rng.random() < share else c for c in text)


def unrelated(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join("".join(rng.choices(CJK[:600], k=rng.randrange(40, 120))) + "。" for _ in range(paragraphs))


def near_copies(seeds: list[str]) -> list[str]:
    rng = random.Random(20)
    texts = []
    for text in seeds:
        paragraphs = text.split("\n\n")
        texts += [replaced(rng, text, share) for share in (0.03, 0.1, 0.2, 0.3, 0.4)]
        texts += [text[: len(text) // n] for n in (2, 3, 5, 12)]  # the opening, as a shorter report
        texts += [replaced(rng, text[: len(text) // 8], 0.1), text[len(text) // 3 : len(text) // 3 + 200]]
        texts.append("\n\n".join(rng.sample(paragraphs, len(paragraphs))))  # paragraphs reordered
        texts.append(unrelated(rng, 20) + "\n\n" + text[: len(text) // 4] + "\n\n" + unrelated(rng, 20))
        texts.append(text.replace("亿元", "万元").replace("%", "个百分点"))  # the figures changed
    return texts + [unrelated(rng, n) for n in (3, 10, 30, 30)]


def compared_pairwise(documents: list[Document]) -> set[tuple[int, int]]:
    """The links of the archive before fingerprints: every earlier document's sketch, then the text."""
    texts = {d.pk: "\n\n".join(d.paragraphs.values_list("text", flat=True)) for d in documents}
    links = set()
    for first, second in itertools.combinations(documents, 2):  # in the order of ingest
        close = dedupe.may_be_near_duplicate(second.sketch, first.sketch)
        if close and dedupe.near_duplicate(texts[second.pk], texts[first.pk])[0]:
            links.add((first.pk, second.pk))
    return links


@pytest.mark.django_db
def test_the_links_are_those_of_comparing_every_pair(archive_dir):
    seeds = [p.read_text(encoding="utf-8") for p in SEED_FILES]
    texts = seeds + near_copies([clean(s).text for s in seeds])
    for number, text in enumerate(texts):
        services.ingest_file(actor=None, filename=f"{number:03d}.txt", content=text.encode())
    documents = list(Document.objects.order_by("pk"))
    assert len(documents) == len(texts)
    expected = compared_pairwise(documents)
    found = set(NearDuplicate.objects.values_list("first_id", "second_id"))
    assert found == expected
    assert len(found) > 100  # near-copies of each seed found among themselves and with the seed
    seed_pair = (documents[0].pk, documents[1].pk)
    assert seed_pair in found


@pytest.mark.django_db
def test_a_set_phrase_shared_by_many_documents_is_no_longer_stored_or_looked_up(archive_dir, monkeypatch):
    monkeypatch.setattr(services, "RARE", 3)
    rng = random.Random(3)
    boilerplate = "".join(rng.choices(CJK, k=300))
    for number in range(6):
        services.ingest_file(
            actor=None, filename=f"{number}.txt", content=f"{unrelated(rng, 8)}\n\n{boilerplate}".encode()
        )
    _sketch, prints = dedupe.signature(boilerplate)
    held = Fingerprint.objects.filter(value__in=prints)
    assert held.values("document_id").distinct().count() == 3  # the first three documents only
    assert NearDuplicate.objects.count() == 3  # the first three with each other; later ones share only the set phrase


@pytest.mark.django_db(transaction=True)
def test_several_processes_ingesting_at_once_find_the_same_links(demo, tmp_path):
    """`chanye ingest --workers 2`: two processes store the documents, each looking for its near
    duplicates among those stored before it; the links are those of comparing every pair (a pair is
    linked once, whichever of the two was stored first)."""
    seeds = [p.read_text(encoding="utf-8") for p in SEED_FILES]
    texts = seeds + near_copies([clean(s).text for s in seeds])
    folder = tmp_path / "incoming"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    out = run_chanye("ingest", str(folder), "--workers", "2", data_dir=tmp_path).stdout
    assert out.count("[入库]") == len(texts)
    documents = list(Document.objects.order_by("pk"))
    assert len(documents) == len(texts)
    expected = {frozenset(pair) for pair in compared_pairwise(documents)}
    found = {frozenset(pair) for pair in NearDuplicate.objects.values_list("first_id", "second_id")}
    assert found == expected and len(found) > 100
    assert NearDuplicate.objects.count() == len(found)
