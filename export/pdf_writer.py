"""Writes A4 PDFs with Qt's own writer: rich text parts laid out by ``QTextDocument``,
vector charts drawn inside that text as text objects, and a header and footer on every page
("Page N of M" over the whole file).

The writer runs at 96 dpi, so the layout and the charts share one unit (1/96 inch); text
stays text (fonts embedded, searchable) and charts stay vectors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPyTextObject,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from export.colours import LIGHT
from export.paint import font, pen, text
from export.report_html import STYLE, chart_marker

DPI = 96
MARGIN_X = 57.0  # 15 mm
TOP = 66.0  # content starts below the header
BOTTOM = 58.0  # and ends above the footer
MIN_CHART = 380.0  # a chart is not squeezed below this height
KEEP = 72.0  # the least room a heading needs below it (about three table rows)
EDGE = 0.5  # what a page leaves out of its edges when drawing (1/192 inch)
Painter = Callable[[QPainter, QRectF], None]
# Told how far a long export is: (what, done, of), e.g. ("page", 12, 129).
Progress = Callable[[str, int, int], None]

CHART = QTextFormat.ObjectTypes.UserObject + 1
CHART_NAME = QTextFormat.Property.UserProperty + 1
CHART_WIDTH = QTextFormat.Property.UserProperty + 2
CHART_HEIGHT = QTextFormat.Property.UserProperty + 3


class PdfNotWritten(OSError):
    """The file could not be opened for writing (folder missing, no permission)."""


class ChartObjects(QPyTextObject):
    """Draws the charts of one document where the layout put them (PySide's stand-in for
    a QTextObjectInterface, which Python classes cannot otherwise register)."""

    def __init__(self, charts: dict[str, Painter], parent=None) -> None:
        super().__init__(parent)
        self.charts = charts

    def intrinsicSize(self, doc, position, fmt) -> QSizeF:  # noqa: N802 (Qt's name)
        return QSizeF(fmt.property(CHART_WIDTH), fmt.property(CHART_HEIGHT))

    def drawObject(self, painter, rect, doc, position, fmt) -> None:  # noqa: N802
        self.charts[fmt.property(CHART_NAME)](painter, QRectF(rect))


@dataclass
class Part:
    """A stretch of the report starting on a new page, with its own header label.

    ``charts`` maps a chart's name (its ``chart_marker`` in ``html``) to its size and the
    function that paints it into a rectangle.
    """

    html: str
    label: str
    charts: dict[str, tuple[tuple[int, int], Painter]] = field(default_factory=dict)
    landscape: bool = False
    doc: QTextDocument | None = None
    # the signature line under the header of each of its pages: the manifestation, or
    # "UNSIGNED / DRAFT", or "ALTERED AFTER SIGNING…" (``alarming`` prints it in red)
    stamp: str = ""
    alarming: bool = False

    @property
    def pages(self) -> int:
        return self.doc.pageCount() if self.doc is not None else 0


@dataclass
class PageFrame:
    """What every page carries: who (header), when printed and where we are (footer)."""

    clinic: str
    patient: str  # "Name · MRN … · DOB …"
    generated: str  # "Generated YYYY-MM-DD HH:MM …"


def write_pdf(path: Path | str, title: str, frame: PageFrame, parts: list[Part],
              progress: Progress | None = None) -> int:
    """Lays out and writes ``parts``; returns the number of pages.

    Uses no widget and no pixmap, so it may run in a worker thread (QPdfWriter and
    QTextDocument may be used outside the GUI thread). ``progress`` is told of each part
    laid out ("layout") and each page written ("page").
    """
    tell = progress or (lambda what, done, of: None)
    try:
        return _write(path, title, frame, parts, tell)
    finally:
        for part in parts:  # the layouts are freed in the thread that made them
            part.doc = None


def _write(path: Path | str, title: str, frame: PageFrame, parts: list[Part],
           tell: Progress) -> int:
    folder = Path(path).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise PdfNotWritten(f"Cannot write {path}: the folder {folder} does not exist or "
                            "may not be written to.")
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator("Chairside")
    portrait = QSizeF(writer.width(), writer.height())
    for done, part in enumerate(parts, 1):
        _lay_out(part, writer, _body(_page(portrait, part.landscape)))
        tell("layout", done, len(parts))
    total = sum(part.pages for part in parts)
    if parts:
        writer.setPageOrientation(_orientation(parts[0].landscape))
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfNotWritten(f"Cannot write {path}: the file could not be opened.")
    number = 0
    try:
        for part in parts:
            page = _page(portrait, part.landscape)
            for i in range(part.pages):
                if number:
                    writer.setPageOrientation(_orientation(part.landscape))
                    writer.newPage()
                number += 1
                _frame(painter, page, frame, part.label, number, total)
                _stamp(painter, page, part)
                _content(painter, part, i, _body(page))
                tell("page", number, total)
    finally:
        painter.end()
    return total


def _orientation(landscape: bool) -> QPageLayout.Orientation:
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def _page(portrait: QSizeF, landscape: bool) -> QSizeF:
    return portrait.transposed() if landscape else portrait


def _body(page: QSizeF) -> QSizeF:
    return QSizeF(page.width() - 2 * MARGIN_X, page.height() - TOP - BOTTOM)


def _lay_out(part: Part, writer: QPdfWriter, body: QSizeF) -> None:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font(8.5))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(STYLE)
    doc.setPageSize(body)
    doc.setHtml(part.html)
    # Qt lays a document out lazily (a timer finishes it); an edit made before it has
    # finished leaves the blocks not yet laid out at height 0, and they never print.
    doc.documentLayout().documentSize()
    _space_after_tables(doc)
    handler = ChartObjects({name: paint for name, (_size, paint) in part.charts.items()}, doc)
    doc.documentLayout().registerHandler(CHART, handler)
    for name, ((width, height), _paint) in part.charts.items():
        cursor = doc.find(chart_marker(name))
        if cursor.isNull():
            continue
        fmt = QTextCharFormat()
        fmt.setObjectType(CHART)
        fmt.setProperty(CHART_NAME, name)
        fmt.setProperty(CHART_WIDTH, float(width))
        fmt.setProperty(CHART_HEIGHT, float(height))
        cursor.insertText("\ufffc", fmt)
    _fit_charts(doc, body.height())
    _keep_headings_with_content(doc, body.height())
    _check_laid_out(doc)
    part.doc = doc


def _check_laid_out(doc: QTextDocument) -> None:
    """Every block must have its lines: one without would print as nothing at all (a
    heading, the sign-off). Lays the whole document out again if one has none, and
    refuses to write a PDF that would silently leave text out."""
    if not _unlaid(doc):
        return
    doc.markContentsDirty(0, doc.characterCount())
    doc.documentLayout().documentSize()
    missing = _unlaid(doc)
    if missing:
        raise PdfNotWritten(f"The report could not be laid out in full ({len(missing)} "
                            f"paragraphs, from “{missing[0].text()[:40]}”); nothing written.")


def _unlaid(doc: QTextDocument) -> list[QTextBlock]:
    return [b for b in _blocks(doc) if b.isVisible() and b.layout().lineCount() == 0]


def _space_after_tables(doc: QTextDocument) -> None:
    """Qt drops the top margin of a block that comes right after a table, so a section
    following a table would sit on it: the table's bottom margin takes the space. One
    edit block, so that the document is laid out again once, not once per table."""
    edit = QTextCursor(doc)
    edit.beginEditBlock()
    for block in _blocks(doc):
        previous = block.previous()
        table = QTextCursor(previous).currentTable() if previous.isValid() else None
        if table is None or QTextCursor(block).currentTable() is not None:
            continue
        fmt = table.format()
        fmt.setBottomMargin(max(fmt.bottomMargin(), block.blockFormat().topMargin()))
        table.setFormat(fmt)
    edit.endEditBlock()


def _fit_charts(doc: QTextDocument, page_height: float) -> None:
    """Shrinks a chart that would go to the next page to the room left on this one, when
    that room is at least ``MIN_CHART`` (a page with its chart beats a half-empty page)."""
    layout = doc.documentLayout()
    layout.documentSize()
    for block, position, fmt in _charts_in(doc):
        previous = block.previous()
        start = layout.blockBoundingRect(previous).bottom() if previous.isValid() else 0.0
        page_end = (start // page_height + 1) * page_height
        room = page_end - start - 10  # the line's descent and the paragraph's margin
        pushed = _text_top(layout, block) >= page_end
        if pushed and MIN_CHART <= room < fmt.property(CHART_HEIGHT):
            fmt.setProperty(CHART_HEIGHT, room)
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)
            layout.documentSize()


def _charts_in(doc: QTextDocument) -> Iterator[tuple[QTextBlock, int, QTextCharFormat]]:
    """(block, position, format) of each chart object."""
    for block in _blocks(doc):
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.objectType() == CHART:
                yield block, fragment.position(), fmt
            it += 1


def _keep_headings_with_content(doc: QTextDocument, page_height: float) -> None:
    """Moves a section's heading to the next page when it would end a page alone or
    run over the page's end.

    Rich text has no "keep with next", so this checks the layout: a top-level heading
    whose next block went to the next page (a chart, a table), which leaves less than
    ``KEEP`` below it on a page its section runs past, or whose line crosses the page's
    end (Qt does not always move such a line), is moved down to the next page's top.
    It is moved by a top margin of the exact room left, not by a page break: Qt's page
    break counts from where it believes the page ends, and after a table that can be a
    page too far (a blank page).
    """
    layout = doc.documentLayout()
    for _ in range(40):  # one heading moved per pass; a report has a dozen
        doc_height = layout.documentSize().height()  # lays the whole document out first
        headings = [b for b in _blocks(doc) if b.blockFormat().headingLevel()
                    and QTextCursor(b).currentTable() is None]
        ends = [layout.blockBoundingRect(b.previous()).bottom() for b in headings[1:]]
        ends.append(doc_height)
        for heading, end in zip(headings, ends, strict=True):
            if not heading.layout().lineCount():
                continue
            top = _text_top(layout, heading)
            page_end = (top // page_height + 1) * page_height
            bottom = top + heading.layout().lineAt(0).height()
            following = heading.next()
            pushed = following.isValid() and _text_top(layout, following) >= page_end
            if bottom > page_end or pushed or (page_end - bottom < KEEP and end > page_end):
                _push_down(heading, page_end - top)
                break  # and look again: the table above may have been laid out anew
        else:
            return


def _push_down(block: QTextBlock, room: float) -> None:
    """Moves a block down by ``room``: a larger top margin, or, right after a table (Qt
    drops a block's top margin there), a larger bottom margin of the table."""
    table = QTextCursor(block.previous()).currentTable() if block.previous().isValid() \
        else None
    if table is not None:
        table_fmt = table.format()
        table_fmt.setBottomMargin(table_fmt.bottomMargin() + room)
        table.setFormat(table_fmt)
        return
    fmt = block.blockFormat()
    fmt.setTopMargin(fmt.topMargin() + room)
    QTextCursor(block).setBlockFormat(fmt)


def _text_top(layout, block) -> float:
    """Where a block's first line is (a line pushed to the next page moves; the block's
    rectangle does not)."""
    top = layout.blockBoundingRect(block).top()
    lines = block.layout()
    return top + lines.lineAt(0).y() if lines.lineCount() else top


def _blocks(doc: QTextDocument) -> Iterator[QTextBlock]:
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def _content(painter: QPainter, part: Part, index: int, body: QSizeF) -> None:
    top = index * body.height()
    painter.save()
    painter.translate(MARGIN_X, TOP - top)
    # Qt draws every line that touches the rectangle, even only at its edge: a heading
    # starting exactly where this page ends would be drawn here too, out of sight but in
    # the PDF's text (a search or a copy finds it at the foot of the wrong page).
    clip = QRectF(0, top + EDGE, body.width(), body.height() - 2 * EDGE)
    assert part.doc is not None, "a part is laid out before it is painted"
    part.doc.drawContents(painter, clip)
    painter.restore()


def _frame(painter: QPainter, page: QSizeF, frame: PageFrame, label: str, number: int,
           total: int) -> None:
    c = LIGHT
    left, right = MARGIN_X, page.width() - MARGIN_X
    who = text(painter, QPointF(right, 30), frame.patient, align="right", valign="bottom",
               points=8, bold=True, ink=c.text)
    head = f"{frame.clinic}  ·  {label}" if frame.clinic else label
    room = who.left() - left - 24  # a long clinic name gives way to the patient
    metrics = QFontMetricsF(font(8, bold=True), painter.device())
    head = metrics.elidedText(head, Qt.TextElideMode.ElideMiddle, room)
    text(painter, QPointF(left, 30), head, valign="bottom", points=8, bold=True, ink=c.text)
    painter.setPen(pen(c.muted, 0.6))
    painter.drawLine(QLineF(left, 36, right, 36))
    foot = page.height() - 36
    painter.drawLine(QLineF(left, foot, right, foot))
    text(painter, QPointF(left, foot + 5), frame.generated, valign="top", points=7,
         ink=c.muted)
    text(painter, QPointF(page.width() / 2, foot + 5), "Confidential: patient record",
         align="center", valign="top", points=7, ink=c.muted)
    text(painter, QPointF(right, foot + 5), f"Page {number} of {total}", align="right",
         valign="top", points=7.5, bold=True, ink=c.text)


def _stamp(painter: QPainter, page: QSizeF, part: Part) -> None:
    """The part's signature line, under the header; smaller type rather than cut short."""
    if not part.stamp:
        return
    width = page.width() - 2 * MARGIN_X
    points = 8.0
    while points > 5.5 and QFontMetricsF(font(points, bold=True),
                                         painter.device()).horizontalAdvance(part.stamp) > width:
        points -= 0.5
    ink = LIGHT.critical if part.alarming else LIGHT.ok
    text(painter, QPointF(MARGIN_X, 40), part.stamp, valign="top", points=points, bold=True,
         ink=ink)
