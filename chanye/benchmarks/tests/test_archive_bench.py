"""`chanye bench archive --workers 2` on a small archive: every document goes through the full pipeline in
two processes, the rate is reported at the start and at the end, and the near copy is linked."""

import io

import pytest

from chanye.archive.models import Document
from chanye.benchmarks import archive


@pytest.mark.django_db(transaction=True)
def test_the_archive_benchmark_ingests_every_document_with_two_workers(demo, data_dir):
    result = archive.generate(io.StringIO(), paragraphs=archive.PER_DOCUMENT * 101, workers=2)
    assert result["documents_ingested"] == 101 == Document.objects.count()
    assert result["workers"] == 2 and result["window_documents"] == 10
    assert result["first_docs_per_s"] > 0 and result["last_docs_per_s"] > 0
    assert result["near_copies_linked"] == "1/1"  # document 99 is a near copy of one of the 50 before it
