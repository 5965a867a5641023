"""Small painting helpers shared by the printed charts: fonts, colours, markers, ticks.

Everything is drawn in 1/96-inch units (the PDF writer runs at 96 dpi), so a 1.5 px
line is 0.4 mm on paper and fonts are given in points.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)

# Families tried in order for print; the first the system has is used.
FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica")


@cache
def family() -> str:
    have = set(QFontDatabase.families())
    found = next((f for f in FAMILIES if f in have), None)
    return found or QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def font(points: float, bold: bool = False) -> QFont:
    """The print font. Ligatures are off: "ﬁ" and "ﬀ" glyphs would make "Sign-off" or
    "confirmed" unfindable in a PDF viewer's search."""
    f = QFont(family())
    f.setPointSizeF(points)
    f.setBold(bold)
    for tag in ("liga", "clig"):
        f.setFeature(QFont.Tag(tag), 0)
    return f


def color(hex_rgba: str) -> QColor:
    """A colour from "#rrggbb" or "#rrggbbaa" (QColor alone reads 8 digits as #aarrggbb)."""
    c = QColor(hex_rgba[:7])
    if len(hex_rgba) == 9:
        c.setAlpha(int(hex_rgba[7:], 16))
    return c


def pen(hex_rgba: str, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(color(hex_rgba), width, style)
    p.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


def marker(painter: QPainter, shape: str, at: QPointF, size: float, fill: str,
           outline: str | None = None) -> None:
    """A filled marker: "o" circle, "s" square, "d" diamond, "v" / "^" triangles, "*" star,
    "ring" an open circle."""
    r = size / 2
    x, y = at.x(), at.y()
    painter.save()
    if shape == "ring":
        painter.setPen(pen(fill, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(at, r, r)
        painter.restore()
        return
    painter.setPen(pen(outline or fill, 0.8))
    painter.setBrush(QBrush(color(fill)))
    if shape == "o":
        painter.drawEllipse(at, r, r)
    elif shape == "s":
        painter.drawRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    else:
        painter.drawPath(_path(shape, x, y, r))
    painter.restore()


def _path(shape: str, x: float, y: float, r: float) -> QPainterPath:
    if shape == "d":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "v":
        points = [(x - r, y - r * 0.8), (x + r, y - r * 0.8), (x, y + r)]
    elif shape == "^":
        points = [(x - r, y + r * 0.8), (x + r, y + r * 0.8), (x, y - r)]
    else:  # star
        points = []
        for i in range(10):
            radius = r * 1.25 if i % 2 == 0 else r * 0.5
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    path = QPainterPath(QPointF(*points[0]))
    for p in points[1:]:
        path.lineTo(QPointF(*p))
    path.closeSubpath()
    return path


def nice_step(span: float, most: int) -> float:
    """A 1-2-5 step that cuts ``span`` into at most ``most`` parts."""
    raw = span / max(most, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= raw:
            return m * magnitude
    return 10 * magnitude


def ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9) * step
    out = []
    value = first
    while value <= high + 1e-9:
        out.append(round(value, 6))
        value += step
    return out


def label_box(painter: QPainter, at: QPointF, value: str, align: str = "left",
              valign: str = "middle", points: float = 6.5, bold: bool = False) -> QRectF:
    """The rectangle ``value`` takes when anchored at ``at`` (nothing is drawn)."""
    metrics = QFontMetricsF(font(points, bold), painter.device())
    w, h = metrics.horizontalAdvance(value), metrics.height()
    x = at.x() - {"left": 0, "center": w / 2, "right": w}[align]
    y = at.y() - {"top": 0, "middle": h / 2, "bottom": h}[valign]
    return QRectF(x, y, w, h)


def draw_label(painter: QPainter, box: QRectF, value: str, points: float = 6.5,
               bold: bool = False, ink: str = "#1d2430") -> None:
    painter.save()
    painter.setFont(font(points, bold))
    painter.setPen(pen(ink))
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value)
    painter.restore()


def text(painter: QPainter, at: QPointF, value: str, align: str = "left",
         valign: str = "middle", points: float = 6.5, bold: bool = False,
         ink: str = "#1d2430") -> QRectF:
    """Draws one line of text anchored at ``at``; returns the rectangle it took."""
    box = label_box(painter, at, value, align, valign, points, bold)
    draw_label(painter, box, value, points, bold, ink)
    return box


class Placer:
    """Puts labels where they overlap no label placed before (and stay inside ``bounds``):
    the first free candidate wins, else the first one."""

    def __init__(self, bounds: QRectF) -> None:
        self.bounds = bounds
        self.taken: list[QRectF] = []

    def block(self, rect: QRectF) -> None:
        self.taken.append(rect)

    def place(self, candidates: list[QRectF]) -> QRectF:
        for box in candidates:
            if self.bounds.contains(box) and not any(box.intersects(t) for t in self.taken):
                self.taken.append(box)
                return box
        inside = [b for b in candidates if self.bounds.contains(b)]
        box = (inside or candidates)[0]
        self.taken.append(box)
        return box
