import pytest

from chanye.chains import services
from chanye.chains.models import Chain
from chanye.reference.models import IndustryCode
from chanye.registry.models import Cluster, Enterprise


@pytest.fixture
def test_chain(demo):
    """A small chain of 大数据智能化 (owned by the `office` persona): 芯片 → 设备 → 应用, 设备 → 运维."""
    cluster = Cluster.objects.get(name="大数据智能化")
    chain = services.create_chain(actor=None, data={"cluster": cluster, "name": "测试视觉链"})
    codes = {c.code: c for c in IndustryCode.objects.filter(code__in=["3973", "3919", "6513", "6531"])}
    links = {}
    for name, segment, code in [
        ("芯片", "上游", "3973"),
        ("设备", "中游", "3919"),
        ("应用", "下游", "6513"),
        ("运维", "下游", "6531"),
    ]:
        links[name] = services.create_chainlink(
            actor=None,
            data={
                "chain": chain,
                "name": name,
                "segment": segment,
                "industry_codes": [codes[code]],
                "keywords": "摄像机、芯片",
            },
        )
    services.add_edge(actor=None, source=links["芯片"], target=links["设备"])
    services.add_edge(actor=None, source=links["设备"], target=links["应用"])
    services.add_edge(actor=None, source=links["设备"], target=links["运维"])
    services.create_placement(
        actor=None, data={"link": links["设备"], "enterprise": Enterprise.objects.get(name="海康威视"), "role": "链主"}
    )
    chain.test_links = links
    return chain


@pytest.fixture
def chain_of(test_chain):
    return lambda: Chain.objects.get(pk=test_chain.pk)
