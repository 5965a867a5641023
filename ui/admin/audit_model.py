"""The audit entries as a table (sortable by any column through a proxy)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from monitor.audit.entry import AuditEntry
from monitor.audit.report_rows import COLUMNS, row
from ui.common.table_model import Index, RowsTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the number column sorts as a number


class AuditTableModel(RowsTableModel):
    HEADERS = COLUMNS

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self._rows = [row(e) for e in entries]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell
        if role == SORT_ROLE:
            return int(cell) if index.column() == 0 else cell
        return None
