"""Who sees and retries jobs (the shared refusal tests of chanye.core.testing): everyone sees and retries
the jobs they started, 领导 reads every job and retries none, administrators everything. The schedules
page and running a schedule now: test_jobs.py."""

import pytest

from chanye.core.testing import PageCases
from chanye.jobs import services
from chanye.jobs.models import Job


def failed_job(user) -> Job:
    job = services.enqueue(actor=user, kind="jobs.probe", title=f"{user.username} 的任务")
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, attempts=3, error="RuntimeError: 测试")
    job.refresh_from_db()
    return job


class TestJobPages(PageCases):
    model = Job
    urls = "jobs:job"
    pages = ("list", "detail", "update")
    url_names = {"update": "jobs:job-retry"}
    form_pages = ()
    may_read = frozenset({"admin", "leader", "office"})
    may_change = frozenset({"admin", "office"})
    foreign_visible = False

    @pytest.fixture
    def own(self, personas):
        return failed_job(personas["office"])

    @pytest.fixture
    def foreign(self, personas):
        return failed_job(personas["other_office"])

    @pytest.fixture
    def update_data(self):
        return {}


def test_the_list_shows_each_user_their_own_jobs(personas, client_for):
    mine, theirs = failed_job(personas["office"]), failed_job(personas["other_office"])
    page = client_for(personas["office"]).get("/jobs/").content.decode()
    assert mine.title in page and theirs.title not in page
    everything = client_for(personas["leader"]).get("/jobs/").content.decode()
    assert mine.title in everything and theirs.title in everything
