"""Chains: an 产业办 adds chains, links and placements only under its own clusters, and moves none out
of another office's; a repeat of another office's chain is refused as out of scope, not as a repeat
(issue 16, defects 3 and 4)."""

import pytest

from chanye.chains import services
from chanye.chains.models import Chain, ChainLink, LinkEnterprise
from chanye.core.testing import ScopeCases, ScopeWrite
from chanye.registry.models import Cluster, Enterprise

CHAINS, LINKS, PLACEMENTS = "/api/v1/chains/", "/api/v1/chain-links/", "/api/v1/chain-placements/"


@pytest.fixture
def objects(demo):
    bigdata, materials = Cluster.objects.get(name="大数据智能化"), Cluster.objects.get(name="新材料")
    own_chain = services.create_chain(actor=None, data={"cluster": bigdata, "name": "测试视觉链"})
    foreign_chain = services.create_chain(actor=None, data={"cluster": materials, "name": "测试复材链"})
    return {
        "bigdata": bigdata,
        "materials": materials,
        "own_chain": own_chain,
        "foreign_chain": foreign_chain,
        "own_link": services.create_chainlink(actor=None, data={"chain": own_chain, "name": "芯片", "segment": "上游"}),
        "foreign_link": services.create_chainlink(
            actor=None, data={"chain": foreign_chain, "name": "玻纤", "segment": "上游"}
        ),
        "firm": Enterprise.objects.filter(clusters=bigdata).first(),
    }


OFFICES = {"admin": 201, "other_office": 201}


class TestChainScope(ScopeCases):
    scope_writes = (
        ScopeWrite(
            "chain-in-another-offices-cluster",
            Chain,
            CHAINS,
            None,
            lambda o: {"cluster": o["materials"].pk, "name": "新链"},
            OFFICES,
        ),
        ScopeWrite(
            "the-same-chain-of-another-office-twice",
            Chain,
            CHAINS,
            None,
            lambda o: {"cluster": o["materials"].pk, "name": "测试复材链"},
            {"admin": 409, "other_office": 409},
        ),
        ScopeWrite(
            "chain-moved-to-another-offices-cluster",
            Chain,
            CHAINS,
            "own_chain",
            lambda o: {"cluster": o["materials"].pk},
            {"admin": 200},
        ),
        ScopeWrite(
            "link-in-another-offices-chain",
            ChainLink,
            LINKS,
            None,
            lambda o: {"chain": o["foreign_chain"].pk, "name": "新环节", "segment": "中游"},
            OFFICES,
        ),
        ScopeWrite(
            "placement-on-another-offices-link",
            LinkEnterprise,
            PLACEMENTS,
            None,
            lambda o: {"link": o["foreign_link"].pk, "enterprise": o["firm"].pk},
            OFFICES,
        ),
    )
