"""Live vitals charts: stacked plots on one time axis, in minutes from the infusion start.

Each curve is made once and updated with ``setData`` (the pyqtgraph examples' way); the
infusion window and pauses are shaded, alarm limits drawn, side effects marked.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from export.colours import Colors
from monitor.chart_panels import PANELS, SERIES
from monitor.scales import short_label
from monitor.session_record import SessionRecord
from monitor.side_effects import SideEffect
from monitor.timeline import Timeline
from monitor.vitals import AlarmCheck, Tier, VitalsSet

# the spec's symbol names as pyqtgraph draws them
GLYPHS = {"down": "t", "up": "t1", "circle": "o", "square": "s", "diamond": "d"}
# room above the highest and below the lowest limit, in pixels: a limit label centred on
# its line stays whole at the panel's edge however short the panel (1024x768, monitor on)
LABEL_ROOM_PX = 10


class VitalsCharts(pg.GraphicsLayoutWidget):
    """``alarms``: the limits drawn until a session is loaded; each loaded session then
    shows the limits copied onto it."""

    def __init__(self, alarms: AlarmCheck, colors: Colors, parent=None) -> None:
        super().__init__(parent)
        self.alarms = alarms
        self.colors = colors
        self.origin: datetime | None = None
        self.plots: dict[str, pg.PlotItem] = {}
        self._y_spans: dict[str, tuple[float, float]] = {}  # each panel's data range
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.limit_lines: list[tuple[pg.InfiniteLine, Tier]] = []
        # limit labels a step smaller than the axes': secondary, and they must fit a short
        # panel (1024x768) whole
        self.limit_font = QFont(self.font())
        self.limit_font.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        self.infusion_regions: dict[str, list[pg.LinearRegionItem]] = {}
        self.pause_regions: dict[str, list[pg.LinearRegionItem]] = {}
        self.now_lines: list[pg.InfiniteLine] = []
        self.effect_labels: list[pg.TextItem] = []
        self._times: list[datetime] = []
        self._values: dict[str, list[float]] = {m: [] for m in SERIES}
        self._effects: list[SideEffect] = []
        self._flagged: dict[int, VitalsSet] = {}
        # entries marked entered in error or artifact: drawn hollow, off the lines
        self.struck_points: dict[str, pg.ScatterPlotItem] = {}
        self._struck: list[VitalsSet] = []
        self._struck_effects: list[SideEffect] = []
        self._build()
        self.apply_colors(colors)

    # --- construction ------------------------------------------------------------------

    def _build(self) -> None:
        first = None
        for row, panel in enumerate(PANELS):
            name, (low, high) = panel.key, panel.y_range
            plot = self.addPlot(row=row, col=0)
            plot.setLabel("left", panel.title, units=None)
            plot.getAxis("left").setWidth(56)
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            self._y_spans[name] = (low, high)
            plot.getViewBox().sigResized.connect(lambda _vb, key=name: self._apply_y(key))
            self._apply_y(name)
            plot.showGrid(x=True, y=True, alpha=0.15)
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
            if name != "effects":
                plot.hideAxis("bottom")
            for m in panel.measures:
                curve = plot.plot([], [], symbol=GLYPHS[SERIES[m].symbol], symbolSize=9,
                                  name=m)
                self.curves[m] = curve
                hollow = pg.ScatterPlotItem(size=11, symbol=GLYPHS[SERIES[m].symbol])
                plot.addItem(hollow)
                self.struck_points[m] = hollow
            self.infusion_regions[name] = []
            self.pause_regions[name] = []
            now_line = pg.InfiniteLine(0, angle=90, movable=False)
            plot.addItem(now_line)
            self.now_lines.append(now_line)
            self.plots[name] = plot
            self._apply_y(name)
        self.effect_points = pg.ScatterPlotItem(size=12, symbol="star")
        self.plots["effects"].addItem(self.effect_points)
        self.struck_effect_points = pg.ScatterPlotItem(size=14, symbol="star")
        self.plots["effects"].addItem(self.struck_effect_points)
        # vitals sets that raised an alarm: a ring round the systolic point
        self.alarm_points = pg.ScatterPlotItem(size=22, symbol="o", brush=None)
        self.plots["bp"].addItem(self.alarm_points)
        self.marks: list[tuple[pg.InfiniteLine, datetime]] = []
        self.plots["effects"].setLabel("bottom", "minutes from start of infusion")
        self.ci.layout.setRowStretchFactor(0, 3)
        self.set_x_range(-5, 45)
        self._draw_limits(self.alarms)

    def _draw_limits(self, alarms: AlarmCheck) -> None:
        """The dashed limit lines of ``alarms`` (a session's own), replacing any drawn."""
        for line, _tier in self.limit_lines:
            for plot in self.plots.values():
                if line in plot.items:
                    plot.removeItem(line)
        self.limit_lines.clear()
        self.alarms = alarms
        for panel in PANELS:
            column = 0  # each of a panel's limit labels in a column of its own
            for m in panel.measures:
                prefix = SERIES[m].limit_prefix
                for value, tier in alarms.lines(m):
                    at = label_position(column)
                    column += 1
                    line = pg.InfiniteLine(value, angle=0, movable=False,
                                           label=f"{prefix} {value:g}".strip(),
                                           labelOpts={"position": at,
                                                      "anchors": [(0.5, 0.5), (0.5, 0.5)]})
                    line.label.setFont(self.limit_font)
                    line.label.textItem.document().setDocumentMargin(1)  # 4 px by default
                    line.setZValue(-20)  # under the shading and the data: a label's
                    # patch of background never hides a reading
                    self.plots[panel.key].addItem(line)
                    self.limit_lines.append((line, tier))
        self._colour_limits()

    def apply_colors(self, c: Colors) -> None:
        self.colors = c
        self.setBackground(c.base)
        for plot in self.plots.values():
            for axis in ("left", "bottom"):
                ax = plot.getAxis(axis)
                ax.setPen(pg.mkPen(c.muted))
                ax.setTextPen(pg.mkPen(c.text))
        for m, curve in self.curves.items():
            color = getattr(c, SERIES[m].colour)
            curve.setPen(pg.mkPen(color, width=2))
            curve.setSymbolBrush(pg.mkBrush(color))
            curve.setSymbolPen(pg.mkPen(color))
            self.struck_points[m].setPen(pg.mkPen(color, width=1.5))
            self.struck_points[m].setBrush(pg.mkBrush(c.base))  # hollow
        self.struck_effect_points.setPen(pg.mkPen(c.side_effect, width=1.5))
        self.struck_effect_points.setBrush(pg.mkBrush(c.base))
        self._colour_limits()
        for line in self.now_lines:
            line.setPen(pg.mkPen(c.accent, width=1, style=Qt.PenStyle.DotLine))
        for regions, color in ((self.infusion_regions, c.infusion),
                               (self.pause_regions, c.pause)):
            for items in regions.values():
                for r in items:
                    r.setBrush(pg.mkBrush(color))
        self._ring_pens = {True: pg.mkPen(c.critical, width=2),
                           False: pg.mkPen(c.advisory, width=2)}
        if self._flagged:
            self._refresh_curves()
        self.effect_points.setBrush(pg.mkBrush(c.side_effect))
        self.effect_points.setPen(pg.mkPen(c.side_effect))
        for label in self.effect_labels:
            label.setColor(c.text)

    def _colour_limits(self) -> None:
        c = self.colors
        for line, tier in self.limit_lines:
            color = c.tier(tier)
            line.setPen(pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
            line.label.setColor(color)
            # the label sits on its line, over a patch of background: high and low
            # limits' labels never meet in the middle of a short panel
            line.label.fill = pg.mkBrush(c.base)
            line.label.update()

    # --- data --------------------------------------------------------------------------

    def load(self, record: SessionRecord, now: datetime) -> None:
        """Takes a whole session (on opening it); later entries come one by one. The
        lines join the entries that count; a marked one is drawn hollow, unjoined."""
        counted = record.effective()
        kept = {v.id for v in counted.vitals}
        self._struck = [v for v in record.vitals if v.id not in kept]
        kept_effects = {e.id for e in counted.side_effects}
        self._struck_effects = [e for e in record.side_effects if e.id not in kept_effects]
        self.origin = record.session.started_at or record.session.created_at
        self._draw_limits(record.alarm_check)
        self._times.clear()
        for values in self._values.values():
            values.clear()
        for panel in PANELS:
            self._set_y(panel.key, *panel.y_range)
        for v in record.vitals:
            if v.id in kept:
                self._insert(v)
            self._fit_y(v)
        self._effects = list(counted.side_effects)
        self._flagged = {v.id: v for v in counted.vitals if v.tier is not None}
        self._refresh_curves()
        self._refresh_effects()
        for _line, _at in self.marks:
            self.plots["bp"].removeItem(_line)
        self.marks.clear()
        for a in counted.assessments:
            self.add_mark(a.at, short_label(a.kind, a.score))
        for m in counted.medications:
            self.add_mark(m.at, f"{m.drug} {m.dose:g} {m.unit}")
        self.show_timeline(record.timeline, now)

    def add_vitals(self, v: VitalsSet) -> None:
        self._insert(v)
        if v.tier is not None:
            self._flagged[v.id] = v
        self._refresh_curves()
        self._fit_y(v)

    def add_mark(self, at: datetime, text: str) -> None:
        """A labelled line across the BP plot: an assessment or a medication. Labels step
        down the plot so marks at nearly the same minute stay readable."""
        step = 0.95 - 0.12 * (len(self.marks) % 4)
        line = pg.InfiniteLine(self.minutes(at), angle=90, movable=False, label=text,
                               labelOpts={"position": step, "anchors": [(0, 0.5), (0, 0.5)]})
        line.setPen(pg.mkPen(self.colors.muted, width=1, style=Qt.PenStyle.DashDotLine))
        line.label.setColor(self.colors.text)
        self.plots["bp"].addItem(line)
        self.marks.append((line, at))

    def add_side_effect(self, effect: SideEffect) -> None:
        self._effects.append(effect)
        self._refresh_effects()

    def set_origin(self, origin: datetime) -> None:
        """The infusion started: minutes now count from its start."""
        if origin != self.origin:
            self.origin = origin
            self._refresh_curves()
            self._refresh_effects()

    def _insert(self, v: VitalsSet) -> None:
        i = bisect_right(self._times, v.taken_at)
        self._times.insert(i, v.taken_at)
        for m, values in self._values.items():
            values.insert(i, getattr(v.values, m))

    def minutes(self, when: datetime) -> float:
        assert self.origin is not None
        return (when - self.origin).total_seconds() / 60.0

    def _refresh_curves(self) -> None:
        x = np.fromiter((self.minutes(t) for t in self._times), float, len(self._times))
        for m, curve in self.curves.items():
            curve.setData(x, np.asarray(self._values[m], dtype=float))
        # two pens made once: a new pen per point per save makes pyqtgraph redraw them all
        self.alarm_points.setData([
            {"pos": (self.minutes(v.taken_at), v.values.sbp), "data": v.id,
             "pen": self._ring_pens[v.critical]}
            for v in self._flagged.values()])
        for line, at in self.marks:
            line.setValue(self.minutes(at))
        for m, hollow in self.struck_points.items():
            hollow.setData([{"pos": (self.minutes(v.taken_at), getattr(v.values, m)),
                             "data": v.id} for v in self._struck
                            if getattr(v.values, m) is not None])

    def _refresh_effects(self) -> None:
        self.struck_effect_points.setData([{"pos": (self.minutes(e.at), e.severity),
                                            "data": e.id} for e in self._struck_effects])
        effects = sorted(self._effects, key=lambda e: e.at)
        spots = [{"pos": (self.minutes(e.at), e.severity), "data": e.id} for e in effects]
        self.effect_points.setData(spots)
        plot = self.plots["effects"]
        while len(self.effect_labels) < len(effects):
            label = pg.TextItem(color=self.colors.text, anchor=(0, 1))
            plot.addItem(label)
            self.effect_labels.append(label)
        for label in self.effect_labels[len(effects):]:
            label.setText("")  # left from the session shown before
        for i, (label, e) in enumerate(zip(self.effect_labels, effects, strict=False)):
            label.setText(f"{e.label} {e.severity}")
            # centred over its star; alternate above and below so neighbours do not collide
            label.setAnchor((0.5, 1.1) if i % 2 == 0 else (0.5, -0.1))
            label.setPos(self.minutes(e.at), e.severity)

    def _fit_y(self, v: VitalsSet) -> None:
        """Widens a plot's range when a value falls outside it; never narrows."""
        for panel in PANELS:
            if not panel.measures:
                continue
            (low, high) = self._y_spans[panel.key]
            vals = [getattr(v.values, m) for m in panel.measures]
            if min(vals) < low or max(vals) > high:
                self._set_y(panel.key, min(low, min(vals) - 5), max(high, max(vals) + 5))

    def _set_y(self, key: str, low: float, high: float) -> None:
        self._y_spans[key] = (low, high)
        self._apply_y(key)

    def _apply_y(self, key: str) -> None:
        """The panel's range with ``LABEL_ROOM_PX`` above and below it at its height now
        (padding is a fraction of the range: p·H/(1+2p) pixels, solved for p)."""
        if key not in self.plots:
            return  # while the panels are being built
        low, high = self._y_spans[key]
        height = self.plots[key].getViewBox().height()
        room = LABEL_ROOM_PX
        padding = min(max(room / (height - 2 * room), 0.02), 0.5) if height > 4 * room \
            else 0.5
        self.plots[key].setYRange(low, high, padding=padding)

    # --- time --------------------------------------------------------------------------

    def show_timeline(self, timeline: Timeline, now: datetime) -> None:
        """Shading, the now line and the x range; cheap enough for every clock tick."""
        if self.origin is None:
            return
        segments = [(self.minutes(a), self.minutes(b))
                    for a, b in timeline.infusion_segments(now)]
        pauses = [(self.minutes(a), self.minutes(b)) for a, b, _ in timeline.pause_spans(now)]
        for name, plot in self.plots.items():
            self._sync_regions(plot, self.infusion_regions[name], segments,
                               self.colors.infusion)
            self._sync_regions(plot, self.pause_regions[name], pauses, self.colors.pause)
        now_x = self.minutes(now)
        for line in self.now_lines:
            line.setValue(now_x)
        planned = timeline.planned.total_seconds() / 60
        first = self.minutes(self._times[0]) if self._times else 0.0
        self.set_x_range(min(-5.0, first - 2), max(planned + 30, now_x + 5))

    @staticmethod
    def _sync_regions(plot, items: list, spans: list[tuple[float, float]], color: str) -> None:
        while len(items) < len(spans):
            region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(color),
                                         pen=pg.mkPen(None))
            region.setZValue(-10)
            plot.addItem(region)
            items.append(region)
        for region, span in zip(items, spans, strict=False):
            if tuple(region.getRegion()) != span:
                region.setRegion(span)
        for region in items[len(spans):]:
            region.setRegion((0, 0))

    def set_x_range(self, low: float, high: float) -> None:
        current = self.plots["bp"].viewRange()[0]
        if abs(current[0] - low) > 0.01 or abs(current[1] - high) > 0.5:
            self.plots["bp"].setXRange(low, high, padding=0)


def label_position(column: int) -> float:
    """Where along its line a limit's label sits (0 left, 1 right; the label is centred
    there, on the line): each label of a panel in a column of its own, a label's width
    from the next, from the right edge in. No two labels of a panel share a column, so
    none meet however short the panel (S 180 and S 80 on a 40 px BP panel) and none is
    cut at the edge; the readings are drawn over them."""
    return 0.93 - 0.14 * (column % 7)
