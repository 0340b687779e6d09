from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    name = "chanye.extraction"
    label = "extraction"
    verbose_name = "事实抽取"

    def ready(self):
        # Extraction runs on every ingest (the archive does not know about extraction).
        from chanye.archive.signals import document_dated, document_ingested, ingest_starting

        from .services import extract_on_dating, extract_on_ingest, refresh_subjects

        ingest_starting.connect(refresh_subjects, dispatch_uid="chanye.extraction.refresh_subjects")
        document_ingested.connect(extract_on_ingest, dispatch_uid="chanye.extraction.extract_on_ingest")
        document_dated.connect(extract_on_dating, dispatch_uid="chanye.extraction.extract_on_dating")
