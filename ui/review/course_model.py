"""A course as a table: one row per session, oldest first, the columns (text, sort
value, tooltip, colour) of ``monitor.report.course_columns`` — the ones the PDF and the
CSV print.

A missing value sorts last; the theme's critical colour (bold) marks PHQ-9 item 9 and
values past a critical alarm limit, its advisory colour flags (stops, overruns, gaps).
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from export.colours import Colors
from monitor.course import SessionSummary, trend
from monitor.report.course_columns import COLUMNS, KEYS, CourseCell, CourseLine
from monitor.report.format import CRITICAL, PLAIN, Times
from monitor.vitals import Limit, default_limits

__all__ = ["KEYS", "SESSION_ID_ROLE", "SORT_ROLE", "CourseSortProxy", "CourseTableModel"]

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CourseTableModel(QAbstractTableModel):
    """One row per session of a course, oldest first (row 0 is the course's session 1)."""

    def __init__(self, colors: Colors, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.tz = tz
        self._lines: list[CourseLine] = []
        self._cells: list[list[CourseCell]] = []

    def set_rows(self, summaries: list[SessionSummary],
                 limits: dict[int, tuple[Limit, ...]] | None = None,
                 addenda: dict[int, int] | None = None) -> None:
        """``summaries`` of one course, oldest first. ``limits`` maps a session id to the
        alarm limits it ran under (its copied protocol; the defaults colour the cells
        without them); ``addenda`` maps a session id to its number of addenda."""
        limits, addenda = limits or {}, addenda or {}
        points = {scale: {p.session_id: p for p in trend(summaries, scale)}
                  for scale in ("phq9", "madrs")}
        times = Times(self.tz)
        self.beginResetModel()
        self._lines = [CourseLine(n, s, limits.get(s.session_id) or default_limits(), times,
                                  points["phq9"].get(s.session_id),
                                  points["madrs"].get(s.session_id),
                                  addenda.get(s.session_id, 0))
                       for n, s in enumerate(summaries, 1)]
        self._cells = [[c.cell(line) for c in COLUMNS] for line in self._lines]
        self.endResetModel()

    def summary(self, row: int) -> SessionSummary:
        return self._lines[row].summary

    def row_of(self, session_id: int) -> int | None:
        return next((i for i, r in enumerate(self._lines)
                     if r.summary.session_id == session_id), None)

    def cell(self, row: int, key: str) -> str:
        return self._cells[row][KEYS.index(key)].line

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        if self._lines:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._lines) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.line
        if role == SORT_ROLE:
            return cell.sort
        if role == SESSION_ID_ROLE:
            return self._lines[index.row()].summary.session_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tip
        if role == Qt.ItemDataRole.ForegroundRole and cell.level != PLAIN:
            return QColor(getattr(self.colors, cell.level))
        if role == Qt.ItemDataRole.FontRole and cell.level == CRITICAL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip or None
        return None


class CourseSortProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE``; a missing value (never started, not recorded) goes last
    whichever way the column is sorted."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return (a is None) == descending and (a is None) != (b is None)
        return super().lessThan(left, right)
