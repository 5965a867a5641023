"""A course at a glance: mood scores by session (response and remission marked) and the
peak systolic rise of each session.

Every curve, scatter and bar item is made once and updated with ``setData``/``setOpts``
(the pyqtgraph examples' way). Response is a drop of 50 % or more from the course's first
score, remission PHQ-9 < 5 or MADRS ≤ 10 (``monitor.course``).
"""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from export.colours import Colors
from monitor.course import RESPONSE_DROP, SessionSummary, TrendPoint, trend
from monitor.scales import MOOD_SCALES, SCALES
from monitor.vitals import Limit, Tier, default_limits, tier_reached

MAX_VALUE_LABELS = 16  # scores written beside their points up to this many sessions
# a limit line's label on the bar chart: at the right end, in the room after the last bar
BAR_LINE_LABEL = {"position": 0.99, "anchors": [(1, 1), (1, 1)]}


class MoodPlot(pg.PlotWidget):
    """One scale's scores by session number, with response and remission marked."""

    def __init__(self, scale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        spec = SCALES[scale]
        self.title = title = f"{spec.short} by session"
        plot = self.getPlotItem()
        _fixed(plot)
        plot.setYRange(spec.low, spec.high, padding=0.04)
        plot.setLabel("bottom", "session")
        # the threshold lines are named on a right-hand axis, clear of the points
        plot.showAxis("right")
        self.thresholds = plot.getAxis("right")
        self.thresholds.setWidth(72)
        self.curve = plot.plot([], [], symbol="o", symbolSize=9, name=title)
        self.response = pg.ScatterPlotItem(size=22, symbol="o", brush=None)
        self.remission = pg.ScatterPlotItem(size=17, symbol="star")
        self.item9 = pg.ScatterPlotItem(size=20, symbol="d")  # a red diamond round the point
        for item in (self.response, self.remission, self.item9):
            item.setZValue(5)
            plot.addItem(item)
        self.remission_line = pg.InfiniteLine(spec.remission_line, angle=0, movable=False)
        self.response_line = pg.InfiniteLine(0, angle=0, movable=False)
        self.response_line.hide()
        for line in (self.remission_line, self.response_line):
            line.setZValue(-5)
            plot.addItem(line)
        self.labels: list[pg.TextItem] = []
        self.points: list[TrendPoint] = []
        self.item9_sessions: set[int] = set()

    def set_points(self, points: list[TrendPoint], sessions: int,
                   item9_sessions: set[int], colors: Colors) -> None:
        self.points = points
        self.item9_sessions = item9_sessions
        self.curve.setData([p.session_number for p in points], [p.score for p in points])
        self.response.setData([p.session_number for p in points if p.response],
                              [p.score for p in points if p.response])
        self.remission.setData([p.session_number for p in points if p.remission],
                               [p.score for p in points if p.remission])
        flagged = [p for p in points if p.session_number in item9_sessions]
        self.item9.setData([p.session_number for p in flagged], [p.score for p in flagged])
        ticks = [(self.remission_line.value(), "remission")]
        if points and points[0].score:
            at = points[0].score * (1 - RESPONSE_DROP)
            self.response_line.setValue(at)
            self.response_line.setToolTip(f"Response: {at:g} or less, half the first score")
            ticks.append((at, "response"))
        self.response_line.setVisible(len(ticks) > 1)
        self.thresholds.setTicks([ticks, []])
        self._set_labels(colors)
        _session_axis(self.getPlotItem(), sessions)
        self.getPlotItem().setTitle(self._title(), color=colors.text, size="11pt")

    def _title(self) -> str:
        return self.title if self.points else f"{self.title}: none recorded"

    def _set_labels(self, c: Colors) -> None:
        plot = self.getPlotItem()
        while len(self.labels) < len(self.points):
            label = pg.TextItem()
            plot.addItem(label)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            if i >= len(self.points):
                label.hide()
                continue
            p = self.points[i]
            flagged = p.session_number in self.item9_sessions
            if not flagged and len(self.points) > MAX_VALUE_LABELS:
                label.hide()  # a long course: the table has the numbers, item 9 stays
                continue
            label.setColor(c.critical if flagged else c.text)
            label.setHtml(f"<b>{p.score} ⚠ item 9</b>" if flagged else str(p.score))
            label.setPos(p.session_number, p.score)
            # above the point, clear of its ring; the first one leans right, off the axis
            label.setAnchor((0.15 if p.session_number == 1 else 0.5, 1.45))
            label.show()

    def apply_colors(self, c: Colors) -> None:
        _style_plot(self, self._title(), c)
        color = c.accent if self.scale == "phq9" else c.hr
        self.curve.setPen(pg.mkPen(color, width=2))
        self.curve.setSymbolBrush(pg.mkBrush(color))
        self.curve.setSymbolPen(pg.mkPen(color))
        self.response.setPen(pg.mkPen(c.ok, width=2.5))
        self.response.setBrush(None)
        self.remission.setPen(pg.mkPen(c.ok))
        self.remission.setBrush(pg.mkBrush(c.ok))
        self.item9.setPen(pg.mkPen(c.critical, width=2.5))
        self.item9.setBrush(None)
        for line in (self.remission_line, self.response_line):
            line.setPen(pg.mkPen(c.ok, width=1, style=Qt.PenStyle.DashLine))
        self.thresholds.setPen(pg.mkPen(c.muted))
        self.thresholds.setTextPen(pg.mkPen(c.ok))
        self._set_labels(c)


class CourseCharts(QWidget):
    """PHQ-9 (and MADRS when any is recorded) by session, and the SBP rise of each session.

    Args:
        colors: the theme's colours (``apply_colors`` changes them).
        limits: alarm limits whose relative-SBP lines are drawn on the rise chart until
            a course is shown (the clinic defaults when not given); a course then shows
            the limits copied onto its latest session.
    """

    def __init__(self, colors: Colors, limits: tuple[Limit, ...] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.summaries: list[SessionSummary] = []
        self.session_limits: list[tuple[Limit, ...]] = []
        self.mood = {scale: MoodPlot(scale) for scale in MOOD_SCALES}
        self.mood["madrs"].hide()
        self.rise = pg.PlotWidget()
        _fixed(self.rise.getPlotItem())
        self.rise.setLabel("bottom", "session")
        self.rise.setLabel("left", "mmHg")
        # one shared pen: pyqtgraph 0.14 fails on an empty per-bar pen list
        self.rise_bars = pg.BarGraphItem(x=[], height=[], width=0.6, pen=pg.mkPen(None),
                                         brushes=[])
        self.rise.addItem(self.rise_bars)
        self.limits: tuple[Limit, ...] = ()
        self.rise_lines: list[tuple[pg.InfiniteLine, Tier]] = []
        self._set_limits(limits or default_limits())
        self.legend = QLabel()
        self.legend.setObjectName("courseLegend")
        self.legend.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mood["phq9"], 3)
        row.addWidget(self.mood["madrs"], 3)
        row.addWidget(self.rise, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row, 1)
        layout.addWidget(self.legend)
        self.apply_colors(colors)

    def _set_limits(self, limits: tuple[Limit, ...]) -> None:
        """The rise chart's limit lines: the relative systolic limits of ``limits``."""
        if limits == self.limits:
            return
        for line, _tier in self.rise_lines:
            self.rise.removeItem(line)
        self.limits = limits
        self.rise_lines = []
        for lim in limits:
            if lim.measure == "sbp" and lim.relative:
                line = pg.InfiniteLine(lim.threshold, angle=0, movable=False,
                                       label=f"+{lim.threshold:g} {lim.tier.value}",
                                       labelOpts=BAR_LINE_LABEL)
                self.rise.addItem(line)
                self.rise_lines.append((line, lim.tier))
        self._colour_rise_lines(self.colors)

    def set_course(self, summaries: list[SessionSummary],
                   session_limits: list[tuple[Limit, ...]] | None = None) -> None:
        """Shows a course (oldest session first). ``session_limits``: the limits copied
        onto each session; each bar is coloured by its own session's, and the lines are
        the latest session's, as on the printed course (kept as they are when not
        given)."""
        if session_limits:
            self._set_limits(session_limits[-1])
        self.session_limits = list(session_limits or [])
        self.summaries = list(summaries)
        n = len(summaries)
        item9 = {i for i, s in enumerate(summaries, 1) if s.phq9_item9}
        for scale, plot in self.mood.items():
            plot.set_points(trend(self.summaries, scale), n, item9 if scale == "phq9"
                            else set(), self.colors)
        self.mood["madrs"].setVisible(bool(self.mood["madrs"].points))
        rises = [(i, s.sbp_rise) for i, s in enumerate(summaries, 1) if s.sbp_rise is not None]
        self._set_bars(rises)
        _session_axis(self.rise.getPlotItem(), n, room=1.6)
        thresholds = [line.value() for line, _ in self.rise_lines]
        top = max([r for _, r in rises] + thresholds + [0])
        low = min([r for _, r in rises] + [0])
        self.rise.setYRange(low - 3, top + 8, padding=0)
        self._show_legend()

    def _set_bars(self, rises: list[tuple[int, int]]) -> None:
        c = self.colors
        brushes = []
        for number, rise in rises:
            own = (self.session_limits[number - 1] if number <= len(self.session_limits)
                   else self.limits)
            tier = tier_reached(own, "sbp", rise, relative=True)
            brushes.append(pg.mkBrush(c.tier(tier, c.muted)))
        self.rise_bars.setOpts(x=[i for i, _ in rises], height=[r for _, r in rises],
                               brushes=brushes)

    def _show_legend(self) -> None:
        c = self.colors
        phq9, madrs = SCALES["phq9"], SCALES["madrs"]
        parts = [f"<span style='color:{c.accent}'>●</span> {phq9.short}"]
        if self.mood["madrs"].points:
            parts.append(f"<span style='color:{c.hr}'>●</span> {madrs.short}")
        parts += [
            f"<span style='color:{c.ok}'>◯</span> response (≥ {RESPONSE_DROP * 100:.0f} % "
            "drop from the first score)",
            f"<span style='color:{c.ok}'>★</span> remission ({phq9.short} "
            f"{escape(phq9.remission_text)}, {madrs.short} {escape(madrs.remission_text)})",
        ]
        if self.mood["phq9"].item9_sessions:
            parts.append(f"<b style='color:{c.critical}'>◇ ⚠ PHQ-9 item 9 above 0 "
                         "(thoughts of self-harm)</b>")
        parts.append(f"Bars: peak SBP rise over baseline; <span style='color:{c.advisory}'>"
                     f"■</span> advisory, <span style='color:{c.critical}'>■</span> critical")
        self.legend.setText(" &nbsp;&nbsp; ".join(parts))

    def apply_colors(self, c: Colors) -> None:
        self.colors = c
        for plot in self.mood.values():
            plot.apply_colors(c)
        _style_plot(self.rise, "Peak SBP rise", c)
        self._colour_rise_lines(c)
        if self.summaries:
            self.set_course(self.summaries, self.session_limits)
        else:
            self._show_legend()

    def _colour_rise_lines(self, c: Colors) -> None:
        for line, tier in self.rise_lines:
            color = c.tier(tier)
            line.setPen(pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
            line.label.setColor(color)


def _fixed(plot: pg.PlotItem) -> None:
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.15)
    plot.getAxis("left").setWidth(44)


def _session_axis(plot: pg.PlotItem, sessions: int, room: float = 0.5) -> None:
    """Whole session numbers on the x axis (every one while they fit); ``room`` is the
    space after the last session."""
    step = max(1, -(-sessions // 12))  # ceil: about a dozen ticks at most
    plot.getAxis("bottom").setTicks([[(n, str(n)) for n in range(1, sessions + 1, step)], []])
    plot.setXRange(0.5, max(sessions, 1) + room, padding=0.02)


def _style_plot(widget: pg.PlotWidget, title: str, c: Colors) -> None:
    widget.setBackground(c.base)
    plot = widget.getPlotItem()
    plot.setTitle(title, color=c.text, size="11pt")
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(c.muted))
        axis.setTextPen(pg.mkPen(c.text))
