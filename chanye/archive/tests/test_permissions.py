"""Who may read, correct and delete archived documents, on the pages and through the API: the shared
refusal tests of chanye.core.testing. Everyone with a role reads the archive; whoever ingested a
document corrects it; only administrators delete. Documents are added by upload (test_archive.py)."""

import pytest

from chanye.archive import services
from chanye.archive.models import Document
from chanye.core.testing import ApiCases, PageCases


def ingest(user, title: str) -> Document:
    text = f"{title}\n\n区经济信息委召开产业集群工作推进会，部署下一阶段重点工作。\n"
    return services.ingest_file(actor=user, filename=f"{title}.txt", content=text.encode())


class DocumentCase:
    model = Document
    may_change = frozenset({"admin", "office"})

    @pytest.fixture
    def own(self, personas):
        return ingest(personas["office"], "大数据办的会议通知")

    @pytest.fixture
    def foreign(self, personas):
        return ingest(personas["other_office"], "新材料办的会议通知")


class TestDocumentPages(DocumentCase, PageCases):
    urls = "archive:document"
    pages = ("list", "detail", "update", "delete")
    form_pages = ("update", "delete")

    @pytest.fixture
    def update_data(self, own):
        # the date it has: a new date reads the document again, a second audited write (test_review)
        return {"title": own.title, "source": "区经济信息委", "date": own.date or "", "edition": "", "author": ""}


class TestDocumentApi(DocumentCase, ApiCases):
    endpoint = "/api/v1/documents/"
    operations = ("list", "detail", "delete")


@pytest.mark.parametrize("many", [False, True], ids=["one file", "a group"])
def test_someone_who_may_not_add_documents_leaves_nothing_behind(personas, settings, tmp_path, many):
    """Refused before the file is read: no document, and no original kept on disk."""
    from django.core.exceptions import PermissionDenied

    settings.CHANYE_ARCHIVE_DIR = tmp_path / "archive"
    content = "会议通知\n\n区经济信息委召开产业集群工作推进会。\n".encode()
    with pytest.raises(PermissionDenied):
        if many:
            services.ingest_group(actor=personas["leader"], files=[("a.txt", content)])
        else:
            services.ingest_file(actor=personas["leader"], filename="a.txt", content=content)
    assert not Document.objects.exists()
    assert not (tmp_path / "archive").exists()
