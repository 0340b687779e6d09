"""The throughput function works (the number itself is reported, never asserted)."""

from chanye.extraction.engine.bench import SYNTHETIC_MARK, generate_corpus, throughput


def test_the_corpus_is_marked_synthetic_and_reproducible():
    corpus = generate_corpus(20, seed=1)
    assert corpus == generate_corpus(20, seed=1)
    assert all(line.startswith(SYNTHETIC_MARK) for line in corpus.split("\n\n"))


def test_throughput_reports_characters_per_second():
    result = throughput(generate_corpus(50), repeat=1)
    assert result["characters"] > 0 and result["chars_per_second"] > 0 and result["facts"] > 0
    assert result["corpus"] == "synthetic"
