"""One session in full, read-only, for the psychiatrist: header, sign-off and addenda,
the vitals charts, and the record (details, vitals table, log).

Nothing here edits the record. The only actions are signing a completed session, adding
an addendum to a signed one, and asking for an export (the main window does the file
dialog). A signed session is also locked in the service layer.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from export.colours import Colors
from export.report_html import style
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.signing import SigningService
from monitor.changes import Change
from monitor.report.format import Times
from monitor.report.session import session_report
from monitor.service import SessionService
from monitor.session_record import SessionRecord
from monitor.timeline import Phase
from ui.accounts.signature_dialog import SignatureDialog
from ui.accounts.signature_text import status_html
from ui.app.clinic_state import ClinicState
from ui.common.inline_message import InlineMessage
from ui.common.text_dialog import TextDialog
from ui.common.timefmt import local
from ui.review import review_text
from ui.review.addendum_dialog import AddendumDialog, correctable
from ui.review.vitals_table import VitalsTableModel
from ui.session.mark_dialog import MarkDialog
from ui.session.session_log import SessionLogModel, entry_for, record_names
from ui.session.vitals_charts import VitalsCharts


class SessionReview(QWidget):
    """Signals:
        back_requested(): the psychiatrist wants the course again.
        export_pdf_requested(int): a PDF of this session, please (session id).
        export_csv_requested(int): a CSV of this session, please (session id).
    """

    back_requested = Signal()
    export_pdf_requested = Signal(int)
    export_csv_requested = Signal(int)

    def __init__(self, service: SessionService, clinic: ClinicState, colors: Colors,
                 tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.clinic = clinic
        clinic.entry_stored.connect(self._entry_stored)
        self.colors = colors
        self.tz = tz
        self.default_signer = ""  # the last name signed or written under an addendum
        # set by the app when accounts are on (issue 10): real signatures and their status
        self.signing: SigningService | None = None
        self.current_user: CurrentUser | None = None
        self.record: SessionRecord | None = None
        self.back_button = QPushButton("◀ Course")
        self.back_button.setObjectName("backToCourse")
        self.back_button.clicked.connect(self.back_requested)
        self.header = _rich_label("sessionHeader")
        self.signoff = _rich_label("signOff")
        self.addenda = _rich_label("addendaText")
        self.addenda_frame = self._make_addenda_frame()
        self.status = InlineMessage()
        self.sign_button = QPushButton("Sign…")
        self.addendum_button = QPushButton("Add addendum…")
        self.note_button = QPushButton("Add note…")
        self.note_button.setObjectName("reviewNote")
        self.mark_button = QPushButton("Mark entered in error / artifact…")
        self.mark_button.setObjectName("reviewMark")
        self.pdf_button = QPushButton("Export PDF…")
        self.csv_button = QPushButton("Export CSV…")
        self.charts = VitalsCharts(service.alarms, colors)
        self.details = QTextBrowser()
        self.details.setObjectName("sessionDetails")
        self.details.setOpenLinks(False)
        self.vitals_model = VitalsTableModel(colors, tz, self)
        self.vitals_view = _table(self.vitals_model, "reviewVitals", stretch_last=True)
        self.vitals_view.setWordWrap(False)
        self.log_model = SessionLogModel(colors, tz, self)
        self.log_view = _table(self.log_model, "reviewLog", stretch_last=True)
        self.log_view.setWordWrap(True)
        self.log_model.modelReset.connect(self.log_view.resizeRowsToContents)
        for view in (self.log_view, self.vitals_view):  # select an entry, then mark it
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._entry_menu(v, pos))
            view.selectionModel().selectionChanged.connect(
                lambda *_a, v=view: self._selected_in(v))
        self.vitals_title = QLabel("<b>Vitals</b>")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, "Details")
        self.tabs.addTab(self.log_view, "Log")
        self._layout()
        self.sign_button.clicked.connect(self.sign)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.note_button.clicked.connect(self.add_note)
        self.mark_button.clicked.connect(self.mark_selected)
        self._selected: object | None = None  # the entry last selected (log or vitals)
        self.pdf_button.clicked.connect(lambda: self._export(self.export_pdf_requested))
        self.csv_button.clicked.connect(lambda: self._export(self.export_csv_requested))
        self.apply_colors(colors)
        self._update_buttons()

    def _make_addenda_frame(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("addenda")
        scroll = QScrollArea()
        scroll.setWidget(self.addenda)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMaximumHeight(150)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(scroll)
        frame.hide()
        return frame

    def _layout(self) -> None:
        buttons = QGridLayout()
        buttons.setSpacing(6)
        for i, button in enumerate((self.sign_button, self.addendum_button, self.note_button,
                                    self.mark_button, self.pdf_button, self.csv_button)):
            buttons.addWidget(button, i // 2, i % 2)
        top = QHBoxLayout()
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.header, 1)
        top.addLayout(buttons)
        self.vitals_box = vitals = QWidget()
        vitals_layout = QVBoxLayout(vitals)
        vitals_layout.setContentsMargins(0, 0, 0, 0)
        vitals_layout.setSpacing(2)
        vitals_layout.addWidget(self.vitals_title)
        vitals_layout.addWidget(self.vitals_view, 1)
        self.record_split = QSplitter(Qt.Orientation.Vertical)
        self.record_split.setChildrenCollapsible(False)
        self.record_split.addWidget(vitals)
        self.record_split.addWidget(self.tabs)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.charts)
        split.addWidget(self.record_split)
        split.setSizes([780, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.signoff)
        layout.addWidget(self.addenda_frame)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    # --- showing -----------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        return self.record.session.id if self.record else None

    def show_session(self, session_id: int) -> None:
        self.show_record(self.clinic.record(session_id))

    def show_record(self, record: SessionRecord) -> None:
        """Shows ``record`` as it is (the course page hands over the one it loaded)."""
        same = self.record is not None and self.record.session.id == record.session.id
        self.record = record
        self.status.clear_message()
        self.vitals_model.set_rows(record.vitals, record.session.started_at,
                                   b.id if (b := record.baseline()) else None, record.marks)
        self.log_model.show_record(record, record_names(record))
        self._selected = None
        self.vitals_title.setText(f"<b>Vitals</b> ({len(record.vitals)} sets; minutes from "
                                  "the start of the infusion)")
        self.tabs.setTabText(1, f"Log ({self.log_model.rowCount()})")
        self.vitals_view.resizeColumnsToContents()
        self._fit_vitals()
        self._load_charts(record)
        self._show_text(keep_place=same)
        self._update_buttons()

    def _fit_vitals(self) -> None:
        """The vitals table as tall as its rows (scrolling past eight); the details and
        log take the rest."""
        view = self.vitals_view
        rows = self.vitals_model.rowCount()
        row = view.verticalHeader().defaultSectionSize()
        frame = (view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + 4
                 + self.vitals_title.sizeHint().height())
        if rows > 8:
            frame += view.horizontalScrollBar().sizeHint().height()
        self.vitals_box.setMinimumHeight(frame + row * min(max(rows, 2), 8))
        self.vitals_box.setMaximumHeight(frame + row * max(rows, 2))

    def _load_charts(self, record: SessionRecord) -> None:
        charts = self.charts
        charts.load(record, self.end_time())
        for line in charts.now_lines:  # a finished session has no "now"
            line.setVisible(record.session.phase is not Phase.DISCHARGED)

    def end_time(self) -> datetime:
        """Discharge for a finished session (its charts end there), otherwise now."""
        r = self.record
        if r is None:
            return self.service.clock.now()
        return r.session.discharged_at or r.timeline.discharged_at or self.service.clock.now()

    def _show_text(self, keep_place: bool = True) -> None:
        r, c = self.record, self.colors
        if r is None:
            return
        today = local(self.service.clock.now(), self.tz).date()
        report = session_report(r, self.end_time(), Times(self.tz))
        self.header.setText(review_text.header_html(r, report, c, today, self.tz))
        signoff = review_text.signoff_html(r, report, c)
        if self.signing is not None:  # issue 10: the manifestation, or "altered after signing"
            signoff = status_html(self.signing.status(r), c, self.tz) + signoff
        self.signoff.setText(signoff)
        self.addenda.setText(review_text.addenda_html(report, c))
        self.addenda_frame.setVisible(bool(r.addenda))
        scroll = self.details.verticalScrollBar().value() if keep_place else 0
        self.details.document().setDefaultStyleSheet(style(c, header_fill=c.window,
                                                           points=9))
        self.details.setHtml(review_text.details_html(report, c))
        self.details.verticalScrollBar().setValue(scroll)

    def _update_buttons(self) -> None:
        s = self.record.session if self.record else None
        signable = bool(s and s.phase is Phase.DISCHARGED and not s.signed)
        self.sign_button.setEnabled(signable)
        self.sign_button.setToolTip(
            "Sign this completed session (it is locked afterwards)" if signable else
            "Already signed" if s and s.signed else
            "Only a completed (discharged) session can be signed")
        self.addendum_button.setEnabled(bool(s and s.signed))
        self.addendum_button.setToolTip(
            "Add a correction or late entry to the signed record" if s and s.signed else
            "Addenda are for signed sessions")
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(s is not None)
        open_ = bool(s and not s.signed)  # until signed: notes and marks; then addenda
        self.note_button.setEnabled(open_)
        self.note_button.setToolTip("A note for the record (until it is signed)" if open_
                                    else "Signed: add an addendum instead")
        self.mark_button.setEnabled(open_ and self._selected is not None)
        self.mark_button.setToolTip(
            "Mark the entry selected in the vitals table or the log" if open_ else
            "Signed: a correction is an addendum naming the item")

    def apply_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.charts.apply_colors(colors)
        for model in (self.vitals_model, self.log_model):
            model.colors = colors
        self.addenda_frame.setStyleSheet(
            f"QFrame#addenda {{ border: 2px solid {colors.accent}; border-radius: 6px; }}")
        self._show_text()

    # --- actions -----------------------------------------------------------------------

    def sign(self) -> None:
        if self.record is None:
            return
        s = self.record.session
        what = (f"<b>{escape(self.record.patient.name)}</b>, session of "
                f"{local(s.created_at, self.tz):%Y-%m-%d %H:%M}, chair {escape(s.chair)}.")
        signer = self._signer()
        if signer is None:
            return
        assert self.signing is not None  # _signer said so
        signature = SignatureDialog(self.signing, signer, s.id, what, s.version, self)
        if signature.exec() == SignatureDialog.DialogCode.Accepted and signature.signature:
            # signed outside SessionService: folded into every copy held (the course
            # table, this view) as the service's own changes are
            self.clinic.apply(Change(s.id, session=self.service.get_session(s.id)))
            self.status.info(f"Signed by {signature.signature.name_line}.")

    def add_addendum(self) -> None:
        if self.record is None:
            return
        signer = self._signer()
        if signer is None:
            return
        assert self.signing is not None  # _signer said so
        dialog = AddendumDialog(self.signing, signer, self.record.session.id, self,
                                correctable(self.record, self.tz))
        if dialog.exec() == AddendumDialog.DialogCode.Accepted and dialog.addendum:
            self.status.info(f"Addendum signed by {dialog.addendum.author}.")

    def _signer(self):
        """The signed-in user, who signs with their password (issue 10); no one signs
        without accounts (the typed signer is gone)."""
        if self.signing is None or self.current_user is None \
                or self.current_user.actor is None:
            self.status.error("Sign in as a psychiatrist to sign or add an addendum.")
            return None
        return self.current_user.actor

    # --- notes and corrections until sign-off ------------------------------------------

    def _selected_in(self, view: QTableView) -> None:
        rows = view.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        if view is self.vitals_view:
            v = self.vitals_model.vitals_at(row)
            marked = v is not None and self.record is not None \
                and self.record.marks.mark_of(v) is not None
            self._selected = None if marked else v
        else:
            self._selected = self.log_model.markable(row)
        self._update_buttons()

    def _entry_menu(self, view: QTableView, pos) -> None:
        self._selected_in(view)
        menu = QMenu(view)
        action = menu.addAction("Mark entered in error / artifact…", self.mark_selected)
        action.setEnabled(self.mark_button.isEnabled())
        menu.exec(view.viewport().mapToGlobal(pos))

    def mark_selected(self) -> None:
        if self.record is None or self._selected is None:
            self.status.error("Select an entry in the vitals table or the log to mark it.")
            return
        entry, s = self._selected, self.record.session
        description = entry_for(entry, None, self.tz)
        dialog = MarkDialog(self.service, s.id, entry,
                            f"{local(description.at, self.tz):%H:%M} {description.detail}",
                            s.version, parent=self)
        accepted = dialog.exec() == MarkDialog.DialogCode.Accepted
        if dialog.lost is not None:
            self.show_record(self.clinic.refresh(dialog.lost.session_id))
            self.status.error(str(dialog.lost))
        elif accepted and dialog.correction is not None:
            self.status.info(f"Marked {dialog.correction.status.label.lower()}: "
                             f"{dialog.correction.reason}.")

    def add_note(self) -> None:
        if self.record is None:
            return
        sid = self.record.session.id
        dialog = TextDialog("Note", "Note for the record (kept with the session; after "
                            "sign-off, write an addendum):", self, multiline=True,
                            save=lambda t: self.service.add_note(sid, t))
        if dialog.exec() == TextDialog.DialogCode.Accepted:
            self.status.info("Note added.")

    def _entry_stored(self, session_id: int, _change: Change) -> None:
        """Signed or amended (here or on the chair view): shown again as it now is."""
        if self.record is not None and session_id == self.record.session.id:
            self.show_record(self.record)

    def _export(self, signal) -> None:
        if self.record is not None:
            signal.emit(self.record.session.id)


def _rich_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _table(model, name: str, stretch_last: bool = False) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch_last)
    return view
