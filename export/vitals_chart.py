"""The vitals chart of a printed session summary, painted as vectors with ``QPainter``.

The same picture as the live chart (``ui.session.vitals_charts``): stacked panels on one
time axis in minutes from the infusion start, infusion and pauses shaded, alarm limits
dashed, sets that raised an alarm ringed, side effects as stars with scales and medications
marked. It is drawn here rather than by rendering the pyqtgraph widget so that it needs no
QWidget (a bare QGuiApplication will do), sizes its text in points for paper, and keeps the live
chart's "now" line and scrolling out of print.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter

from export.colours import LIGHT, Colors
from export.paint import (
    Placer,
    color,
    draw_label,
    label_box,
    marker,
    nice_step,
    pen,
    text,
    ticks,
)
from monitor.chart_panels import PANELS, SERIES
from monitor.scales import short_label
from monitor.session_record import SessionRecord
from monitor.vitals import AlarmCheck

# the spec's symbol names as ``export.paint.marker`` draws them
GLYPHS = {"down": "v", "up": "^", "circle": "o", "square": "s", "diamond": "d"}
BY_KEY = {p.key: p for p in PANELS}
LEFT, RIGHT, GAP, AXIS, LEGEND = 52.0, 8.0, 7.0, 30.0, 28.0
SIZE = (680, 440)  # the chart's size on the page, in 1/96 inch
GRID = "#5b647233"


@dataclass
class _Frame:
    """Minutes on x, one panel's values on y."""

    x0: float
    x1: float
    area: QRectF
    lo: float = 0.0
    hi: float = 1.0

    def x(self, minutes: float) -> float:
        return self.area.left() + (minutes - self.x0) / (self.x1 - self.x0) * self.area.width()

    def y(self, value: float) -> float:
        return self.area.bottom() - (value - self.lo) / (self.hi - self.lo) * self.area.height()


def draw_vitals_chart(painter: QPainter, rect: QRectF, record: SessionRecord,
                      until: datetime, c: Colors = LIGHT) -> None:
    """Paints the chart of ``record`` into ``rect``; ``until`` ends an open session."""
    s = record.session
    origin = s.started_at or s.created_at
    end = s.discharged_at or until

    def minutes(at: datetime) -> float:
        return (at - origin).total_seconds() / 60

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    first = min((minutes(v.taken_at) for v in record.vitals), default=0.0)
    x0 = min(-5.0, first - 2)
    x1 = max(minutes(end) + 3, x0 + 30)
    plot = QRectF(rect.left() + LEFT, rect.top() + 4, rect.width() - LEFT - RIGHT,
                  rect.height() - 4 - AXIS - LEGEND)
    weights = sum(p.weight for p in PANELS)
    unit = (plot.height() - GAP * (len(PANELS) - 1)) / weights
    top = plot.top()
    frames: dict[str, _Frame] = {}
    for p in PANELS:
        frames[p.key] = _Frame(x0, x1, QRectF(plot.left(), top, plot.width(), unit * p.weight))
        top += unit * p.weight + GAP
    step = next((m for m in (1, 2, 5, 10, 15, 20, 30, 60) if (x1 - x0) / m <= 12), 120)
    for name, frame in frames.items():
        _panel(painter, name, frame, record, step, c)
    _shading(painter, frames, record, until, minutes, c)
    limit_labels = _limits(painter, frames, record, c)
    placers = {name: Placer(frame.area) for name, frame in frames.items()}
    counted = record.effective()  # the lines join what counts; a marked entry is hollow
    _series(painter, frames, counted, minutes, placers, c)
    _struck(painter, frames, record, counted, minutes, placers, c)
    _effects(painter, frames["effects"], counted, minutes, placers["effects"], c)
    _limit_labels(painter, frames, limit_labels, placers)
    if s.discharged_at is None:
        x = frames["bp"].x(minutes(until))
        painter.setPen(pen(c.accent, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
        text(painter, QPointF(x + 2, plot.top() + 2), "printed", valign="top", ink=c.accent)
    bottom = frames["effects"].area.bottom()
    for value in ticks(x0, x1, step):
        text(painter, QPointF(frames["bp"].x(value), bottom + 3), f"{value:g}",
             align="center", valign="top", points=7, ink=c.text)
    text(painter, QPointF(plot.center().x(), bottom + 15), "minutes from the start of the "
         "infusion", align="center", valign="top", points=7, ink=c.muted)
    _legend(painter, QRectF(rect.left() + 4, rect.bottom() - LEGEND + 4, rect.width() - 8,
                            LEGEND - 4), c, bool(record.marks.marked))
    painter.restore()


def _panel(painter, name, frame: _Frame, record, step, c: Colors) -> None:
    panel = BY_KEY[name]
    title, measures, (lo, hi) = panel.print_title, panel.measures, panel.y_range
    values = [getattr(v.values, m) for v in record.vitals for m in measures
              if getattr(v.values, m) is not None]
    margin = (hi - lo) * 0.08  # room for the labels above the highest point
    frame.lo = min([lo, *(v - margin for v in values)])
    frame.hi = max([hi, *(v + margin for v in values)])
    area = frame.area
    painter.setPen(pen(GRID, 0.4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for value in ticks(frame.x0, frame.x1, step):
        painter.drawLine(QLineF(frame.x(value), area.top(), frame.x(value), area.bottom()))
    y_step = nice_step(frame.hi - frame.lo, max(2, int(area.height() // 22)))
    for value in ticks(frame.lo, frame.hi, y_step):
        y = frame.y(value)
        painter.setPen(pen(GRID, 0.4))
        painter.drawLine(QLineF(area.left(), y, area.right(), y))
        text(painter, QPointF(area.left() - 3, y), f"{value:g}", align="right", ink=c.text)
    painter.setPen(pen(c.muted, 0.8))
    painter.drawRect(area)
    if label_box(painter, QPointF(0, 0), title, points=6.5, bold=True).width() > area.height():
        title = title.split()[0]  # "SpO₂ %" → "SpO₂" where the panel is short
    painter.save()
    painter.translate(area.left() - 40, area.center().y())
    painter.rotate(-90)
    text(painter, QPointF(0, 0), title, align="center", valign="top", points=6.5, bold=True,
         ink=c.text)
    painter.restore()


def _shading(painter, frames, record, until, minutes, c: Colors) -> None:
    timeline = record.timeline
    spans = [(a, b, c.infusion) for a, b in timeline.infusion_segments(until)]
    spans += [(a, b, c.pause) for a, b, _r in timeline.pause_spans(until)]
    painter.setPen(Qt.PenStyle.NoPen)
    for a, b, fill in spans:
        painter.setBrush(QBrush(color(fill)))
        for frame in frames.values():
            left, right = frame.x(minutes(a)), frame.x(minutes(b))
            painter.drawRect(QRectF(left, frame.area.top(), right - left, frame.area.height()))


def _limits(painter, frames, record, c: Colors) -> list[tuple[str, str, str, float, str]]:
    """Draws the limit lines; returns their labels (panel, measure, text, y, ink) to place
    once the data labels are down."""
    check = AlarmCheck(record.session.limits)
    labels = []
    for panel in PANELS:
        name, frame = panel.key, frames[panel.key]
        for m in panel.measures:
            prefix = SERIES[m].limit_prefix
            for value, tier in check.lines(m):
                if not frame.lo < value < frame.hi:
                    continue
                ink = c.tier(tier)
                y = frame.y(value)
                painter.setPen(pen(ink, 0.8, Qt.PenStyle.DashLine))
                painter.drawLine(QLineF(frame.area.left(), y, frame.area.right(), y))
                labels.append((name, m, f"{prefix}{value:g}", y, ink))
    return labels


def _limit_labels(painter, frames, labels, placers) -> None:
    for name, m, label, y, ink in labels:
        area = frames[name].area
        # systolic (and single) limits labelled at the right, diastolic at the left
        if m == "dbp":
            xs, align = [area.left() + 2 + k * 24 for k in range(3)], "left"
        else:
            xs, align = [area.right() - 2 - k * 24 for k in range(3)], "right"
        box = placers[name].place([
            label_box(painter, QPointF(x, y + dy), label, align, valign, 5.5)
            for x in xs for dy, valign in ((-0.5, "bottom"), (0.5, "top"))])
        draw_label(painter, box, label, 5.5, ink=ink)


def _series(painter, frames, record, minutes, placers, c: Colors) -> None:
    vitals = sorted(record.vitals, key=lambda v: v.taken_at)
    for panel in PANELS:
        name, frame = panel.key, frames[panel.key]
        for m in panel.measures:
            ink = getattr(c, SERIES[m].colour)
            points = [QPointF(frame.x(minutes(v.taken_at)), frame.y(getattr(v.values, m)))
                      for v in vitals]
            painter.setPen(pen(ink, 1.4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if len(points) > 1:
                painter.drawPolyline(points)
            for p in points:
                marker(painter, GLYPHS[SERIES[m].symbol], p, 6.5, ink)
                placers[name].block(QRectF(p.x() - 3.5, p.y() - 3.5, 7, 7))
    bp = frames["bp"]
    for v in vitals:
        at = QPointF(bp.x(minutes(v.taken_at)), bp.y(v.values.sbp))
        if v.tier is not None:
            marker(painter, "ring", at, 15, c.tier(v.tier))
            placers["bp"].block(QRectF(at.x() - 8, at.y() - 8, 16, 16))
    for v in vitals:
        at = QPointF(bp.x(minutes(v.taken_at)), bp.y(v.values.sbp))
        low = QPointF(at.x(), bp.y(v.values.dbp))
        label = f"{v.values.sbp}/{v.values.dbp}"
        candidates = [label_box(painter, QPointF(at.x(), at.y() - dy), label, "center",
                                "bottom", 6) for dy in (5, 9, 17, 25)]
        candidates += [label_box(painter, QPointF(at.x() + dx, at.y()), label, align, valign, 6)
                       for valign in ("middle", "top") for dx, align in ((9, "left"),
                                                                        (-9, "right"))]
        candidates.append(label_box(painter, QPointF(low.x(), low.y() + 6), label, "center",
                                    "top", 6))
        draw_label(painter, placers["bp"].place(candidates), label, 6, ink=c.text)


def _struck(painter, frames, record, counted, minutes, placers, c: Colors) -> None:
    """Entries marked entered in error or artifact: hollow markers, joined to nothing."""
    kept = {v.id for v in counted.vitals}
    for v in (v for v in record.vitals if v.id not in kept):
        for panel in PANELS:
            frame = frames[panel.key]
            for m in panel.measures:
                value = getattr(v.values, m)
                if value is None:
                    continue
                at = QPointF(frame.x(minutes(v.taken_at)), frame.y(value))
                marker(painter, GLYPHS[SERIES[m].symbol], at, 7,
                       c.base, getattr(c, SERIES[m].colour))
                placers[panel.key].block(QRectF(at.x() - 3.5, at.y() - 3.5, 7, 7))
    kept_effects = {e.id for e in counted.side_effects}
    frame = frames["effects"]
    for e in (e for e in record.side_effects if e.id not in kept_effects):
        at = QPointF(frame.x(minutes(e.at)), frame.y(e.severity))
        marker(painter, "*", at, 8, c.base, c.side_effect)
        placers["effects"].block(QRectF(at.x() - 5, at.y() - 5, 10, 10))


def _effects(painter, frame: _Frame, record, minutes, placer, c: Colors) -> None:
    grouped: dict[float, list[str]] = {}
    for at, label in sorted([(a.at, short_label(a.kind, a.score)) for a in record.assessments] +
                            [(m.at, f"{m.drug} {m.dose:g} {m.unit}")
                             for m in record.medications]):
        grouped.setdefault(round(minutes(at), 1), []).append(label)
    stars = sorted(record.side_effects, key=lambda e: e.at)
    for e in stars:
        at = QPointF(frame.x(minutes(e.at)), frame.y(e.severity))
        marker(painter, "*", at, 8, c.side_effect)
        placer.block(QRectF(at.x() - 5, at.y() - 5, 10, 10))
    top = frame.area.top() + 1
    for x_min, labels in grouped.items():
        x = frame.x(x_min)
        painter.setPen(pen(c.muted, 0.7, Qt.PenStyle.DashDotLine))
        painter.drawLine(QLineF(x, frame.area.top(), x, frame.area.bottom()))
        label = " · ".join(labels)
        box = placer.place([label_box(painter, QPointF(x + dx, top + row * 8.5), label, align,
                                      "top", 5.5)
                            for row in range(5) for dx, align in ((2, "left"), (-2, "right"))])
        draw_label(painter, box, label, 5.5, ink=c.muted)
    for e in stars:
        at = QPointF(frame.x(minutes(e.at)), frame.y(e.severity))
        label = f"{e.label} {e.severity}"
        candidates = [label_box(painter, QPointF(at.x() + dx, at.y() + dy), label, align,
                                valign, 6)
                      for dy, valign in ((0, "middle"), (-4, "bottom"), (4, "top"))
                      for dx, align in ((6, "left"), (-6, "right"))]
        draw_label(painter, placer.place(candidates), label, 6, ink=c.text)


def _legend(painter, rect: QRectF, c: Colors, struck: bool = False) -> None:
    items = [(GLYPHS[s.symbol], getattr(c, s.colour), s.name) for s in SERIES.values()]
    items += [("*", c.side_effect, "Side effect"), ("ring", c.critical, "Set that raised "
              "an alarm"), ("box", c.infusion, "Infusing"), ("box", c.pause, "Paused"),
              ("dash", c.advisory, "Advisory limit"), ("dash", c.critical, "Critical limit"),
              ("dashdot", c.muted, "Scale or medication")]
    if struck:
        items.append(("hollow", c.muted, "Marked in error or artifact (not counted)"))
    x, y = rect.left(), rect.top() + 5
    for shape, ink, label in items:
        width = len(label) * 4.1 + 24
        if x + width > rect.right():
            x, y = rect.left(), y + 12
        at = QPointF(x + 6, y)
        if shape == "box":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color(ink)))
            painter.drawRect(QRectF(x, y - 4, 12, 8))
        elif shape in ("dash", "dashdot"):
            style = Qt.PenStyle.DashLine if shape == "dash" else Qt.PenStyle.DashDotLine
            painter.setPen(pen(ink, 0.9, style))
            painter.drawLine(QLineF(x, y, x + 12, y))
        elif shape == "hollow":
            marker(painter, "o", at, 6.5, c.base, ink)
        else:
            marker(painter, shape, at, 10 if shape == "ring" else 6.5, ink)
        box = text(painter, QPointF(x + 15, y), label, points=6.5, ink=c.text)
        x = box.right() + 10
