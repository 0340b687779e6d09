"""The gap analysis rules and the candidate score, on plain data (no database)."""

from chanye.chains import analysis as a


def placement(i, role="规上", link_role="配套", name=None):
    return a.Placement(enterprise_id=i, name=name or f"企业{i}", registry_role=role, link_role=link_role)


def test_a_link_without_enterprises_is_blank_and_asks_to_fill():
    status, reasons = a.classify(a.Link(1, "诊断原料", "上游"))
    assert (status, a.ACTION[status]) == ("空白", "补链")
    assert reasons == ["本区没有企业覆盖该环节"]


def test_an_extension_link_without_enterprises_is_extensible():
    status, _ = a.classify(a.Link(1, "智算", "下游", is_extension=True))
    assert (status, a.ACTION[status]) == ("可延伸", "延链")


def test_an_extension_link_with_enterprises_is_judged_like_any_other():
    link = a.Link(1, "智算", "下游", is_extension=True, placements=[placement(1, "龙头"), placement(2, "规上")])
    assert a.classify(link)[0] == "较强"


def test_a_single_supplier_is_weak_with_its_name_in_the_reason():
    status, reasons = a.classify(a.Link(1, "玻璃纤维", "上游", placements=[placement(7, "龙头", name="国际复材")]))
    assert status == "薄弱"
    assert reasons == ["只有1家企业（国际复材），单一供应商"]


def test_no_leader_and_only_cultivation_firms_are_both_reasons():
    link = a.Link(1, "包装设计", "中游", placements=[placement(1, "培育"), placement(2, "其他")])
    status, reasons = a.classify(link)
    assert status == "薄弱"
    assert reasons == ["没有链主或龙头企业", "只有培育期或规模未明的企业"]


def test_a_link_role_of_chain_leader_counts_as_a_leader():
    link = a.Link(1, "试剂制造", "中游", placements=[placement(1, "其他", "链主"), placement(2, "规上")])
    assert a.classify(link)[0] == "较强"


def test_priority_ranks_blank_links_next_to_the_chain_leader_first():
    raw = a.Link(1, "诊断原料", "上游", strategic=True)
    reagent = a.Link(2, "试剂制造", "中游", placements=[placement(1, "链主", "链主"), placement(2, "规上")])
    service = a.Link(3, "检测服务", "下游")
    weak = a.Link(4, "流通", "下游", placements=[placement(3, "培育")])
    gaps = a.analyse([raw, reagent, service, weak], [(1, 2), (2, 3), (2, 4)])
    assert [g.link.name for g in gaps] == ["诊断原料", "检测服务", "流通", "试剂制造"]
    first = gaps[0]
    assert first.score == 60 + 15 + 10 + 5 * 3
    assert first.score_reasons == [
        "空白（补链）基础分 60",
        "紧邻链主所在环节（试剂制造）+15",
        "属于战略性新兴产业分类 +10",
        "下游3个环节依赖该环节 +15",
    ]
    assert gaps[-1].status == "较强" and gaps[-1].score == 0


def test_leader_dependence_counts_the_leaders_and_their_direct_neighbours():
    raw = a.Link(1, "原料", "上游", placements=[placement(1)])
    make = a.Link(2, "制造", "中游", placements=[placement(2, "链主", "链主", name="中元汇吉")])
    sell = a.Link(3, "流通", "下游", placements=[placement(3)])
    far = a.Link(4, "售后", "下游", placements=[placement(4), placement(1)])
    dependence = a.leader_dependence([raw, make, sell, far], [(1, 2), (2, 3), (3, 4)])
    assert dependence.leaders == ["中元汇吉"]
    assert (dependence.tied, dependence.total) == (3, 4)
    assert dependence.share == 0.75


def test_no_enterprises_means_no_share():
    assert a.leader_dependence([a.Link(1, "原料", "上游")], []).share is None


def candidate(i, code, products="", size=""):
    return a.Candidate(id=i, name=f"候选{i}", region="四川省", industry_code=code, products=products, size=size)


def test_candidate_score_adds_code_keyword_and_size_with_reasons():
    scored = a.score_candidate(candidate(1, "2761", "诊断抗原、单克隆抗体", "中型"), {"2761"}, ["抗原", "抗体", "酶"])
    assert scored.score == 50 + 20 + 12
    assert scored.reasons == ["行业代码2761与环节同小类 +50", "主要产品含“抗原、抗体” +20", "中型企业 +12"]


def test_code_match_falls_back_to_the_group_and_division():
    assert a.score_candidate(candidate(1, "2762"), {"2761"}, []).score == 30  # same 中类 276
    assert a.score_candidate(candidate(1, "2710"), {"2761"}, []).score == 15  # same 大类 27
    assert a.score_candidate(candidate(1, "1431"), {"2761"}, []).score == 0


def test_ranking_orders_by_score_and_drops_unrelated_rows():
    rows = [candidate(1, "2762", size="大型"), candidate(2, "2761", "抗原"), candidate(3, "1431", size="大型")]
    ranked = a.rank_candidates(rows, {"2761"}, ["抗原"], limit=5)
    assert [(s.candidate.id, s.score) for s in ranked] == [(2, 60), (1, 50)]
