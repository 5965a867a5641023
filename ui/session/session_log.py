"""A log of everything entered in a session, newest first."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from export.colours import Colors
from monitor.alarms import Alarm
from monitor.assessments import Assessment
from monitor.corrections import kind_of
from monitor.devices.edits import source_note
from monitor.medications import MedicationGiven
from monitor.report.format import Times
from monitor.report.marks import mark_text, recheck_text, withdrawal_text
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind
from monitor.vitals import VitalsSet
from ui.common.table_model import Index, RowsTableModel
from ui.common.timefmt import hhmm


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    what: str
    detail: str
    flagged: str = ""  # "", "advisory" or "critical"
    by: str = ""  # who entered it ("" before accounts)
    item: object = None  # the stored entry (to mark it)
    struck: bool = False  # marked entered in error or artifact: kept, struck through


Names = Callable[[int | None], str]  # a user's id → "Dana Whitfield, MD"


def initials(name: str) -> str:
    """ "Dana Whitfield, MD" → "DW": the name before its credentials, as a flowsheet
    initials an entry; "" stays ""."""
    person = name.split(",")[0].split()
    return "".join(part[0] for part in person[:3]).upper()


def no_names(_user_id: int | None) -> str:
    return ""


def record_names(record, current_user=None) -> Names:
    """Who made a record's entries: the names loaded with it, and the signed-in user for
    what they enter while it is on screen."""
    def name(user_id: int | None) -> str:
        if not user_id:
            return ""
        actor = getattr(current_user, "actor", None)
        if user_id not in record.users and actor is not None and actor.user_id == user_id:
            return actor.signature_name
        return record.who(user_id)
    return name


def vitals_text(v: VitalsSet) -> str:
    x = v.values
    text = f"BP {x.sbp}/{x.dbp}  HR {x.hr}  SpO₂ {x.spo2}%  RR {x.rr}"
    if x.temp_c is not None:
        text += f"  T {x.temp_c:.1f} °C"
    return text


def entry_for(item, record=None, tz: tzinfo | None = None,
              names: Names = no_names) -> LogEntry:
    """The log line for a stored entry (an alarm's line is its acknowledgement), with who
    entered it; with the record, an entry marked entered in error or artifact is struck
    through with its mark, a recheck names the reading it replaces."""
    entry = _by(_plain_entry(item), item, names)
    if record is None:
        return replace(entry, item=item)
    marks, t = record.marks, Times(tz).for_day(entry.at)
    notes = []
    mark = marks.mark_of(item)
    if mark is None and isinstance(item, Alarm):
        mark = marks.alarm_mark(item)
    if mark is not None:
        notes.append(mark_text(mark, t))
    link = marks.recheck_of(item)
    if link is not None:
        notes.append(recheck_text(link, record, t))
    withdrawn = [withdrawal_text(m, w, t) for m, w in marks.withdrawals_of(item)]
    if not notes and not withdrawn:
        return replace(entry, item=item)
    # the mark first: it is what the nurse must read before the values; a mark withdrawn
    # after them (the values count again)
    return replace(entry, detail=" — ".join([*notes, entry.detail, *withdrawn]), item=item,
                   struck=mark is not None, flagged="" if mark else entry.flagged)


def _by(entry: LogEntry, item, names: Names) -> LogEntry:
    who = item.acknowledged_by_user if isinstance(item, Alarm) else item.entered_by
    by = names(who) or (item.acknowledged_by if isinstance(item, Alarm) else "")
    return replace(entry, by=by)


def _plain_entry(item) -> LogEntry:
    if isinstance(item, VitalsSet):
        detail = vitals_text(item)
        level = ""
        if item.flags:
            detail += " — " + " ".join(item.flags)
            level = item.tier.value if item.tier else ""
        source = source_note(item.source, item.device_edits)  # a validated monitor set
        if source:
            detail += f" — {source}"
        return LogEntry(item.taken_at, "Vitals", detail, level)
    if isinstance(item, SideEffect):
        return LogEntry(item.at, "Side effect", item.summary())
    if isinstance(item, Assessment):
        return LogEntry(item.at, "Assessment", item.summary(),
                        "critical" if item.needs_attention else "")
    if isinstance(item, MedicationGiven):
        return LogEntry(item.at, "Medication", item.summary())
    if isinstance(item, Alarm):
        detail = f"{item.tier.value.capitalize()} alarm, by {item.acknowledged_by}: {item.action}"
        assert item.acknowledged_at is not None, "only acknowledged alarms are logged"
        return LogEntry(item.acknowledged_at, "Alarm acknowledged",
                        f"{detail}. {item.note}" if item.note else detail)
    text = item.text
    if item.kind is EventKind.RATE_CHANGE:
        text = f"{item.value:g} mL/h" + (f" — {item.text}" if item.text else "")
    return LogEntry(item.at, item.kind.label, text)


def log_items(record) -> list:
    """Everything in a session that has a log line."""
    acknowledged = [a for a in record.alarms if a.acknowledged]
    return [*record.vitals, *record.side_effects, *record.events, *record.assessments,
            *record.medications, *acknowledged]


class SessionLogModel(RowsTableModel):
    HEADERS = ("Time", "Entry", "By", "Details")

    def __init__(self, colors: Colors, tz: tzinfo | None = None, parent=None,
                 initials_only: bool = False) -> None:
        super().__init__(parent)
        self.colors = colors
        # the chair view's narrow log: "DC" in By (the whole name in the tooltip), so
        # Details keeps its room; the review has room for the name
        self.initials_only = initials_only
        self.tz = tz
        self._rows: list[LogEntry] = []  # newest first
        self.record = None  # the session shown, for its corrections
        self.names: Names = no_names

    def set_rows(self, items, names: Names = no_names, record=None) -> None:
        """``items`` (``log_items(record)``) with who made them; with ``record`` its
        marks are shown."""
        self.record = record
        self.names = names
        self.beginResetModel()
        self._rows = sorted((entry_for(i, record, self.tz, names) for i in items),
                            key=lambda e: e.at, reverse=True)
        self.endResetModel()

    def show_record(self, record, names: Names | None = None) -> None:
        self.set_rows(log_items(record), names or record_names(record), record)

    def add(self, item) -> None:
        entry = entry_for(item, self.record, self.tz, self.names)
        keys = [-r.at.timestamp() for r in self._rows]
        row = bisect_left(keys, -entry.at.timestamp())
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self.endInsertRows()

    def entry(self, row: int) -> LogEntry:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            by = (initials(e.by) if self.initials_only and role == Qt.ItemDataRole.DisplayRole
                  else e.by)
            return (hhmm(e.at, self.tz), e.what, by, e.detail)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and e.struck:
            return QColor(self.colors.muted)
        if role == Qt.ItemDataRole.ForegroundRole and e.flagged:
            return QColor(self.colors.critical if e.flagged == "critical"
                          else self.colors.advisory)
        if role == Qt.ItemDataRole.FontRole and e.struck and index.column() < 2:
            font = QFont()
            font.setStrikeOut(True)  # the mark itself (in Details) stays readable
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and e.struck:
            return "Marked: not counted"
        return None

    def withdrawable(self, row: int) -> object | None:
        """The entry on ``row`` if it carries a mark that can be withdrawn (a struck
        alarm's mark is withdrawn on its vitals set), else None."""
        if not 0 <= row < len(self._rows) or self.record is None:
            return None
        item = self._rows[row].item
        if kind_of(item) is None or self.record.marks.mark_of(item) is None:
            return None
        return item

    def markable(self, row: int) -> object | None:
        """The entry on ``row`` if it can be marked (not yet marked), else None."""
        if not 0 <= row < len(self._rows):
            return None
        e = self._rows[row]
        if e.struck or kind_of(e.item) is None:
            return None
        return e.item
