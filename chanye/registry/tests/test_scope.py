"""An office writes only inside its clusters, checked on each cluster (and enterprise, park) a record is
attached to or detached from (issue 16, defect 3): the table of chanye.core.testing.ScopeCases, every
persona, through the API; then the same rule on the pages and in the import."""

import pytest
from django.urls import reverse

from chanye.core.testing import ScopeCases, ScopeWrite
from chanye.registry import services
from chanye.registry.models import Cluster, Designation, Enterprise, Park

ADMIN = {"admin": 200}
FIRMS, PARKS, TITLES = "/api/v1/enterprises/", "/api/v1/parks/", "/api/v1/designations/"


def firm(name: str, *clusters) -> Enterprise:
    return services.create_enterprise(actor=None, data={"name": name, "clusters": list(clusters)})


@pytest.fixture
def objects(demo):
    """bigdata is the `office` persona's cluster, materials the `other_office` persona's."""
    bigdata, materials = Cluster.objects.get(name="大数据智能化"), Cluster.objects.get(name="新材料")
    own_firm = firm("本办企业", bigdata)
    title = {"holder": own_firm.name, "holder_kind": "enterprise", "title": "本办名单", "enterprise": own_firm}
    return {
        "bigdata": bigdata,
        "materials": materials,
        "own_firm": own_firm,
        "shared_firm": firm("两办共有企业", bigdata, materials),
        "foreign_firm": firm("别办企业", materials),
        "own_park": services.create_park(actor=None, data={"name": "本办载体", "clusters": [bigdata]}),
        "own_title": services.create_designation(actor=None, data={**title, "cluster": bigdata}),
    }


def ids(*names):
    return lambda o: [o[n].pk for n in names]


class TestRegistryScope(ScopeCases):
    scope_writes = (
        ScopeWrite(
            "attach-another-offices-cluster",
            Enterprise,
            FIRMS,
            "own_firm",
            lambda o: {"clusters": ids("bigdata", "materials")(o)},
            ADMIN,
        ),
        ScopeWrite(
            "create-in-another-offices-cluster-too",
            Enterprise,
            FIRMS,
            None,
            lambda o: {"name": "新企业", "clusters": ids("bigdata", "materials")(o)},
            {"admin": 201},
        ),
        ScopeWrite(
            "detach-materials-from-a-shared-firm",
            Enterprise,
            FIRMS,
            "shared_firm",
            lambda o: {"clusters": ids("bigdata")(o)},
            ADMIN,
        ),
        ScopeWrite(
            "detach-bigdata-from-a-shared-firm",
            Enterprise,
            FIRMS,
            "shared_firm",
            lambda o: {"clusters": ids("materials")(o)},
            ADMIN,
        ),
        ScopeWrite(
            "edit-a-shared-firm-keeping-its-clusters",
            Enterprise,
            FIRMS,
            "shared_firm",
            lambda o: {"short_name": "共有", "clusters": ids("bigdata", "materials")(o)},
            {"admin": 200, "office": 200, "other_office": 200},
        ),
        ScopeWrite(
            "create-in-own-cluster",
            Enterprise,
            FIRMS,
            None,
            lambda o: {"name": "新企业", "clusters": ids("bigdata")(o)},
            {"admin": 201, "office": 201},
        ),
        ScopeWrite(
            "park-attach-another-offices-cluster",
            Park,
            PARKS,
            "own_park",
            lambda o: {"clusters": ids("bigdata", "materials")(o)},
            ADMIN,
        ),
        ScopeWrite(
            "park-create-in-another-offices-cluster-too",
            Park,
            PARKS,
            None,
            lambda o: {"name": "新载体", "clusters": ids("bigdata", "materials")(o)},
            {"admin": 201},
        ),
        ScopeWrite(
            "title-about-another-offices-firm",
            Designation,
            TITLES,
            None,
            lambda o: {
                "holder": "别办企业",
                "holder_kind": "enterprise",
                "title": "新名单",
                "cluster": o["bigdata"].pk,
                "enterprise": o["foreign_firm"].pk,
            },
            {"admin": 201},
        ),
        ScopeWrite(
            "title-about-a-shared-firm",
            Designation,
            TITLES,
            None,
            lambda o: {
                "holder": "两办共有企业",
                "holder_kind": "enterprise",
                "title": "新名单",
                "cluster": o["bigdata"].pk,
                "enterprise": o["shared_firm"].pk,
            },
            {"admin": 201, "office": 201},
        ),
        ScopeWrite(
            "title-moved-to-another-offices-firm",
            Designation,
            TITLES,
            "own_title",
            lambda o: {"enterprise": o["foreign_firm"].pk},
            ADMIN,
        ),
        ScopeWrite(
            "title-moved-to-another-offices-cluster",
            Designation,
            TITLES,
            "own_title",
            lambda o: {"cluster": o["materials"].pk},
            ADMIN,
        ),
    )


def test_the_enterprise_page_keeps_the_other_offices_cluster_of_a_shared_firm(objects, personas, client_for):
    """The form offers the office only its own clusters; saving it must not drop the other office's link."""
    shared = objects["shared_firm"]
    client = client_for(personas["office"])
    url = reverse("registry:enterprise-update", args=[shared.pk])
    assert client.get(url).status_code == 200
    data = {"name": shared.name, "short_name": "共有", "clusters": [objects["bigdata"].pk], "role": "其他"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    shared.refresh_from_db()
    assert shared.short_name == "共有"
    assert set(shared.clusters.all()) == {objects["bigdata"], objects["materials"]}


def test_the_enterprise_page_refuses_another_offices_cluster(objects, personas, client_for):
    own = objects["own_firm"]
    client = client_for(personas["office"])
    data = {"name": own.name, "clusters": [objects["bigdata"].pk, objects["materials"].pk], "role": "其他"}
    response = client.post(reverse("registry:enterprise-update", args=[own.pk]), data)
    assert response.status_code == 200 and "不在您的管理范围内" in response.content.decode()
    assert list(own.clusters.all()) == [objects["bigdata"]]


def test_the_import_refuses_a_firm_in_another_offices_cluster_and_writes_nothing(objects, personas, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(personas["office"])
    text = "企业名称,所属集群,角色\n导入企业甲,大数据智能化、新材料,培育\n导入企业乙,大数据智能化,培育\n"
    upload = SimpleUploadedFile("企业.csv", text.encode(), content_type="text/csv")
    response = client.post(reverse("registry:enterprise-import"), {"file": upload})
    assert "不在您的管理范围内" in response.content.decode()
    client.post(reverse("registry:enterprise-import"), {"confirm": "1"})
    assert not Enterprise.objects.filter(name__startswith="导入企业").exists()
