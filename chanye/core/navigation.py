"""The platform's domains as the navigation shows them (DESIGN.md): every domain, each with its pages.
A page that creates records carries the model it creates: it is listed only for those who may."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import may_add

CHAINS = [
    (_("产业链图谱"), "chains:chain-list"),
    (_("候选企业库"), "chains:candidateenterprise-list"),
    (_("“33618”对照表"), "chains:crosswalk"),
]

PROJECTS = [
    (_("项目看板"), "projects:board"),
    (_("招商漏斗"), "projects:funnel"),
    (_("分集群汇总"), "projects:totals"),
    (_("停滞与超期"), "projects:attention"),
    (_("项目列表"), "projects:project-list"),
    (_("集中签约"), "projects:signingevent-list"),
]

ARCHIVE = [
    (_("检索"), "archive:search"),
    (_("全部文档"), "archive:document-list"),
    (_("上传入库"), "archive:upload", "archive.Document"),
]

VISITS = [
    (_("我的诉求"), "visits:appeal-mine"),
    (_("全部诉求"), "visits:appeal-list"),
    (_("超期诉求"), "visits:appeal-overdue"),
    (_("堵点分析"), "visits:bottlenecks"),
    (_("走访记录"), "visits:visit-list"),
    (_("我的通知"), "visits:notification-list"),
    (_("部门负责人（超期升级）"), "visits:officehead-list"),
]

MONITORING = [
    (_("驾驶舱"), "home"),
    (_("一图（区域地图）"), "regions:map"),
    (_("观测值"), "monitoring:observation-list"),
    (_("目标"), "monitoring:target-list"),
    (_("导入统计数据"), "monitoring:observation-import", "monitoring.Observation"),
    (_("区域汇总与对标"), "regions:region-list"),
]

REGISTRY = [
    (_("产业集群"), "registry:cluster-list"),
    (_("企业库"), "registry:enterprise-list"),
    (_("产业载体"), "registry:park-list"),
    (_("荣誉/名单"), "registry:designation-list"),
]

EXTRACTION = [(_("待审核事实"), "extraction:fact-list"), (_("冲突裁决"), "extraction:conflicts")]

AFFAIRS = [(_("月度简报"), "briefs:brief-list")]


def _items(entries, user) -> list[dict]:
    return [
        {"label": label, "url": reverse(name), "name": name}
        for label, name, *creates in entries
        if not creates or may_add(user, creates[0])
    ]


def menu(user=None) -> list[dict]:
    return [
        {"label": _("产业体系"), "children": _items(REGISTRY, user)},
        {"label": _("产业链图谱"), "children": _items(CHAINS, user)},
        {"label": _("经济运行"), "children": _items(MONITORING, user)},
        {"label": _("招商项目"), "children": _items(PROJECTS, user)},
        {"label": _("走访诉求"), "children": _items(VISITS, user)},
        {"label": _("资料库"), "children": _items(ARCHIVE, user)},
        {"label": _("事实抽取"), "children": _items(EXTRACTION, user)},
        {"label": _("事务"), "children": _items(AFFAIRS, user)},
    ]
