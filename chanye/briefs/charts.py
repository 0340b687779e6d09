"""The brief's charts, rendered on the server as PNG images with matplotlib in the Noto CJK font (the
glyphs are drawn into the image: nothing to load when the document is opened or printed).

matplotlib's object API (Figure + Agg canvas), not pyplot: no global state, safe in a web worker.
"""

import io
from dataclasses import dataclass

from . import fonts, style
from .content import Brief, TargetLine

DPI = 150
MAX_BARS = 30
MAX_TARGETS = 6
STATUS_COLOURS = {"达标": "#2fb344", "正常": "#206bc4", "滞后": "#f59f00", "高风险": "#d63939"}


@dataclass
class Chart:
    key: str
    title: str
    png: bytes
    note: str = ""

    @property
    def data_uri(self) -> str:
        import base64

        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fonts.font_file(fonts.SANS)  # MissingFont, with what to install, rather than a chart of empty boxes
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    return out.getvalue()


def _rc():
    import matplotlib

    return matplotlib.rc_context({"font.family": [fonts.SANS], "font.size": 9, "axes.unicode_minus": False})


def cluster_chart(brief: Brief) -> Chart | None:
    """Each cluster's headline year-to-date figure in 亿元 (the largest 30 when there are more)."""
    bars = [
        (s.cluster.name, s.headline)
        for s in brief.sections
        if s.headline is not None and s.headline.indicator.is_money and s.headline.observation.value is not None
    ]
    if not bars:
        return None
    bars.sort(key=lambda bar: bar[1].observation.value, reverse=True)
    note = f"共{len(bars)}个集群，图示规模最大的{MAX_BARS}个" if len(bars) > MAX_BARS else ""
    bars = bars[:MAX_BARS][::-1]
    with _rc():
        figure = _figure(7.2, max(2.2, 0.5 * len(bars) + 0.9))
        axes = figure.add_subplot()
        values = [float(style.in_yi(f.observation.value)) for _name, f in bars]
        labels = [f"{name}\n{f.indicator.name}·{f.short_when}" for name, f in bars]
        axes.barh(range(len(bars)), values, color="#206bc4", height=0.6)
        axes.set_yticks(range(len(bars)), labels, fontsize=7.5)
        for i, (_name, f) in enumerate(bars):
            growth = "" if f.yoy is None else f"  {style.signed_percent(f.yoy)}%"
            axes.text(values[i], i, f" {values[i]:.1f}{growth}", va="center", fontsize=7.5)
        axes.set_xlabel("亿元（本年累计；右侧为同比，%）")
        axes.set_xlim(0, max(values) * 1.25)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(f"各产业集群主要指标（截至{brief.period_label}）", fontsize=10)
        png = _png(figure)
    return Chart("clusters", "各产业集群主要指标", png, note)


def _chartable(line: TargetLine) -> bool:
    return line.progress.level is not None and line.progress.needed_pct is not None


def target_chart(brief: Brief) -> Chart | None:
    """The path each target needs and the path the achieved growth gives, by year (the six furthest behind
    when there are more)."""
    from chanye.monitoring.progress import trajectory

    lines = [(s.cluster.name, t) for s in brief.sections for t in s.targets if _chartable(t)]
    if not lines:
        return None
    note = ""
    if len(lines) > MAX_TARGETS:
        note = f"共{len(lines)}项目标可计算轨迹，图示完成进度最低的{MAX_TARGETS}项"
        lines = sorted(lines, key=lambda item: item[1].progress.progress_pct or 0)[:MAX_TARGETS]
    columns = 2 if len(lines) > 1 else 1
    rows = (len(lines) + columns - 1) // columns
    with _rc():
        figure = _figure(7.2, 2.3 * rows + 0.3)
        for i, (name, line) in enumerate(lines):
            axes = figure.add_subplot(rows, columns, i + 1)
            path = trajectory(line.progress)
            scale = 100_000_000 if line.indicator.is_money else 1
            unit = "亿元" if line.indicator.is_money else line.indicator.unit
            years = path["years"]
            axes.plot(years, [v / scale for v in path["needed"]], "--", color="#666", label="达标所需")
            axes.plot(
                years, [v / scale for v in path["projected"]], "-o", markersize=3, color="#206bc4", label="按实际增速"
            )
            axes.axhline(float(line.target.value) / scale, color=STATUS_COLOURS[line.status], linewidth=0.8)
            axes.set_title(f"{name}·{line.indicator.name}·{line.target.year}年（{line.status}）", fontsize=8.5)
            axes.set_ylabel(unit, fontsize=7.5)
            axes.set_xticks(years, [str(y) for y in years], fontsize=7.5)
            axes.tick_params(axis="y", labelsize=7.5)
            axes.spines[["top", "right"]].set_visible(False)
            if i == 0:
                axes.legend(fontsize=7, frameon=False)
        png = _png(figure)
    return Chart("targets", "目标轨迹", png, note)


def charts(brief: Brief) -> list[Chart]:
    return [c for c in (cluster_chart(brief), target_chart(brief)) if c is not None]
