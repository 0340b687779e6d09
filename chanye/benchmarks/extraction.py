"""Throughput of fact extraction on a SYNTHETIC corpus (every paragraph starts with 【合成数据】).

    chanye bench extraction [--runs N]

The engine is single-threaded plain Python, so characters per second of one process is the figure
per core. Measured on corpora of 1,000 and 10,000 generated paragraphs (about 70 characters each),
best of `runs` passes (at most 5), after a warm-up. Needs no database."""

from chanye.extraction.engine.bench import generate_corpus, throughput


def run(out, runs: int = 3) -> list[dict]:
    results = []
    for paragraphs in (1_000, 10_000):
        result = {"paragraphs": paragraphs, **throughput(generate_corpus(paragraphs), repeat=max(1, min(runs, 5)))}
        out.write(
            f"{paragraphs} 段（{result['characters']} 字，合成）：{result['chars_per_second']:,} 字/秒/核，"
            f"{result['facts']} 条事实，用时 {result['seconds']} 秒"
        )
        results.append(result)
    return results
