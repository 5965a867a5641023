"""The small charts on a printed course's first page: PHQ-9 and MADRS by session (response
ringed, remission starred, PHQ-9 item 9 above 0 flagged) and the peak systolic rise of each
session against the rise limits. Painted as vectors with ``QPainter``."""

from __future__ import annotations

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
from monitor.course import RESPONSE_DROP, TrendPoint
from monitor.report.course import CourseReport
from monitor.scales import SCALES

SIZE = (1008, 230)  # on a landscape page, in 1/96 inch
GAP, LEGEND = 22.0, 18.0


def draw_course_charts(painter: QPainter, rect: QRectF, report: CourseReport,
                       c: Colors = LIGHT) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = (rect.width() - 2 * GAP) / 3
    height = rect.height() - LEGEND
    for i, (scale, points) in enumerate((("phq9", report.phq9), ("madrs", report.madrs))):
        box = QRectF(rect.left() + i * (width + GAP), rect.top(), width, height)
        _mood(painter, box, scale, points, report, c)
    box = QRectF(rect.left() + 2 * (width + GAP), rect.top(), width, height)
    _rises(painter, box, report, c)
    _legend(painter, QPointF(rect.left() + 30, rect.bottom() - LEGEND / 2), c)
    painter.restore()


def _axes(painter, box: QRectF, title: str, n: int, lo: float, hi: float, c: Colors):
    """Title, frame, y grid and session numbers; returns (area, x(), y())."""
    text(painter, QPointF(box.left(), box.top()), title, valign="top", points=7.5, bold=True,
         ink=c.text)
    area = QRectF(box.left() + 26, box.top() + 18, box.width() - 30, box.height() - 38)
    span = max(n, 1)

    def x(number: float) -> float:
        return area.left() + (number - 0.5) / span * area.width()

    def y(value: float) -> float:
        return area.bottom() - (value - lo) / (hi - lo) * area.height()

    for value in ticks(lo, hi, nice_step(hi - lo, 5)):
        painter.setPen(pen("#5b647240", 0.4))
        painter.drawLine(QLineF(area.left(), y(value), area.right(), y(value)))
        text(painter, QPointF(area.left() - 3, y(value)), f"{value:g}", align="right",
             ink=c.text)
    painter.setPen(pen(c.muted, 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(area)
    every = max(1, int(nice_step(span, 12)))
    for number in range(1, n + 1):
        if number % every == 0 or number == 1:
            text(painter, QPointF(x(number), area.bottom() + 2), str(number), align="center",
                 valign="top", ink=c.text)
    text(painter, QPointF(area.center().x(), area.bottom() + 13), "session", align="center",
         valign="top", points=6, ink=c.muted)
    return area, x, y


def _mood(painter, box, scale: str, points: list[TrendPoint], report: CourseReport,
          c: Colors) -> None:
    spec = SCALES[scale]
    area, x, y = _axes(painter, box, f"{spec.short} by session", report.sessions, 0,
                       spec.high, c)
    if not points:
        text(painter, area.center(), "not recorded", align="center", points=7, ink=c.muted)
        return
    lines = [(spec.remission_line, c.ok, f"remission {spec.remission_text}")]
    if points[0].score:
        response = points[0].score * (1 - RESPONSE_DROP)
        lines.append((response, c.accent, f"response ≤ {response:g}"))
    for value, ink, _label in lines:
        painter.setPen(pen(ink, 0.8, Qt.PenStyle.DashLine))
        painter.drawLine(QLineF(area.left(), y(value), area.right(), y(value)))
    where = [QPointF(x(p.session_number), y(p.score)) for p in points]
    placer = Placer(area)
    painter.setPen(pen(c.accent, 1.4))
    if len(where) > 1:
        painter.drawPolyline(where)
    for p, at in zip(points, where, strict=True):
        if p.remission:
            marker(painter, "*", at, 9, c.ok)
        else:
            marker(painter, "o", at, 6, c.accent)
        if p.response:
            marker(painter, "ring", at, 15, c.ok)
        placer.block(QRectF(at.x() - 8, at.y() - 8, 16, 16))
        if scale == "phq9" and p.session_number in report.item9_sessions:
            flag = QPointF(at.x(), at.y() - 14)
            marker(painter, "^", flag, 8, c.critical)
            placer.block(QRectF(flag.x() - 5, flag.y() - 5, 10, 10))
    for p, at in zip(points, where, strict=True):
        label = str(p.score)
        candidates = [label_box(painter, QPointF(at.x() + dx, at.y() + dy), label, align,
                                valign, 6.5)
                      for dx, dy, align, valign in ((0, -8, "center", "bottom"),
                                                    (8, -3, "left", "bottom"),
                                                    (8, 3, "left", "top"),
                                                    (0, 8, "center", "top"),
                                                    (0, -20, "center", "bottom"))]
        draw_label(painter, placer.place(candidates), label, 6.5, ink=c.text)
    for value, ink, label in lines:
        candidates = [label_box(painter, QPointF(ax, y(value) + dy), label, align, valign, 5.5)
                      for ax, align in ((area.right() - 2, "right"), (area.left() + 2, "left"))
                      for dy, valign in ((-1, "bottom"), (1, "top"))]
        draw_label(painter, placer.place(candidates), label, 5.5, ink=ink)


def _rises(painter, box, report: CourseReport, c: Colors) -> None:
    limits = report.rise_limits
    values = [r for _n, r in report.rises if r is not None]
    lo = min([0, *values]) - 5
    hi = max([45, *(v + 8 for v in values), *(v + 5 for v, _t in limits)])
    area, x, y = _axes(painter, box, "Peak systolic rise (mmHg)", report.sessions, lo, hi, c)
    placer = Placer(area)
    for value, tier in limits:
        painter.setPen(pen(c.tier(tier), 0.8, Qt.PenStyle.DashLine))
        painter.drawLine(QLineF(area.left(), y(value), area.right(), y(value)))
    bar = min(22.0, area.width() / max(report.sessions, 1) * 0.6)
    for number, rise in report.rises:
        if rise is None:
            continue
        ink = c.tier(report.rise_tiers[number], c.accent)  # its own session's limits
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(color(ink)))
        top, base = y(max(rise, 0)), y(min(rise, 0))
        column = QRectF(x(number) - bar / 2, top, bar, max(base - top, 0.8))
        painter.drawRect(column)
        placer.block(column)
        label = f"{rise:+d}"
        box_ = placer.place([label_box(painter, QPointF(x(number), top - 2 - k * 8), label,
                                       "center", "bottom", 6) for k in range(3)])
        draw_label(painter, box_, label, 6, ink=c.text)
    for value, tier in limits:
        label = f"+{value:g}"
        candidates = [label_box(painter, QPointF(ax, y(value) + dy), label, align, valign, 5.5)
                      for ax, align in ((area.left() + 2, "left"), (area.right() - 2, "right"))
                      for dy, valign in ((-1, "bottom"), (1, "top"))]
        draw_label(painter, placer.place(candidates), label, 5.5,
                   ink=c.tier(tier))


def _legend(painter, at: QPointF, c: Colors) -> None:
    items = [("o", c.accent, "score"), ("ring", c.ok, "response (≥ 50 % drop from the first)"),
             ("*", c.ok, "remission"), ("^", c.critical, "PHQ-9 item 9 above 0")]
    x = at.x()
    for shape, ink, label in items:
        marker(painter, shape, QPointF(x + 5, at.y()), 10 if shape == "ring" else 7, ink)
        x = text(painter, QPointF(x + 13, at.y()), label, points=6.5, ink=c.text).right() + 14
