"""The brief as an Excel workbook (openpyxl): the same numbers as the document — money in 亿元 with one
decimal, 同比 in percent with one decimal, counts as they are, 暂无数据 where there is no figure — each
row with its note number, and a 数据来源 sheet listing every source (publication, date, 版次, quote; or
import file and row)."""

import io

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from chanye.core.tables import workbook_bytes

from . import charts as charting
from . import style
from .content import Brief, Figure, plain
from .word import quality_parts

HEADER = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER = "0.0"


def _number(value):
    return style.NO_DATA if value is None else float(value)


def _sheet(workbook, title: str, header: list[str], rows, widths: list[int] | None = None):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER, HEADER_FILL
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths or [], 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    return sheet


def _format(sheet, columns: dict[int, str]) -> None:
    for row in sheet.iter_rows(min_row=2):
        for index, fmt in columns.items():
            cell = row[index - 1]
            if isinstance(cell.value, float):
                cell.number_format = fmt


def _figure_row(cluster: str, f: Figure) -> list:
    return [
        cluster,
        f.indicator.name,
        f.period.label,
        _number(f.value_in_unit),
        f.table_unit,
        f.observation.qualifier or "",
        _number(None if f.yoy is None else style.one_decimal(f.yoy)),
        "报告值" if f.stated_yoy is not None else ("按上年同期计算" if f.computed_yoy is not None else ""),
        "过期" if f.stale else "",
        f.note,
    ]


def xlsx(brief: Brief, chart_list=None) -> bytes:
    chart_list = charting.charts(brief) if chart_list is None else chart_list
    workbook = Workbook()
    cover = workbook.active
    cover.title = "月报"
    cover.column_dimensions["A"].width = 120
    lines = [
        (f"{brief.title}（{brief.period_label}）", Font(bold=True, size=16, color="CC0000")),
        (
            f"数据截至{brief.period_label}；印发基准日{brief.issue_date:%Y-%m-%d}；生成于{brief.generated_at:%Y-%m-%d %H:%M}（{brief.user_label}）",
            None,
        ),
        ("一、总体情况", HEADER),
        (plain(brief.summary), None),
        ("二、各产业集群运行情况", HEADER),
        *[
            (f"（{style.chinese_ordinal(i)}）{s.cluster.name}。{plain(s.paragraph)}", None)
            for i, s in enumerate(brief.sections, 1)
        ],
        ("七、数据质量提示", HEADER),
        *[(plain(parts), None) for parts in quality_parts(brief)],
        (
            "文中 [n] 为“数据来源”表的编号；各表数值与 Word、PDF 版相同（金额单位亿元，保留一位小数）。",
            Font(italic=True, color="666666"),
        ),
    ]
    for text, font in lines:
        cover.append([text])
        cell = cover.cell(cover.max_row, 1)
        cell.alignment = WRAP
        if font is not None:
            cell.font = font

    header = ["产业集群"]
    for name, unit in brief.columns:
        header += [f"{name}（{unit}）", f"{name}统计期", f"{name}同比（%）"]
    rows = []
    for s in brief.sections:
        row = [s.cluster.name]
        for cell in s.cells:
            f = cell.figure
            if f is None:
                row += [style.NO_DATA, "", style.NO_DATA]
            else:
                row += [
                    _number(f.value_in_unit) if f.indicator.is_money or not f.observation.qualifier else cell.value,
                    f.short_when,
                    _number(None if f.yoy is None else style.one_decimal(f.yoy)),
                ]
        rows.append([*row, "".join(f"[{n}]" for n in s.notes)])
    table = _sheet(workbook, "主要指标一览", [*header, "注"], rows, [18] + [12, 10, 10] * len(brief.columns) + [10])
    _format(table, dict.fromkeys(range(2, 2 + 3 * len(brief.columns)), NUMBER))

    details = []
    for s in brief.sections:
        shown = [*s.figures.values(), *([s.older] if s.older else [])]
        details += [_figure_row(s.cluster.name, f) for f in shown] or [[s.cluster.name, style.NO_DATA]]
    sheet = _sheet(
        workbook,
        "指标明细",
        ["产业集群", "指标", "统计期", "数值", "单位", "约数", "同比（%）", "同比口径", "过期", "注（来源编号）"],
        details,
        [18, 14, 18, 12, 8, 6, 10, 14, 6, 12],
    )
    _format(sheet, {4: NUMBER, 7: NUMBER})

    targets = []
    for s in brief.sections:
        for t in s.targets:
            p = t.progress
            money = t.indicator.is_money
            targets.append(
                [
                    s.cluster.name,
                    t.indicator.name,
                    t.target.year,
                    _number(style.in_yi(t.target.value) if money else t.target.value),
                    "亿元" if money else t.indicator.unit,
                    "突破" if t.target.qualifier == "超" else "达到",
                    _number(None if p.level is None else (style.in_yi(p.level.value) if money else p.level.value)),
                    p.level.basis if p.level else style.NO_DATA,
                    _number(None if p.progress_pct is None else style.one_decimal(p.progress_pct)),
                    _number(t.completion_pct),
                    _number(None if p.needed_pct is None else style.one_decimal(p.needed_pct)),
                    _number(None if p.growth_pct is None else style.one_decimal(p.growth_pct)),
                    p.projected_year or "",
                    t.status,
                    t.reasons,
                    t.note,
                ]
            )
    sheet = _sheet(
        workbook,
        "目标进度",
        [
            "产业集群",
            "指标",
            "目标年份",
            "目标值",
            "单位",
            "表述",
            "当前水平",
            "水平口径",
            "完成进度（%）",
            "本年累计完成（%）",
            "所需年均增速（%）",
            "实际增速（%）",
            "预计达标年份",
            "状态",
            "理由",
            "注",
        ],
        targets or [[style.NO_DATA]],
        [18, 12, 9, 10, 6, 6, 10, 30, 10, 10, 12, 10, 10, 8, 40, 6],
    )
    _format(sheet, {4: NUMBER, 7: NUMBER, 9: NUMBER, 10: NUMBER, 11: NUMBER, 12: NUMBER})

    p = brief.pipeline
    investment = []
    for project, note in p.signed:
        investment.append(
            [
                "本月签约",
                project.name,
                str(project.cluster or "未归集群"),
                f"{project.signed_on:%Y-%m-%d}",
                _number(style.in_yi(project.contract_investment)),
                "",
                "",
                note,
            ]
        )
    for t, note in p.events:
        investment.append(
            [
                "集中签约",
                t.event.name,
                f"公布{t.event.announced_projects if t.event.announced_projects is not None else '—'}个",
                f"{t.event.date:%Y-%m-%d}",
                _number(style.in_yi(t.counted_investment)),
                f"按首次签约计入{t.counted_projects}个",
                f"未录入{t.missing_projects}个" if t.missing_projects else "",
                note,
            ]
        )
    for c in p.changes:
        investment.append(
            [
                "阶段变化",
                c.project.name,
                f"{c.from_stage or '新入库'} → {c.to_stage}",
                f"{c.on:%Y-%m-%d}",
                "",
                c.reason,
                "",
                p.register_note,
            ]
        )
    for row in p.clusters:
        investment.append(
            [
                "合同投资与到位资金",
                row.name,
                f"已签约{row.projects_text}个",
                f"截至{brief.period_label}末",
                _number(style.in_yi(row.contract)),
                _number(style.in_yi(row.funds)),
                _number(style.in_yi(row.funds_in_month)),
                p.register_note,
            ]
        )
        for f in row.reported:
            investment.append(
                [
                    "统计部门本年累计",
                    row.name,
                    f.indicator.name,
                    f.period.label,
                    _number(f.value_in_unit),
                    f.table_unit,
                    "",
                    f.note,
                ]
            )
    sheet = _sheet(
        workbook,
        "招商引资",
        [
            "类别",
            "项目/集群",
            "说明",
            "日期/统计期",
            "金额（亿元）或数值",
            "到位资金（亿元）或单位",
            "其中本月（亿元）",
            "注",
        ],
        investment or [["本月暂无招商引资记录", "", "", "", "", "", "", p.register_note]],
        [16, 30, 20, 16, 14, 16, 14, 6],
    )
    _format(sheet, {5: NUMBER, 6: NUMBER, 7: NUMBER})

    a = brief.appeals
    _sheet(
        workbook,
        "企业诉求",
        ["承办部门", "本月受理", "本月办结", "月末在办", "月末超期", "注"],
        [[r.office, r.received, r.closed, r.open_at_end, r.overdue_at_end, a.note] for r in [*a.offices, a.total]]
        + ([["仅统计生成人所在部门承办的诉求"]] if a.partial else []),
        [30, 10, 10, 10, 10, 6],
    )
    d = brief.designations
    _sheet(
        workbook,
        "荣誉名单",
        ["类别", "获得者", "名单或称号", "发布单位", "级别", "年份", "日期", "注"],
        [
            [
                kind,
                item.holder,
                item.title,
                item.issuer,
                item.get_level_display(),
                item.year or "",
                f"{item.date:%Y-%m-%d}" if item.date else "",
                note,
            ]
            for kind, items in (("本月新增", d.new), ("本年（日期未记载）", d.undated))
            for item, note in items
        ]
        or [["本月暂无新增荣誉或名单"]],
        [16, 20, 40, 20, 8, 8, 12, 6],
    )
    q = brief.quality
    _sheet(
        workbook,
        "数据质量",
        ["类别", "产业集群", "指标", "统计期", "说明", "注"],
        [["过期", c.name, f.indicator.name, f.period.label, f.text, f.note] for c, f in q.stale]
        + [
            [
                "同比不一致",
                c.name,
                f.indicator.name,
                f.period.label,
                f"报告{style.percent(f.stated_yoy)}，计算{style.percent(f.computed_yoy)}",
                f.note,
            ]
            for c, f in q.growth
        ]
        + [["数字冲突待裁决", "", "", "", f"{c['title']}：{'；'.join(c['sides'])}", ""] for c in q.conflicts]
        + [["本年暂无数据", c.name, "", "", "", ""] for c in q.missing]
        or [["本期数据无过期、无冲突"]],
        [14, 18, 14, 18, 60, 6],
    )
    sources = _sheet(
        workbook,
        "数据来源",
        ["编号", "来源", "类型", "刊物/发布者", "标题", "日期", "版次", "所在标题", "引文", "导入文件", "行号", "网址"],
        [
            [
                n.number,
                n.text,
                n.kind,
                n.details.get("publication", ""),
                n.details.get("title", ""),
                n.details.get("date", ""),
                n.details.get("page", ""),
                n.details.get("heading", ""),
                n.details.get("quote", ""),
                n.details.get("file", ""),
                n.details.get("row") or "",
                n.details.get("url", ""),
            ]
            for n in brief.notes.items
        ],
        [6, 60, 8, 14, 30, 12, 8, 24, 30, 20, 6, 20],
    )
    for row in sources.iter_rows(min_row=2, max_col=2):
        row[1].alignment = WRAP
    if chart_list:
        sheet = workbook.create_sheet("图表")
        top = 1
        for i, chart in enumerate(chart_list, 1):
            sheet.cell(top, 1, f"图{i}　{chart.title}" + (f"（{chart.note}）" if chart.note else "")).font = HEADER
            image = Image(io.BytesIO(chart.png))
            scale = 720 / image.width
            image.width, image.height = 720, int(image.height * scale)
            sheet.add_image(image, f"A{top + 1}")
            top += image.height // 20 + 3
    workbook.properties.title = f"{brief.title}（{brief.period_label}）"
    workbook.properties.creator = "chanye"
    return workbook_bytes(workbook)
