"""Projects: an 产业办 puts a project only in its own clusters, and moves none out of another office's;
招商局 keeps every project whatever its cluster (issue 16, defect 3)."""

import pytest

from chanye.core.testing import ScopeCases, ScopeWrite
from chanye.projects import services
from chanye.projects.models import Project, ServiceEntry
from chanye.registry.models import Cluster

PROJECTS, LOG = "/api/v1/projects/", "/api/v1/project-service-log/"


@pytest.fixture
def objects(demo):
    bigdata, materials = Cluster.objects.get(name="大数据智能化"), Cluster.objects.get(name="新材料")
    return {
        "bigdata": bigdata,
        "materials": materials,
        "own_project": services.create_project(actor=None, data={"name": "本办项目", "cluster": bigdata}),
        "foreign_project": services.create_project(actor=None, data={"name": "别办项目", "cluster": materials}),
    }


class TestProjectScope(ScopeCases):
    scope_writes = (
        ScopeWrite(
            "project-in-another-offices-cluster",
            Project,
            PROJECTS,
            None,
            lambda o: {"name": "新项目", "cluster": o["materials"].pk},
            {"admin": 201, "investment": 201, "other_office": 201},
        ),
        ScopeWrite(
            "project-moved-to-another-offices-cluster",
            Project,
            PROJECTS,
            "own_project",
            lambda o: {"cluster": o["materials"].pk},
            {"admin": 200, "investment": 200},
        ),
        ScopeWrite(
            "project-moved-to-own-cluster",
            Project,
            PROJECTS,
            "own_project",
            lambda o: {"cluster": o["bigdata"].pk, "next_action": "洽谈"},
            {"admin": 200, "investment": 200, "office": 200},
        ),
        ScopeWrite(
            "service-entry-on-another-offices-project",
            ServiceEntry,
            LOG,
            None,
            lambda o: {"project": o["foreign_project"].pk, "on": "2024-01-05", "kind": "洽谈", "text": "赴企业洽谈"},
            {"admin": 201, "investment": 201, "other_office": 201},
        ),
    )
