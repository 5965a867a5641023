"""The administrator's audit view (issue 10 §3): the trail filtered by user, patient,
session, kind and period, sorted by any column, exported as CSV or as the PDF audit
report. Opening it, and each export, is audited; anyone but an admin is refused by the
service, in words naming the role."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from export.audit_report import write_audit_csv, write_audit_pdf
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.permissions import Action
from monitor.audit.query import SEARCH_LIMIT, AuditQuery
from monitor.audit.trail_service import AuditTrailService
from monitor.errors import ChairsideError, InvalidEntry
from ui.admin.audit_model import SORT_ROLE, AuditTableModel
from ui.admin.named import named
from ui.common.file_dialog import ask_save_path
from ui.common.inline_message import InlineMessage

ANY = "Any"
AskPath = Callable[[str, str], str]  # (suggested name, kinds) → path, "" when cancelled


class AuditView(QDialog):
    """Built by ``open_audit_view`` (which audits the opening, or refuses)."""

    def __init__(self, trail: AuditTrailService, user: CurrentUser, find_patient,
                 clinic: str = "", tz: tzinfo | None = None, ask_path: AskPath | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chairside — audit trail")
        self.trail, self.user, self.tz, self.clinic = trail, user, tz, clinic
        self.find_patient = find_patient  # MRN → patient id (or InvalidEntry)
        self.ask_path = ask_path or (lambda name, kinds: ask_save_path(
            self, "Export audit report", name, kinds))
        self.query = AuditQuery()
        self.model = AuditTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.message = InlineMessage(self)
        self.count = QLabel()
        self._make_filters()
        self._layout()
        self.resize(1200, 700)
        self.search()

    # --- building ----------------------------------------------------------------------

    def _make_filters(self) -> None:
        actor = self.user.require(Action.VIEW_AUDIT)  # refuses a non-admin in words
        usernames, actions = self.trail.choices(actor)
        self.username = _combo("userFilter", usernames)
        self.action = _combo("kindFilter", actions)
        self.mrn = named(QLineEdit(), "patientFilter", "MRN")
        self.session = named(QLineEdit(), "sessionFilter", "number")
        today = QDate.currentDate()
        self.since = named(QDateEdit(today.addDays(-30)), "since")
        self.until = named(QDateEdit(today), "until")
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.period = named(QCheckBox("From … to (local days)"), "period")
        self.order = named(QComboBox(), "order")
        self.order.addItems(["Newest first", "Oldest first"])
        self.search_button = named(QPushButton("Search"), "search")
        self.csv_button = named(QPushButton("Export CSV…"), "exportCsv")
        self.pdf_button = named(QPushButton("Export PDF…"), "exportPdf")
        self.search_button.clicked.connect(self.search)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.mrn.returnPressed.connect(self.search)
        self.session.returnPressed.connect(self.search)

    def _layout(self) -> None:
        filters = QGridLayout()
        pairs = (("User", self.username), ("Patient", self.mrn), ("Session", self.session),
                 ("Kind", self.action), ("Order", self.order))
        for column, (label, widget) in enumerate(pairs):
            filters.addWidget(QLabel(label), 0, column)
            filters.addWidget(widget, 1, column)
            widget.setMinimumWidth(120 if widget in (self.mrn, self.session) else 170)
        filters.setColumnStretch(len(pairs), 1)  # the filters keep their size at the left
        period = QHBoxLayout()
        for widget in (self.period, self.since, QLabel("to"), self.until):
            period.addWidget(widget)
        period.addStretch(1)
        period.addWidget(self.search_button)
        self.table = named(QTableView(), "auditTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(period)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- searching and exporting -------------------------------------------------------

    def read_filters(self) -> AuditQuery:
        session_text = self.session.text().strip()
        if session_text and not session_text.isdigit():
            raise InvalidEntry("A session number is digits only.", "session")
        mrn = self.mrn.text().strip()
        since = until = None
        if self.period.isChecked():
            first, last = _day(self.since.date()), _day(self.until.date())
            since, until = self._utc(first), self._utc(last + timedelta(days=1))
            if until <= since:
                raise InvalidEntry("The period ends before it starts.", "until")
        return AuditQuery(
            username="" if self.username.currentText() == ANY else self.username.currentText(),
            patient_id=self.find_patient(mrn) if mrn else None,
            session_id=int(session_text) if session_text else None,
            action="" if self.action.currentText() == ANY else self.action.currentText(),
            since=since, until=until, newest_first=self.order.currentIndex() == 0)

    def _utc(self, day: date) -> datetime:
        zone = self.tz or datetime.now().astimezone().tzinfo
        return datetime.combine(day, time(), zone).astimezone(timezone.utc)

    def search(self) -> None:
        try:
            self.query = self.read_filters()
            entries = self.trail.search(self.user.require(Action.VIEW_AUDIT), self.query)
        except ChairsideError as error:
            self.message.error(str(error))
            return
        self.message.clear_message()
        self.proxy.sort(-1)  # the order asked for, until a header is clicked
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        more = f" (the first {SEARCH_LIMIT}: narrow the filter)" \
            if len(entries) >= SEARCH_LIMIT else ""
        self.count.setText(f"{len(entries)} entries — {self.query.describe()}{more}")

    def shown_entries(self) -> list:
        """The entries in the order the table shows them (a clicked header's sort)."""
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row()
                for r in range(self.proxy.rowCount())]
        return [self.model.entries[r] for r in rows]

    def export(self, kind: str, path: str | None = None) -> str | None:
        """Writes what is shown as CSV or PDF (asking where unless given); audited."""
        suffix, kinds = ("csv", "CSV (*.csv)") if kind == "csv" else ("pdf", "PDF (*.pdf)")
        path = path or self.ask_path(f"chairside-audit.{suffix}", kinds)
        if not path:
            return None
        entries = self.shown_entries()
        actor = self.user.require(Action.VIEW_AUDIT)
        try:
            if kind == "csv":
                write_audit_csv(entries, path)
            else:
                write_audit_pdf(entries, path, clinic=self.clinic,
                                described=self.query.describe(),
                                now=datetime.now(timezone.utc), by=actor.signature_name)
            self.trail.exported(actor, self.query, f"{kind.upper()} {path}", len(entries))
        except (ChairsideError, OSError) as error:
            self.message.error(f"The audit report was not written: {error}")
            return None
        self.message.info(f"Wrote {path} ({len(entries)} entries).")
        return path


def _day(chosen: QDate) -> date:
    return date(chosen.year(), chosen.month(), chosen.day())


def _combo(name: str, choices: list[str]) -> QComboBox:
    combo = named(QComboBox(), name)
    combo.addItems([ANY, *choices])
    return combo


def open_audit_view(trail: AuditTrailService, user: CurrentUser, find_patient, **kw
                    ) -> AuditView:
    """The audit view, its opening audited; PermissionRefused (naming the admin role)
    for anyone else, before anything is read."""
    trail.open(user.require(Action.VIEW_AUDIT))
    return AuditView(trail, user, find_patient, **kw)

