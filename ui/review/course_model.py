"""A patient's course as a table: one row per session, oldest first.

Each cell has display text, a raw sort value (``SORT_ROLE``: numbers sort as numbers, a
missing value sorts last), a tooltip where the short text needs explaining, and the
theme's critical colour for PHQ-9 item 9 and for values past a critical alarm limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from monitor.course import SessionSummary
from monitor.scales import SCALES
from monitor.timeline import Phase
from monitor.vitals import Limit, Tier, default_limits, tier_reached, worst
from ui.common.timefmt import local

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM9 = "⚠ item 9"
PHQ9, MADRS = SCALES["phq9"], SCALES["madrs"]


@dataclass(frozen=True)
class Cell:
    text: str
    sort: object = None
    tip: str | None = None
    tone: str | None = None  # a Colors field: "critical", "advisory" or "accent"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    cell: Callable[[CourseRow], Cell]
    numeric: bool = True


@dataclass(frozen=True)
class CourseRow:
    number: int
    summary: SessionSummary
    limits: tuple[Limit, ...]
    tz: tzinfo | None
    addenda: int = 0

    def tier(self, measure: str, value: float | None, relative: bool = False) -> Tier | None:
        """The worst alarm tier ``value`` reaches under this session's limits."""
        return tier_reached(self.limits, measure, value, relative)


def _n(value, fmt: str = "{}") -> str:
    return "—" if value is None else fmt.format(value)


def _date(r: CourseRow) -> Cell:
    at = local(r.summary.opened_at, r.tz)
    return Cell(f"{at:%Y-%m-%d}", r.summary.opened_at.timestamp(), f"Opened {at:%a %Y-%m-%d %H:%M}")


def _infusion(r: CourseRow) -> Cell:
    s = r.summary
    if s.infusion_minutes is None:
        return Cell(f"— / {s.planned_minutes}", None, "The infusion was never started.")
    minutes, seconds = divmod(round(s.infusion_minutes * 60), 60)
    tip = (f"Infusion ran {minutes} min {seconds:02d} s of {s.planned_minutes} planned "
           "(pauses excluded).")
    text = f"{round(s.infusion_minutes)} / {s.planned_minutes}"
    if s.stopped_early is not None:  # flagged in the table, the reason in the tooltip
        return Cell(f"{text} stopped early", s.infusion_minutes,
                    f"{tip} Stopped early: {s.stopped_early}", "advisory")
    return Cell(text, s.infusion_minutes, tip)


def _bp(r: CourseRow) -> Cell:
    s = r.summary
    base = "/".join(map(str, s.baseline_bp)) if s.baseline_bp else "—"
    peak = "/".join(map(str, s.peak_bp)) if s.peak_bp else "—"
    tier = None
    if s.peak_bp:
        tier = worst((r.tier("sbp", s.peak_bp[0]), r.tier("dbp", s.peak_bp[1])))
    return Cell(f"{base} → {peak}", s.peak_bp[0] if s.peak_bp else None,
                "Baseline (last set before the start) → the highest systolic set after it",
                _tone(tier))


def _tone(tier: Tier | None) -> str | None:
    return tier.value if tier else None


def _rise(r: CourseRow) -> Cell:
    rise = r.summary.sbp_rise
    return Cell(_n(rise, "{:+d}"), rise, "Peak systolic minus baseline systolic, mmHg",
                _tone(r.tier("sbp", rise, relative=True)))


def _phq9(r: CourseRow) -> Cell:
    s = r.summary
    if s.phq9 is None:
        return Cell("—")
    tip = f"{PHQ9.short} {s.phq9} ({PHQ9.band(s.phq9)})"
    if s.phq9_item9:
        tip += (". Item 9 (thoughts of self-harm) answered above 0: review suicide risk "
                "with the patient.")
        return Cell(f"{s.phq9} {ITEM9}", s.phq9, _fixed_tip(s, tip), "critical")
    if s.corrected_scores:  # an addendum after sign-off corrects a score: beside it
        return Cell(f"{s.phq9} † addendum", s.phq9, _fixed_tip(s, tip), "accent")
    return Cell(str(s.phq9), s.phq9, tip)


def _fixed_tip(s: SessionSummary, tip: str) -> str:
    return "\n".join([tip, *(f"Corrected by addendum: {c}" for c in s.corrected_scores)])


def _signed(r: CourseRow) -> Cell:
    s = r.summary
    if s.signed:
        if r.addenda:
            word = "addendum" if r.addenda == 1 else "addenda"
            return Cell(f"Yes + {r.addenda} {word}", 2,
                        "Signed; see the session for its addenda", "accent")
        return Cell("Yes", 2)
    if s.phase is Phase.DISCHARGED:
        return Cell("No", 1, "Completed, waiting for sign-off", "advisory")
    return Cell(f"In progress ({s.phase.value})", 0)


def _rescue(r: CourseRow) -> Cell:
    meds = r.summary.rescue_medications
    fixed = r.summary.corrected_medications  # addenda after sign-off, beside the item
    text = "; ".join(meds) if meds else "—"
    tip = "\n".join([*meds, *(f"Corrected by addendum: {c}" for c in fixed)]) or None
    if fixed:
        return Cell(f"{text} † addendum", len(meds), tip, "accent")
    return Cell(text, len(meds), tip)


def _ready(r: CourseRow) -> Cell:
    m = r.summary.minutes_to_ready
    return Cell(_n(None if m is None else round(m)), m,
                "Minutes from the end of the infusion to the first discharge score that met "
                "the protocol's minimum")


def _simple(attr: str, tip: str | None = None, measure: str = "") -> Callable[[CourseRow], Cell]:
    def cell(r: CourseRow) -> Cell:
        value = getattr(r.summary, attr)
        return Cell(_n(value), value, tip, _tone(r.tier(measure, value)) if measure else None)
    return cell


# What the psychiatrist looks for first (mood, item 9, sign-off) comes before the
# infusion figures, so it stays in view when the table is wider than the window.
COLUMNS = (
    Column("number", "#", lambda r: Cell(str(r.number), r.number)),
    Column("date", "Date", _date, numeric=False),
    Column("chair", "Chair", lambda r: Cell(r.summary.chair, r.summary.chair), numeric=False),
    Column("phq9", PHQ9.short, _phq9),
    Column("madrs", MADRS.short, _simple("madrs", f"{MADRS.name} ({MADRS.range_text})")),
    Column("signed", "Signed", _signed, numeric=False),
    Column("mg_per_kg", "mg/kg", lambda r: Cell(f"{r.summary.mg_per_kg:g}",
                                                 r.summary.mg_per_kg)),
    Column("total_mg", "Total mg", lambda r: Cell(f"{r.summary.total_mg:g}",
                                                  r.summary.total_mg)),
    Column("infusion", "Infusion\nmin", _infusion),
    Column("bp", "BP baseline\n→ peak", _bp, numeric=False),
    Column("sbp_rise", "SBP\nrise", _rise),
    Column("lowest_spo2", "Lowest\nSpO₂",
           _simple("lowest_spo2", "Lowest SpO₂ of the session, %", "spo2")),
    Column("highest_hr", "Highest\nHR",
           _simple("highest_hr", "Highest heart rate of the session, /min", "hr")),
    Column("dissociation", "Peak\ndissociation",
           _simple("peak_dissociation", "Highest dissociation, 0–10 (side effect or quick "
                   "rating)")),
    Column("nausea", "Worst\nnausea", _simple("worst_nausea", "Worst nausea logged, 0–10")),
    Column("rescue", "Rescue\nmeds", _rescue, numeric=False),
    Column("alarms", "Alarms", _simple("alarm_count", "Alarms raised by vitals sets")),
    Column("ready", "To discharge-\nready (min)", _ready),
)
KEYS = [c.key for c in COLUMNS]


class CourseTableModel(QAbstractTableModel):
    """One row per session of a course, oldest first (row 0 is session #1)."""

    def __init__(self, colors: Colors, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.tz = tz
        self._rows: list[CourseRow] = []
        self._cells: list[list[Cell]] = []

    def set_rows(self, summaries: list[SessionSummary],
                 limits: dict[int, tuple[Limit, ...]] | None = None,
                 addenda: dict[int, int] | None = None) -> None:
        """``summaries`` oldest first. ``limits`` maps a session id to the alarm limits it
        ran under (its copied protocol; the defaults colour the cells without them);
        ``addenda`` maps a session id to its number of addenda (shown with "Signed")."""
        limits, addenda = limits or {}, addenda or {}
        self.beginResetModel()
        self._rows = [CourseRow(n, s, limits.get(s.session_id) or default_limits(), self.tz,
                                addenda.get(s.session_id, 0))
                      for n, s in enumerate(summaries, 1)]
        self._cells = [[c.cell(r) for c in COLUMNS] for r in self._rows]
        self.endResetModel()

    def summary(self, row: int) -> SessionSummary:
        return self._rows[row].summary

    def row_of(self, session_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows)
                     if r.summary.session_id == session_id), None)

    def cell(self, row: int, key: str) -> str:
        return self._cells[row][KEYS.index(key)].text

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.sort
        if role == SESSION_ID_ROLE:
            return self._rows[index.row()].summary.session_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tip
        if role == Qt.ItemDataRole.ForegroundRole and cell.tone is not None:
            return QColor(getattr(self.colors, cell.tone))
        if role == Qt.ItemDataRole.FontRole and cell.tone == "critical":
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
            return _HEADER_TIPS.get(COLUMNS[section].key)
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


_HEADER_TIPS = {
    "infusion": "Actual infusion minutes (pauses excluded) / planned minutes",
    "bp": "Baseline BP (last set before the start) → the highest systolic set after it",
    "sbp_rise": "Peak systolic minus baseline systolic, mmHg",
    "ready": "Minutes from the end of the infusion to meeting the discharge score",
    "phq9": f"{PHQ9.short} total ({PHQ9.range_text}); ⚠ item 9 = thoughts of self-harm "
            "answered above 0",
}
