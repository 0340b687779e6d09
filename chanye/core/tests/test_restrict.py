"""`restrict(user, action)` and `can_add(user)`: the one place that decides what each user may see,
change, delete and create, on real models of the registry and monitoring."""

import pytest
from django.contrib.auth.models import AnonymousUser

from chanye.conftest import make_user
from chanye.core.querysets import RestrictedQuerySet
from chanye.core.regions import home_region
from chanye.monitoring.models import Indicator
from chanye.registry import services
from chanye.registry.models import Cluster, Park

ACTIONS = ["view", "change", "delete"]


@pytest.fixture
def parks(demo):
    """A park in the `office` persona's cluster (大数据智能化) and one in `other_office`'s (新材料)."""
    bigdata, materials = Cluster.objects.get(name="大数据智能化"), Cluster.objects.get(name="新材料")
    own = services.create_park(actor=None, data={"name": "测试园区", "clusters": [bigdata]})
    other = services.create_park(actor=None, data={"name": "别处园区", "clusters": [materials]})
    return own, other


def pks(queryset) -> set:
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("action", ACTIONS)
def test_an_administrator_gets_every_row(personas, parks, action):
    assert pks(Park.objects.restrict(personas["admin"], action)) == pks(Park.objects.all())
    assert pks(Indicator.objects.restrict(personas["admin"], action)) == pks(Indicator.objects.all())


def test_a_superuser_without_the_group_is_an_administrator(personas, parks, django_user_model):
    root = django_user_model.objects.create_user(username="root", password="x", is_superuser=True)
    assert pks(Park.objects.restrict(root, "delete")) == pks(Park.objects.all())
    assert Cluster.objects.can_add(root)


@pytest.mark.parametrize("action", ACTIONS)
def test_without_a_role_nothing_at_all(personas, parks, action):
    for user in (personas["norole"], AnonymousUser(), None):
        assert not Park.objects.restrict(user, action).exists()
        assert not Cluster.objects.restrict(user, action).exists()


def test_an_inactive_account_loses_its_role(personas, parks):
    leader = personas["leader"]
    leader.is_active = False
    leader.save()
    leader = type(leader).objects.get(pk=leader.pk)  # roles are read once per user object
    assert not Park.objects.restrict(leader, "view").exists()


@pytest.mark.parametrize("action", ["add", "edit", "", "VIEW"])
def test_an_unknown_action_is_refused(personas, action):
    with pytest.raises(ValueError, match="unknown action"):
        Park.objects.restrict(personas["admin"], action)


def test_restrict_defaults_to_view(personas, parks):
    assert pks(Park.objects.restrict(personas["leader"])) == pks(Park.objects.restrict(personas["leader"], "view"))


@pytest.mark.parametrize("persona", ["leader", "office", "other_office", "investment", "statistics"])
def test_by_default_every_role_reads_everything_and_changes_nothing(personas, persona):
    """Indicator keeps RestrictedQuerySet's defaults: viewable_by everything, changeable_by nothing."""
    user = personas[persona]
    assert type(Indicator.objects.all()).viewable_by is RestrictedQuerySet.viewable_by
    assert type(Indicator.objects.all()).changeable_by is RestrictedQuerySet.changeable_by
    assert pks(Indicator.objects.restrict(user, "view")) == pks(Indicator.objects.all()) != set()
    assert not Indicator.objects.restrict(user, "change").exists()
    assert not Indicator.objects.restrict(user, "delete").exists()


def test_a_model_rule_narrows_change_to_the_offices_clusters(personas, parks):
    own, other = parks
    office = personas["office"]
    assert own.pk in pks(Park.objects.restrict(office, "view")) and other.pk in pks(Park.objects.restrict(office))
    assert own.pk in pks(Park.objects.restrict(office, "change"))
    assert own.pk in pks(Park.objects.restrict(office, "delete"))
    assert other.pk not in pks(Park.objects.restrict(office, "change"))
    assert other.pk in pks(Park.objects.restrict(personas["other_office"], "change"))
    assert not Park.objects.restrict(personas["leader"], "change").exists()


def test_an_office_changes_its_cluster_and_peers_but_never_deletes_one(personas):
    office = personas["office"]
    home = home_region()
    changeable = Cluster.objects.restrict(office, "change")
    assert pks(changeable.within(home)) == {Cluster.objects.get(name="大数据智能化").pk}
    # peers' clusters (the demo's 重庆市 clusters) are kept by whoever records peers' figures
    peers = Cluster.objects.exclude(region__path__startswith=home.path)
    assert peers.exists() and pks(peers) <= pks(changeable)
    assert not Cluster.objects.restrict(office, "delete").exists()
    assert not Cluster.objects.restrict(personas["leader"], "change").exists()


def test_restrict_composes_with_other_filters(personas, parks):
    own, _other = parks
    assert list(Park.objects.filter(name__startswith="测试").restrict(personas["office"], "change")) == [own]


@pytest.mark.parametrize(
    ("persona", "park", "cluster", "indicator"),
    [
        ("admin", True, True, True),
        ("leader", False, False, False),
        ("office", True, False, False),
        ("other_office", True, False, False),
        ("investment", False, False, False),
        ("statistics", False, False, False),
        ("norole", False, False, False),
    ],
)
def test_can_add(personas, persona, park, cluster, indicator):
    user = personas[persona]
    assert (Park.objects.can_add(user), Cluster.objects.can_add(user), Indicator.objects.can_add(user)) == (
        park,
        cluster,
        indicator,
    )


def test_belonging_to_an_office_without_a_role_adds_nothing(personas, django_user_model):
    member = make_user(django_user_model, "member", None, [personas["office"].offices.first()])
    assert not Park.objects.can_add(member) and not Park.objects.can_add(AnonymousUser())
