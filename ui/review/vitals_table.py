"""Every vitals set of a session as a table, oldest first, flagged sets coloured."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from export.colours import Colors
from monitor.corrections import Marks
from monitor.devices.edits import edited_text
from monitor.vitals import VitalsSet
from ui.common.table_model import Index, RowsTableModel
from ui.common.timefmt import hhmm


class VitalsTableModel(RowsTableModel):
    HEADERS = ("Time", "Min", "BP", "HR", "SpO₂", "RR", "Temp °C", "Flags")

    def __init__(self, colors: Colors, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.tz = tz
        self._rows: list[VitalsSet] = []
        self._origin: datetime | None = None
        self._baseline_id: int | None = None
        self.marks = Marks.of([])

    def set_rows(self, vitals: list[VitalsSet], started_at: datetime | None = None,
                 baseline_id: int | None = None, marks: Marks | None = None) -> None:
        """``started_at``: minutes are counted from the infusion start (negative before);
        ``baseline_id``: the set the rises are measured from, marked in its row;
        ``marks``: the session's corrections (a marked set is struck through)."""
        self.marks = marks or Marks.of([])
        self.beginResetModel()
        self._rows = sorted(vitals, key=lambda v: (v.taken_at, v.id))
        self._origin = started_at
        self._baseline_id = baseline_id
        self.endResetModel()

    def _texts(self, v: VitalsSet) -> tuple[str, ...]:
        x = v.values
        minutes = "—"
        if self._origin is not None:
            m = round((v.taken_at - self._origin).total_seconds() / 60)
            minutes = f"{m:+d}" if m else "0"
        flags = v.flags[0] if v.flags else ""
        if len(v.flags) > 1:
            flags += f" (+{len(v.flags) - 1} more)"  # all of them in the tooltip
        if v.device_edits:  # the values typed over a monitor's (details in the tooltip)
            flags = "Monitor set, edited" + (f" — {flags}" if flags else "")
        if v.id == self._baseline_id:
            flags = "Baseline" + (f" — {flags}" if flags else "")
        mark = self.marks.mark_of(v)
        if mark is not None:
            flags = f"{mark.status.label.upper()}: {mark.reason}" + (f" — {flags}"
                                                                      if flags else "")
        elif (link := self.marks.recheck_of(v)) is not None:
            flags = f"Recheck of set #{link.recheck_of}" + (f" — {flags}" if flags else "")
        return (hhmm(v.taken_at, self.tz), minutes, f"{x.sbp}/{x.dbp}", str(x.hr),
                str(x.spo2), str(x.rr), "—" if x.temp_c is None else f"{x.temp_c:.1f}",
                flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        v = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(v)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = "\n".join(v.flags) if v.flags else None
            if v.source != "manual":
                edited = edited_text(v.device_edits)  # a monitor set changed first
                tip = f"Source: {v.source}" + (f"\n{edited}" if edited else "") + (
                    f"\n{tip}" if tip else "")
            return tip
        struck = self.marks.mark_of(v) is not None
        if role == Qt.ItemDataRole.ForegroundRole and struck:
            return QColor(self.colors.muted)
        if role == Qt.ItemDataRole.FontRole and struck and index.column() < 7:
            font = QFont()
            font.setStrikeOut(True)  # kept, not counted; the mark (Flags) stays readable
            return font
        if role == Qt.ItemDataRole.ForegroundRole and v.tier is not None:
            return QColor(self.colors.tier(v.tier))
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= index.column() <= 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def vitals_at(self, row: int) -> VitalsSet | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == 1):
            return "Minutes from the start of the infusion"
        return super().headerData(section, orientation, role)
