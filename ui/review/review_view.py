"""The psychiatrist's review: patients on the left; on the right a patient's course
(charts above the session table) or one session in full.

Opening a patient reads the whole course once (``service.course``: a few queries) and
summarises each session once; opening a session from the course reuses the record
already read.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from export.colours import Colors
from monitor.changes import Change
from monitor.course import SessionSummary, summarize
from monitor.records import Patient
from monitor.report.course import course_report
from monitor.report.format import Times
from monitor.service import SessionService
from monitor.session_record import SessionRecord
from ui.app.clinic_state import ClinicState
from ui.common.table_view import read_only_table
from ui.common.timefmt import local
from ui.review import course_text
from ui.review.course_charts import CourseCharts
from ui.review.course_model import KEYS, SESSION_ID_ROLE, CourseSortProxy, CourseTableModel
from ui.review.patient_list import PatientList
from ui.review.session_review import SessionReview


class ReviewView(QWidget):
    """Signals:
        export_pdf_requested(str, int): ("session", session id) or ("course", patient id).
        export_csv_requested(int): a CSV of this session (session id).
    """

    export_pdf_requested = Signal(str, int)
    export_csv_requested = Signal(int)

    def __init__(self, service: SessionService, colors: Colors, tz: tzinfo | None = None,
                 parent: QWidget | None = None, clinic: ClinicState | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.clinic = clinic or ClinicState(service)
        self.colors = colors
        self.tz = tz
        self.patient: Patient | None = None
        self.records: dict[int, SessionRecord] = {}  # this patient's course, by session id
        self.summaries: list[SessionSummary] = []
        self.patients = PatientList(service.review, tz)
        self.course_header = QLabel()
        self.course_header.setObjectName("courseHeader")
        self.course_header.setTextFormat(Qt.TextFormat.RichText)
        self.course_header.setWordWrap(True)
        self.course_header.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.course_pdf_button = QPushButton("Export course PDF…")
        self.course_pdf_button.setObjectName("exportCoursePdf")
        self.charts = CourseCharts(colors, service.alarms.limits)
        self.course_model = CourseTableModel(colors, tz, self)
        self.course_proxy = CourseSortProxy(self)
        self.course_proxy.setSourceModel(self.course_model)
        self.course_table = self._make_course_table()
        self.course_page = self._make_course_page()
        self.session_review = SessionReview(service, self.clinic, colors, tz)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.course_page)
        self.pages.addWidget(self.session_review)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.patients)
        self.split.addWidget(self.pages)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([460, 980])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)
        self._connect()
        self._show_header()

    def _make_course_table(self) -> QTableView:
        table = read_only_table(self.course_proxy, "courseTable")
        table.setToolTip("Double-click or press Enter to open a session")
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEYS.index("rescue"), QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        return table

    def _make_course_page(self) -> QWidget:
        page = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.course_header, 1)
        top.addWidget(self.course_pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        self.course_split = split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.charts)
        split.addWidget(self.course_table)
        self.hint = QLabel("Double-click a session (or select it and press Enter) to "
                           "review it in full.")
        self.hint.setObjectName("bandLabel")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.hint)
        return page

    def _connect(self) -> None:
        self.patients.patient_chosen.connect(self._patient_chosen)
        self.course_table.activated.connect(self._row_activated)
        self.course_pdf_button.clicked.connect(self._export_course)
        self.session_review.back_requested.connect(self.show_course)
        self.clinic.entry_stored.connect(self._session_changed)
        self.session_review.export_pdf_requested.connect(
            lambda sid: self.export_pdf_requested.emit("session", sid))
        self.session_review.export_csv_requested.connect(self.export_csv_requested)

    # --- showing -----------------------------------------------------------------------

    def showEvent(self, event) -> None:
        """The patient list is read again each time the review comes on screen."""
        super().showEvent(event)
        self.patients.refresh()

    def refresh(self) -> None:
        """Re-reads the patient list and the course on screen (after work elsewhere)."""
        self.patients.refresh()
        if self.patient is not None:
            on_session = self.pages.currentWidget() is self.session_review
            sid = self.session_review.session_id
            self.show_patient(self.patient.id)
            if on_session and sid in self.records:
                self.show_session(sid)

    def show_patient(self, patient_id: int) -> None:
        """The patient's course page: one read of the course, one summary per session."""
        records = self.service.course(patient_id)
        self.clinic.hold("review", records)
        self.patient = (records[0].patient if records
                        else self.service.get_patient(patient_id))
        now = self.service.clock.now()
        self.records = {r.session.id: r for r in records}
        self.summaries = [summarize(r, now) for r in records]
        self._show_course()
        self.patients.select(patient_id)
        self.patients.show()
        self.pages.setCurrentWidget(self.course_page)  # focus stays in the patient list

    def _show_course(self) -> None:
        self.course_model.set_rows(
            self.summaries, {sid: r.session.limits for sid, r in self.records.items()},
            {sid: len(r.addenda) for sid, r in self.records.items()})
        self.course_table.setColumnHidden(KEYS.index("madrs"),
                                          all(s.madrs is None for s in self.summaries))
        self.course_table.resizeColumnsToContents()
        rescue = KEYS.index("rescue")
        self.course_table.setColumnWidth(rescue, min(self.course_table.columnWidth(rescue),
                                                     220))
        self.charts.set_course(self.summaries,
                               [r.session.limits for r in self.records.values()])
        self._show_header()
        self._fit_table()

    def _fit_table(self) -> None:
        """The table tall enough for every session (up to ten), the charts above."""
        table = self.course_table
        rows = min(max(self.course_model.rowCount(), 3), 10)
        wanted = (table.horizontalHeader().sizeHint().height()
                  + rows * table.verticalHeader().defaultSectionSize()
                  + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth()
                  + 2)
        table.setMinimumHeight(wanted)
        total = max(sum(self.course_split.sizes()), 2 * wanted)
        self.course_split.setSizes([total - wanted, wanted])

    def show_course(self) -> None:
        """Back from a session: the course page, with the patient list beside it."""
        self.patients.show()
        self.pages.setCurrentWidget(self.course_page)
        sid = self.session_review.session_id
        row = self.course_model.row_of(sid) if sid is not None else None
        if row is not None:
            index = self.course_proxy.mapFromSource(self.course_model.index(row, 0))
            self.course_table.setCurrentIndex(index)
        self.course_table.setFocus()

    def show_session(self, session_id: int) -> None:
        """One session in full; its patient's course is loaded first when needed."""
        if session_id not in self.records:
            session = self.service.get_session(session_id)
            self.show_patient(session.patient_id)
        self.session_review.show_record(self.records[session_id])
        self.pages.setCurrentWidget(self.session_review)
        self.patients.hide()  # a session needs the width; "◀ Course" brings the list back
        self.session_review.back_button.setFocus()

    def _show_header(self) -> None:
        now = self.service.clock.now()
        report = None
        if self.patient is not None:
            report = course_report(self.patient, list(self.records.values()), now,
                                   Times(self.tz), self.summaries)
        self.course_header.setText(course_text.course_header_html(
            self.patient, report, self.colors, local(now, self.tz).date()))
        self.course_pdf_button.setEnabled(bool(self.summaries))

    def apply_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.course_model.set_colors(colors)
        self.charts.apply_colors(colors)
        self.session_review.apply_colors(colors)
        self._show_header()

    # --- reacting ------------------------------------------------------------------------

    def _patient_chosen(self, patient_id: int) -> None:
        same = self.patient is not None and self.patient.id == patient_id
        if same and self.pages.currentWidget() is self.course_page:
            return
        if same:
            self.show_course()
        else:
            self.show_patient(patient_id)

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_session(index.data(SESSION_ID_ROLE))

    def _session_changed(self, session_id: int, _change: Change) -> None:
        """An entry stored into a session of this course (its record already holds it):
        that session is summarised again."""
        if session_id not in self.records:
            return
        i = list(self.records).index(session_id)
        self.summaries[i] = summarize(self.records[session_id], self.service.clock.now())
        self._show_course()

    def _export_course(self) -> None:
        if self.patient is not None:
            self.export_pdf_requested.emit("course", self.patient.id)

    def current_session_id(self) -> int | None:
        """The session on screen, if the session page is showing."""
        if self.pages.currentWidget() is self.session_review and self.session_review.record:
            return self.session_review.record.session.id
        return None

    def current_export(self) -> tuple[str, int | None]:
        """What File → Export PDF… means here: the session on screen, else the course."""
        sid = self.current_session_id()
        if sid is not None:
            return "session", sid
        return "course", self.patient.id if self.patient else None
