"""The alarm limits of one protocol as an editable table (only the threshold is edited)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from monitor.errors import InvalidEntry
from monitor.protocol import check_limit
from monitor.vitals import MEASURES, Limit, Tier, default_limits

ROOT = QModelIndex()  # the invalid index: a flat table has no children
COLUMNS = ("Measure", "Alarm when", "Threshold", "Unit", "Tier", "Allowed", "Default")
THRESHOLD, TIER = COLUMNS.index("Threshold"), COLUMNS.index("Tier")
_WHEN = {">": "above", ">=": "at or above", "<": "below", "<=": "at or below"}
_Index = QModelIndex | QPersistentModelIndex


def when_text(lim: Limit) -> str:
    """How a nurse reads the rule: "above", "below", "rise over baseline ≥"."""
    return "rise over baseline of at least" if lim.relative else _WHEN[lim.op]


def allowed_text(lim: Limit) -> str:
    """The range ``check_limit`` accepts, in words."""
    m = MEASURES[lim.measure]
    low, high = (1, m.high - m.low) if lim.relative else (m.low, m.high)
    return f"{low:g}–{high:g}"


def default_threshold(lim: Limit) -> float | None:
    """The clinical reference's working default for the same rule, if there is one."""
    for d in default_limits():
        if (d.measure, d.op, d.tier, d.relative) == (lim.measure, lim.op, lim.tier,
                                                     lim.relative):
            return d.threshold
    return None


class LimitsModel(QAbstractTableModel):
    """Rows of ``Limit``; a threshold outside the measure's range is refused, not clamped.

    Signals:
        refused(str): an edit was refused; the message names the allowed range.
        edited(): a threshold was changed.
    """

    refused = Signal(str)
    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._limits: list[Limit] = []

    def set_limits(self, limits: tuple[Limit, ...]) -> None:
        self.beginResetModel()
        self._limits = list(limits)
        self.endResetModel()

    def limits(self) -> tuple[Limit, ...]:
        return tuple(self._limits)

    def rowCount(self, parent: _Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._limits)

    def columnCount(self, parent: _Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == THRESHOLD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        lim = self._limits[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            # text, also for editing: a spin box editor would clamp instead of refusing
            return self._text(lim, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == THRESHOLD:
            default = default_threshold(lim)
            tip = f"Allowed {allowed_text(lim)} {MEASURES[lim.measure].unit}"
            return tip + (f" · working default {default:g}" if default is not None else "")
        if role == Qt.ItemDataRole.FontRole and (
                col == THRESHOLD or (col == TIER and lim.tier == Tier.CRITICAL)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (THRESHOLD, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(lim: Limit, col: int) -> str:
        m = MEASURES[lim.measure]
        default = default_threshold(lim)
        return (m.label, when_text(lim), f"{lim.threshold:g}", m.unit,
                lim.tier.value.capitalize(), allowed_text(lim),
                "—" if default is None else f"{default:g}")[col]

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() != THRESHOLD):
            return False
        old = self._limits[index.row()]
        try:
            new = replace(old, threshold=self._number(old, value))
            check_limit(new)
        except InvalidEntry as error:
            self.refused.emit(f"{error} The limit stays at {old.threshold:g}.")
            return False
        if new != old:
            self._limits[index.row()] = new
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                                 Qt.ItemDataRole.EditRole])
            self.edited.emit()
        return True

    @staticmethod
    def _number(lim: Limit, value) -> float:
        text = str(value).strip().replace(",", ".")
        try:
            return float(text)
        except ValueError:
            m = MEASURES[lim.measure]
            raise InvalidEntry(f"{m.label} {lim.tier.value} limit must be a number "
                               f"({allowed_text(lim)} {m.unit}).",
                               f"limit_{lim.measure}") from None
