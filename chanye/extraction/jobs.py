"""重新抽取 as background work (chanye.jobs): the engine reads a long document for seconds, so the page
queues it and shows its progress. Extracting twice proposes nothing twice (a fingerprint per statement)."""

from django.urls import reverse

from chanye.archive.models import Document
from chanye.jobs.registry import job

from . import services


@job("extraction.extract_document", "重新抽取")
def extract_document(progress, *, actor=None, document_id: int) -> dict:
    document = Document.objects.get(pk=document_id)
    progress(0, 1, f"抽取《{document.title}》")
    services.refresh_subjects()  # a changed registry compiled before the extraction's transaction
    result = services.extract_document(actor=actor, document=document)
    return {
        "summary": f"找到 {result['found']} 条事实，新增待审核 {result['new']} 条",
        "link": f"{reverse('extraction:fact-list')}?document={document.pk}",
        **result,
    }
