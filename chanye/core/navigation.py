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


SECTIONS = [
    (_("产业体系"), REGISTRY),
    (_("产业链图谱"), CHAINS),
    (_("经济运行"), MONITORING),
    (_("招商项目"), PROJECTS),
    (_("走访诉求"), VISITS),
    (_("资料库"), ARCHIVE),
    (_("事实抽取"), EXTRACTION),
    (_("事务"), AFFAIRS),
]
# The last word of a page's URL name, as the breadcrumb names the page (enterprise-update: 编辑).
PAGE_WORDS = {
    "create": _("新建"),
    "update": _("编辑"),
    "delete": _("删除"),
    "history": _("修改历史"),
    "import": _("导入"),
}


# Pages outside the menu (the user menu's), each domain under its own page.
OUTSIDE_MENU = {
    "jobs": (_("后台任务"), "jobs:job-list"),
    "audit": (_("操作记录"), "audit:site"),
    "password_change": (_("修改密码"), "password_change"),
    "accounts": (_("账户管理"), "accounts:account-list"),
}


def _menu_pages() -> dict[str, tuple]:
    """URL name -> (section label, page label) of every page in the menu; the first place wins."""
    pages = {}
    for section, entries in SECTIONS:
        for label, name, *_creates in entries:
            pages.setdefault(name, (section, label))
    return pages


def breadcrumbs(view_name: str, obj=None) -> list[dict]:
    """首页 › section › list page › record › page, from the menu: a page in the menu is found there; a
    record's pages (enterprise-detail, -update, …) under their list page (enterprise-list); any other
    page of a domain under its domain's section. Each crumb is {"label", "url"}; the last has no url."""
    if not view_name or view_name == "home":
        return []
    pages = _menu_pages()
    namespace, _sep, url_name = view_name.rpartition(":")
    prefix, _dash, word = url_name.rpartition("-")
    trail = [{"label": _("首页"), "url": reverse("home")}]
    if view_name in pages:
        section, label = pages[view_name]
        return [*trail, {"label": section, "url": ""}, {"label": label, "url": ""}]
    list_name = f"{namespace}:{prefix}-list"
    if list_name in pages:
        section, label = pages[list_name]
        trail += [{"label": section, "url": ""}, {"label": label, "url": reverse(list_name)}]
    elif section := next((s for name, (s, _label) in pages.items() if name.startswith(f"{namespace}:")), None):
        trail.append({"label": section, "url": ""})
    elif (outside := namespace or view_name) in OUTSIDE_MENU:
        label, name = OUTSIDE_MENU[outside]
        trail.append({"label": label, "url": reverse(name)})
    if obj is not None and hasattr(obj, "get_absolute_url"):
        trail.append({"label": str(obj), "url": obj.get_absolute_url() if word != "detail" else ""})
    if word in PAGE_WORDS:
        trail.append({"label": PAGE_WORDS[word], "url": ""})
    trail[-1]["url"] = ""
    return trail
