"""Who may ask for, read and download a generated brief: the shared refusal tests of chanye.core.testing
(sign-in, 403 without a role, 404 for another user's brief, exactly one audit entry for a request).
Everyone with a role may generate a brief of what they may read; a brief is read by its author, 领导 and
administrators (a brief made by the system, by everyone)."""

import pytest
from django.urls import reverse

from chanye.briefs import services
from chanye.briefs.models import GeneratedBrief
from chanye.core.regions import home_region
from chanye.core.testing import ROLES, PageCases


class BriefCase:
    model = GeneratedBrief
    may_read = frozenset({"admin", "leader", "office"})
    may_add = frozenset(ROLES)
    foreign_visible = False

    @pytest.fixture
    def own(self, personas):
        return services.request_brief(actor=personas["office"], month="2023-11", fmt="xlsx")

    @pytest.fixture
    def foreign(self, personas):
        return services.request_brief(actor=personas["other_office"], month="2023-11", fmt="xlsx")

    @pytest.fixture
    def create_data(self, demo):
        return {"period": "2023-11", "region": home_region().pk, "format": "xlsx"}


class TestBriefPages(BriefCase, PageCases):
    urls = "briefs:brief"
    pages = ("list", "create", "detail")

    @pytest.fixture(autouse=True)
    def queue_only(self, settings):
        """The request is what these tests check: its generation (the task) is left queued."""
        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_a_brief_made_by_the_system_is_read_by_every_role(personas, client_for):
    record = services.request_brief(actor=None, month="2023-11", fmt="xlsx")
    for persona in ROLES:
        assert client_for(personas[persona]).get(record.get_absolute_url()).status_code == 200, persona


def test_another_users_file_is_not_downloaded(personas, client_for):
    record = services.generate(services.request_brief(actor=personas["other_office"], month="2023-11", fmt="xlsx"))
    url = reverse("briefs:brief-download", args=[record.pk])
    assert client_for(personas["office"]).get(url).status_code == 404
    response = client_for(personas["other_office"]).get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    b"".join(response.streaming_content)
    response.close()
