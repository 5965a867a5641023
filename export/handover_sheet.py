"""Paints the handover sheet (``monitor.report.handover``) on one landscape page of any
paged device: a QPdfWriter for "Handover as PDF", Qt's QPrinter for File → Print.

One page, always: the table's font shrinks (down to ``SMALLEST_PT``) until every open
chair fits; past that the rows that do not fit are counted at the foot, never dropped
silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from export.colours import LIGHT
from export.paint import color, font, pen
from export.pdf_writer import PdfNotWritten
from monitor.report.format import ADVISORY, CRITICAL
from monitor.report.handover import HandoverReport

DPI = 96
MARGIN_MM = 10
LARGEST_PT, SMALLEST_PT = 10.0, 6.0
PAD = 4.0
# relative column widths: chair, patient, phase, clock, dose, vitals, alarms, effects, ready
WIDTHS = (0.5, 1.7, 1.0, 0.9, 1.1, 1.5, 2.1, 1.5, 1.4)
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) \
    | int(Qt.TextFlag.TextWordWrap)


def write_handover_pdf(path: Path | str, report: HandoverReport) -> None:
    """Writes the sheet to a one-page PDF at ``path``."""
    folder = Path(path).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise PdfNotWritten(f"Cannot write {path}: the folder {folder} does not exist or "
                            "may not be written to.")
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(report.title)
    writer.setCreator("Chairside")
    paint_handover(writer, report)


def paint_handover(device: QPagedPaintDevice, report: HandoverReport) -> None:
    """Sets A4 landscape on ``device`` and paints the sheet on its one page."""
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    # 1/96-inch units on every device (a printer would be 600 dpi): the pads and lines
    # below are in those units, and text is measured on the device itself
    set_resolution = getattr(device, "setResolution", None)
    if set_resolution is not None:
        set_resolution(DPI)
    painter = QPainter()
    if not painter.begin(device):
        raise PdfNotWritten("The page could not be opened for painting.")
    try:
        page = device.pageLayout().paintRectPixels(device.logicalDpiX())
        _paint(painter, QRectF(0, 0, page.width(), page.height()), report)
    finally:
        painter.end()


def _paint(painter: QPainter, area: QRectF, report: HandoverReport) -> None:
    painter.setPen(pen(LIGHT.text))
    painter.setFont(font(14, bold=True))
    top = area.top()
    title_h = _metrics(painter, font(14, bold=True)).height()
    painter.drawText(QRectF(area.left(), top, area.width(), title_h), report.title)
    painter.setFont(font(8))
    painter.setPen(pen(LIGHT.muted))
    painter.drawText(QRectF(area.left(), top, area.width(), title_h),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                     report.printed)
    top += title_h + 6
    foot_h = _metrics(painter, font(7)).height() * 2 + 4
    sign_room = _metrics(painter, font(9)).height() + 12  # the handed-over-by line
    table = QRectF(area.left(), top, area.width(), area.bottom() - foot_h - sign_room - top)
    columns = _columns(table.width())
    size, fitted = _fit(painter, report, columns, table.height())
    shown = _table(painter, table, columns, report, size, fitted)
    foot = report.note
    if shown < len(report.rows):
        foot = (f"{len(report.rows) - shown} more open chairs did not fit on this page: "
                "print again from the board after handing these over. ") + foot
    if not report.rows:
        painter.setFont(font(11))
        painter.setPen(pen(LIGHT.text))
        painter.drawText(QRectF(table.left(), top + 40, table.width(), 30), report.empty)
    painter.setFont(font(9))
    painter.setPen(pen(LIGHT.text))
    sign_h = _metrics(painter, font(9)).height()
    painter.drawText(QRectF(area.left(), area.bottom() - foot_h - sign_h - 4, area.width(),
                            sign_h), report.sign_line)
    painter.setFont(font(7))
    painter.setPen(pen(LIGHT.muted))
    painter.drawText(QRectF(area.left(), area.bottom() - foot_h, area.width(), foot_h),
                     WRAP, foot)


def _columns(width: float) -> list[float]:
    unit = width / sum(WIDTHS)
    return [w * unit for w in WIDTHS]


def _metrics(painter: QPainter, which) -> QFontMetricsF:
    """Metrics on the device painted on (its resolution, not the screen's)."""
    return QFontMetricsF(which, painter.device())


def _row_height(painter: QPainter, cells: tuple[str, ...], columns: list[float],
                size: float, bold: bool = False) -> float:
    metrics = _metrics(painter, font(size, bold))
    return max(metrics.boundingRect(QRectF(0, 0, w - 2 * PAD, 10_000), WRAP, text).height()
               for text, w in zip(cells, columns, strict=True)) + 2 * PAD


def _fit(painter: QPainter, report: HandoverReport, columns: list[float],
         height: float) -> tuple[float, int]:
    """The largest font size at which every row fits, and how many rows fit at it."""
    size = LARGEST_PT
    while True:
        used = _row_height(painter, report.headers, columns, size, bold=True)
        fitted = 0
        for row in report.rows:
            used += _row_height(painter, row.cells, columns, size)
            if used > height:
                break
            fitted += 1
        if fitted == len(report.rows) or size <= SMALLEST_PT:
            return size, fitted
        size -= 0.5


def _table(painter: QPainter, table: QRectF, columns: list[float], report: HandoverReport,
           size: float, fitted: int) -> int:
    y = table.top()
    y = _row(painter, table.left(), y, columns, report.headers, size, bold=True,
             fill=LIGHT.window)
    for row in report.rows[:fitted]:
        tint = {CRITICAL: LIGHT.critical + "22", ADVISORY: LIGHT.advisory + "22"}
        y = _row(painter, table.left(), y, columns, row.cells, size,
                 fill=tint.get(row.level, ""), mark=_mark(row.level))
    return fitted


def _mark(level: str) -> str:
    return {CRITICAL: LIGHT.critical, ADVISORY: LIGHT.advisory}.get(level, "")


def _row(painter: QPainter, left: float, y: float, columns: list[float],
         cells: tuple[str, ...], size: float, bold: bool = False, fill: str = "",
         mark: str = "") -> float:
    height = _row_height(painter, cells, columns, size, bold)
    width = sum(columns)
    if fill:
        painter.fillRect(QRectF(left, y, width, height), color(fill))
    if mark:  # the alarm's colour down the chair's edge, readable in grey print too
        painter.fillRect(QRectF(left, y, 4, height), color(mark))
    painter.setFont(font(size, bold))
    painter.setPen(pen(LIGHT.text))
    x = left
    for text, w in zip(cells, columns, strict=True):
        painter.drawText(QRectF(x + PAD, y + PAD, w - 2 * PAD, height - 2 * PAD), WRAP, text)
        x += w
    painter.setPen(pen(LIGHT.muted, 0.6))
    painter.drawLine(QRectF(left, y, width, height).bottomLeft(),
                     QRectF(left, y, width, height).bottomRight())
    return y + height
