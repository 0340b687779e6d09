"""What other domains may react to. document_ingested(document=, actor=) is sent inside the ingest
transaction once the document's paragraphs are stored and indexed (fact extraction listens). A listener
may return a short line for the batch report."""

from django.dispatch import Signal

document_ingested = Signal()
