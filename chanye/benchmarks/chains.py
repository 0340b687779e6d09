"""Benchmark: gap analysis with candidates for one large chain.

SYNTHETIC DATA, generated here and labelled so (合成 / 基准测试): one cluster, a chain of 200
links (half of them without local enterprises, so 100 gaps need candidates), 50,000 local
enterprises placed on the other links, and 1,000,000 candidate rows spread over all 4-digit
industry codes. Run it on a database of its own:

    chanye bench chains --db /tmp/bench.sqlite3
    CHANYE_DATABASE_URL=postgresql://postgres@127.0.0.1/chanye_bench chanye bench chains
"""

import random
import time

from django.db import connection, transaction

from chanye.benchmarks.timing import percentiles
from chanye.chains.models import CandidateEnterprise, Chain, ChainEdge, ChainLink, LinkEnterprise
from chanye.chains.reports import chain_report, gaps_with_candidates
from chanye.reference.models import IndustryCode
from chanye.reference.services import load_reference
from chanye.registry.models import Cluster, Enterprise

LINKS, ENTERPRISES, CANDIDATES = 200, 50_000, 1_000_000
CLUSTER = "合成集群（基准测试）"
BATCH = 20_000
SIZES = ["大型", "中型", "小型", "微型", ""]
WORDS = ["芯片", "传感器", "摄像机", "抗体", "试剂", "玻璃纤维", "叶片", "面条", "包装", "环保设备", "软件", "服务器"]


def say(message: str, out) -> None:
    out.write(message)
    out.flush()


@transaction.atomic
def generate(out, seed: int = 4754) -> Chain:
    """Bulk-insert the synthetic chain; the bulk path is for benchmark data only (no audit)."""
    rng = random.Random(seed)
    if not IndustryCode.objects.exists():
        load_reference(actor=None)
    codes = list(IndustryCode.objects.filter(level=4).order_by("code"))
    cluster, _ = Cluster.objects.get_or_create(
        name=CLUSTER, defaults={"kind": "产业领域", "description": "合成数据，仅用于性能测试"}
    )
    chain = Chain.objects.create(cluster=cluster, name=f"合成产业链{Chain.objects.count() + 1}")
    links = ChainLink.objects.bulk_create(
        ChainLink(
            chain=chain,
            name=f"合成环节{i:03d}",
            segment=["上游", "中游", "下游"][i * 3 // LINKS],
            keywords="、".join(rng.sample(WORDS, 3)),
            order=i,
        )
        for i in range(LINKS)
    )
    through = ChainLink.industry_codes.through
    through.objects.bulk_create(through(chainlink_id=link.pk, industrycode_id=rng.choice(codes).pk) for link in links)
    ChainEdge.objects.bulk_create(ChainEdge(source=links[i], target=links[i + 1]) for i in range(LINKS - 1))
    say(f"环节 {LINKS} 个", out)
    roles = ["链主", "龙头", "规上", "专精特新", "培育", "其他"]
    for start in range(0, ENTERPRISES, BATCH):
        made = Enterprise.objects.bulk_create(
            Enterprise(name=f"合成企业{chain.pk}-{i:06d}", role=rng.choice(roles))
            for i in range(start, min(start + BATCH, ENTERPRISES))
        )
        LinkEnterprise.objects.bulk_create(
            LinkEnterprise(link=links[2 * rng.randrange(LINKS // 2)], enterprise=e, role="配套") for e in made
        )
    say(f"本地企业 {ENTERPRISES} 家（放在一半的环节上）", out)
    if CandidateEnterprise.objects.count() < CANDIDATES:
        for start in range(CandidateEnterprise.objects.count(), CANDIDATES, BATCH):
            rows = []
            for i in range(start, min(start + BATCH, CANDIDATES)):
                code = rng.choice(codes).code
                size = rng.choice(SIZES)
                rows.append(
                    CandidateEnterprise(
                        name=f"合成候选企业{i:07d}",
                        region="合成数据",
                        industry_code=code,
                        code3=code[:3],
                        code2=code[:2],
                        products="、".join(rng.sample(WORDS, 2)),
                        size=size,
                        size_rank=CandidateEnterprise.SIZE_RANK[size],
                    )
                )
            CandidateEnterprise.objects.bulk_create(rows)
            say(f"候选企业 {min(start + BATCH, CANDIDATES)}/{CANDIDATES}", out)
    return chain


def measure(chain: Chain, runs: int) -> dict:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        report = chain_report(chain)
        candidates = gaps_with_candidates(report)
        timings.append(time.perf_counter() - started)
    timings.sort()
    return {
        "runs": runs,
        "gaps": len(report.to_work_on),
        "with_candidates": sum(1 for c in candidates.values() if c),
        **percentiles(timings),
        "max_ms": round(timings[-1] * 1000, 1),
    }


def run(out, runs: int = 20) -> dict:
    chain = Chain.objects.filter(cluster__name=CLUSTER).order_by("pk").last()
    if chain is None or CandidateEnterprise.objects.count() < CANDIDATES:
        chain = generate(out)
    say(f"数据库：{connection.vendor}；测量 {runs} 次……", out)
    result = measure(chain, runs)
    say(str(result), out)
    return result
