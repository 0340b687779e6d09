"""What other domains may react to. ingest_starting(document=, text=) is sent before a file's ingest
transaction opens, with the document as it will be stored (unsaved) and its text, or with neither for
a document whose figures are not read: fact extraction brings its compiled registry up to date and reads
the figures there, so that neither holds the transaction open. document_ingested(document=, actor=, text=) is sent inside the
ingest transaction once the document's paragraphs are stored and indexed (fact extraction listens); text
is the paragraphs joined by a blank line, as stored, so that a listener need not read them back. A listener
may return a short line for the batch report. document_dated(document=, actor=) is sent inside the
update that gives a document its publication date (or changes it)."""

from django.dispatch import Signal

ingest_starting = Signal()
document_ingested = Signal()
document_dated = Signal()
