"""The brief as a Word document, filled into a template with docxtpl.

docxtpl rather than python-docx alone: the layout lives in a .docx an office edits in Word — its 红头,
fonts, logo, page setup and the wording around the figures — with Jinja tags where the figures go, so a
new letterhead needs no code. (python-docx alone would build the document in code; an office could only
change styles.) docxtpl uses python-docx underneath and is maintained (LGPL-2.1).

The template: CHANYE_BRIEF_TEMPLATE if set, else the shipped brief-template.docx. Note references are
superscript [n]; the numbered source list closes the document. The generation time goes in the footer,
so that the body of an unchanged brief is the same text each time (the archive refuses an exact repeat).
"""

import datetime
import io
from pathlib import Path

from django.conf import settings
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText

from . import charts as charting
from . import style
from .content import Brief, Ref
from .docx_template import SHIPPED


def template_path() -> Path:
    configured = getattr(settings, "CHANYE_BRIEF_TEMPLATE", "") or ""
    return Path(configured) if configured else SHIPPED


def rich(parts, lead: str = "") -> RichText:
    text = RichText()
    if lead:
        text.add(lead, bold=True)
    for part in parts:
        if isinstance(part, Ref):
            text.add(f"[{int(part)}]", superscript=True)
        elif part:
            text.add(part)
    return text


def _note(note) -> str:
    return "" if note is None else f"[{int(note)}]"


def _cell(cell) -> RichText:
    text = RichText(cell.value)
    if cell.when:
        text.add("\n" + cell.when, size=14)  # half-points: 7 pt
    return text


def context(brief: Brief, template: DocxTemplate, chart_list) -> dict:
    p, a, d = brief.pipeline, brief.appeals, brief.designations
    register = _note(p.register_note)
    if p.signed:
        signed_text = rich(
            [
                f"本月签约项目{len(p.signed)}个（每个项目只在首次签约时计入），合同投资额{style.amount(p.signed_contract, '元')}",
                p.register_note,
            ]
            + ([f"，另有{p.signed_without_amount}个项目未录入合同投资额"] if p.signed_without_amount else [])
            + ["。"]
        )
    else:
        signed_text = rich(["本月暂无签约项目记录", p.register_note, "。"])
    events = []
    for t, note in p.events:
        e = t.event
        announced = []
        if e.announced_projects is not None:
            announced.append(f"公布签约项目{e.announced_projects}个")
        if e.announced_investment is not None:
            announced.append(f"{e.announced_basis or '投资额'}{style.amount(e.announced_investment, '元')}")
        missing = f"，尚有{t.missing_projects}个项目未录入，以公布数为准" if t.missing_projects else ""
        events.append(
            rich(
                [
                    f"{e.date.month}月{e.date.day}日，{e.name}",
                    note,
                    f"：{'、'.join(announced) or '未公布总数'}；平台已录入{t.known_projects}个，"
                    f"按首次签约计入{t.counted_projects}个、合同投资额{style.amount(t.counted_investment, '元')}{missing}。",
                ]
            )
        )
    if p.changes:
        more = f"，表中列出前{len(p.changes)}次" if p.changes_total > len(p.changes) else ""
        changes_text = rich([f"本月项目阶段变化{p.changes_total}次{more}", p.register_note, "。"])
    else:
        changes_text = rich(["本月暂无项目阶段变化记录", p.register_note, "。"])
    if a.is_empty:
        appeals_text = rich(["本月暂无企业诉求记录", a.note, "。"])
    else:
        t = a.total
        appeals_text = rich(
            [
                f"本月受理企业诉求{t.received}件，办结{t.closed}件；月末在办{t.open_at_end}件，其中超期{t.overdue_at_end}件",
                a.note,
                "。",
            ]
        )
    return {
        "title": brief.title,
        "region": brief.region.name,
        "period_label": brief.period_label,
        "issue_date": f"{brief.issue_date.year}年{brief.issue_date.month}月{brief.issue_date.day}日",
        "generated_at": f"{brief.generated_at:%Y-%m-%d %H:%M}",
        "generated_by": brief.user_label,
        "summary": rich(brief.summary),
        "sections": [
            rich(s.paragraph, lead=f"（{style.chinese_ordinal(i)}）{s.cluster.name}。")
            for i, s in enumerate(brief.sections, 1)
        ]
        or [rich(["暂无数据：本区域没有登记的产业集群。"])],
        "charts": [
            {
                "image": InlineImage(template, io.BytesIO(c.png), width=Mm(150)),
                "caption": f"图{i}　{c.title}" + (f"（{c.note}）" if c.note else ""),
            }
            for i, c in enumerate(chart_list, 1)
        ],
        "columns": [{"name": name, "unit": unit} for name, unit in brief.columns],
        "table": [
            {
                "name": s.cluster.name,
                "cells": [{"value": _cell(c), "yoy": c.yoy} for c in s.cells],
                "notes": "".join(_note(n) for n in s.notes),
            }
            for s in brief.sections
        ],
        "table_note": table_note(brief),
        "pipeline": {
            "signed_text": signed_text,
            "signed": [
                {
                    "name": project.name,
                    "cluster": str(project.cluster or "未归集群"),
                    "date": f"{project.signed_on:%Y-%m-%d}",
                    "amount": style.amount(project.contract_investment, "元"),
                    "note": _note(note),
                }
                for project, note in p.signed
            ],
            "events": events,
            "changes_text": changes_text,
            "changes": [
                {
                    "date": f"{c.on:%Y-%m-%d}",
                    "project": c.project.name,
                    "stages": f"{c.from_stage or '新入库'} → {c.to_stage}",
                    "reason": c.reason,
                }
                for c in p.changes
            ],
            "clusters": [
                {
                    "name": row.name,
                    "projects": row.projects_text,
                    "contract": style.amount(row.contract, "元"),
                    "funds": style.amount(row.funds, "元"),
                    "funds_in_month": style.amount(row.funds_in_month, "元"),
                    "ratio": style.percent(row.ratio_pct),
                    "reported": "；".join(
                        f"{f.indicator.name}{f.text}（{f.short_when}）{_note(f.note)}" for f in row.reported
                    )
                    or style.NO_DATA,
                }
                for row in p.clusters
            ],
            "clusters_note": rich(
                [
                    f"前五列据本平台招商项目库{register}，截至{brief.period_label}末；末列为统计部门口径的本年累计数，二者并列、不相加。"
                ]
                if p.clusters
                else ["暂无数据：本区域没有已签约项目或统计部门的招商数字。"]
            ),
        },
        "appeals": {
            "text": appeals_text,
            "offices": [
                {
                    "office": r.office,
                    "received": r.received,
                    "closed": r.closed,
                    "open_at_end": r.open_at_end,
                    "overdue_at_end": r.overdue_at_end,
                }
                for r in ([*a.offices, a.total] if a.offices else [])
            ],
            "note": (
                "" if a.is_empty else "超期：首次响应、研判或反馈办结任一环节在月末已过期限（按工作日计）仍未完成。"
            )
            + ("仅统计生成人所在部门承办的诉求。" if a.partial else ""),
        },
        "designations": {
            "new": rich(_designation_parts("本月新增：", d.new) if d.new else ["本月暂无新增荣誉或名单。"]),
            "undated": rich(
                _designation_parts(f"{brief.month.year}年获得、未记载具体日期的：", d.undated) if d.undated else []
            ),
        },
        "quality": [rich(parts) for parts in quality_parts(brief)] or [rich(["本期数据无过期、无冲突。"])],
        "notes": [{"number": n.number, "text": n.text} for n in brief.notes.items],
    }


def table_note(brief: Brief) -> str:
    return (
        f"表中数值为{brief.ytd_label}累计（时点数为{brief.month.end}月末数）；数值下注明统计期的，为该项本年最新数据的统计期。"
        "“暂无数据”表示数据库中没有该项数字。"
    )


def _designation_parts(lead: str, items) -> list:
    parts = [lead]
    for i, (item, note) in enumerate(items):
        if i:
            parts.append("；")
        parts.extend([f"{item.holder}入选“{item.title}”", note])
    parts.append("。")
    return parts


def quality_parts(brief: Brief) -> list[list]:
    """The data-quality paragraphs, as running text with notes (DOCX and XLSX)."""
    q, paragraphs = brief.quality, []
    if q.stale:
        parts = [f"过期数据（早于该指标报告周期另加一个月，以本期印发基准日{brief.issue_date:%Y-%m-%d}计）："]
        for i, (cluster, f) in enumerate(q.stale):
            parts.extend(
                [*(["；"] if i else []), f"{cluster.name}{f.indicator.name}{f.text}（{f.period.label}）", f.note]
            )
        paragraphs.append([*parts, "。"])
    if q.growth:
        parts = ["同比报告值与按上年同期计算值不一致："]
        for i, (cluster, f) in enumerate(q.growth):
            parts.extend(
                [
                    *(["；"] if i else []),
                    f"{cluster.name}{f.indicator.name}（{f.period.label}）报告{style.percent(f.stated_yoy)}、计算{style.percent(f.computed_yoy)}",
                    f.note,
                ]
            )
        paragraphs.append([*parts, "。"])
    if q.conflicts:
        paragraphs.append(
            ["待裁决的数字冲突：" + "。".join(f"{c['title']}：{'；'.join(c['sides'])}" for c in q.conflicts) + "。"]
        )
    if q.missing:
        paragraphs.append(["本年暂无经济运行数据的集群：" + "、".join(c.name for c in q.missing) + "。"])
    return paragraphs


def docx(brief: Brief, chart_list=None, template: Path | None = None) -> bytes:
    chart_list = charting.charts(brief) if chart_list is None else chart_list
    document = DocxTemplate(str(template or template_path()))
    document.render(context(brief, document, chart_list), autoescape=True)
    properties = document.docx.core_properties
    properties.title = f"{brief.title}（{brief.period_label}）"
    properties.subject = "产业集群经济运行月报"
    properties.author = "chanye"
    properties.keywords = f"月报;{brief.region.name};{brief.period_label}"
    properties.created = properties.modified = brief.generated_at.astimezone(datetime.UTC).replace(tzinfo=None)
    properties.last_modified_by = brief.user_label
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
