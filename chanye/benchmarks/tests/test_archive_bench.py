"""`chanye bench archive --workers 2` on a small archive of its own: every document goes through the full
pipeline in two processes, the rate is reported at the start and at the end, and the near copy is linked."""

import ast

from chanye.conftest import run_chanye


def test_the_archive_benchmark_ingests_every_document_with_two_workers(tmp_path):
    options = ["--paragraphs", str(50 * 101), "--runs", "2", "--workers", "2"]
    # --db: a database of its own, not the test database
    done = run_chanye("bench", "archive", "--db", str(tmp_path / "bench.sqlite3"), *options, data_dir=tmp_path)
    result = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert result["documents_ingested"] == 101 and result["workers"] == 2 and result["window_documents"] == 10
    assert result["first_docs_per_s"] > 0 and result["last_docs_per_s"] > 0
    assert result["near_copies_linked"] == "1/1"  # document 99 is a near copy of one of the 50 before it
    assert result["exact"]["mismatches"] == 0
