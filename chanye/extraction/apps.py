from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    name = "chanye.extraction"
    label = "extraction"
    verbose_name = "事实抽取"

    def ready(self):
        # Extraction runs on every ingest (the archive does not know about extraction).
        from chanye.archive.signals import document_dated, document_ingested

        from .services import extract_on_dating, extract_on_ingest

        document_ingested.connect(extract_on_ingest, dispatch_uid="chanye.extraction.extract_on_ingest")
        document_dated.connect(extract_on_dating, dispatch_uid="chanye.extraction.extract_on_dating")
