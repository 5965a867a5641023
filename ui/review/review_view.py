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
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from export.colours import Colors
from monitor.accounts.permissions import Action, allowed
from monitor.changes import Change
from monitor.course import SessionSummary, summarize_all
from monitor.errors import ChairsideError
from monitor.records import Patient
from monitor.report.course import ChosenCourse, choose_course, course_report
from monitor.report.format import Times
from monitor.service import SessionService
from monitor.session_record import SessionRecord
from monitor.treatment_course import CourseChoice
from ui.app.clinic_state import ClinicState
from ui.common.table_view import read_only_table
from ui.common.timefmt import local
from ui.review import course_text
from ui.review.course_charts import CourseCharts
from ui.review.course_model import KEYS, SESSION_ID_ROLE, CourseSortProxy, CourseTableModel
from ui.review.patient_list import PatientList
from ui.review.session_review import SessionReview
from ui.review.start_course_dialog import StartCourseDialog


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
        self.records: dict[int, SessionRecord] = {}  # every session of the patient, by id
        self.all_summaries: list[SessionSummary] = []  # of every session, oldest first
        self.choices: list[CourseChoice] = []  # the patient's courses, oldest first
        self.chosen = ChosenCourse(None, [], [])  # the course on screen
        self.summaries: list[SessionSummary] = []  # of the course on screen
        self.patients = PatientList(service.review, tz)
        self.course_header = QLabel()
        self.course_header.setObjectName("courseHeader")
        self.course_header.setTextFormat(Qt.TextFormat.RichText)
        self.course_header.setWordWrap(True)
        self.course_header.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.course_pdf_button = QPushButton("Export course PDF…")
        self.course_pdf_button.setObjectName("exportCoursePdf")
        self.course_box = QComboBox()
        self.course_box.setObjectName("courseSelector")
        self.course_box.setToolTip("The course shown: response and remission are measured "
                                   "from its first score")
        self.course_label = QLabel("&Course")
        self.course_label.setBuddy(self.course_box)
        self.start_course_button = QPushButton("S&tart course…")
        self.start_course_button.setObjectName("startCourse")
        self.start_course_button.setToolTip("Start a new treatment course (a psychiatrist's; "
                                            "Alt+T)")
        self.end_course_button = QPushButton("&End course…")
        self.end_course_button.setObjectName("endCourse")
        self.end_course_button.setToolTip("End the course shown, now (a psychiatrist's)")
        self.move_button = QPushButton("&Move to course…")
        self.move_button.setObjectName("moveToCourse")
        self.move_button.setToolTip("Put the selected session in another course, whatever "
                                    "its date (a psychiatrist's)")
        self.course_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for widget in (self.course_box, self.start_course_button, self.end_course_button,
                       self.move_button):
            widget.setEnabled(False)  # until a patient is chosen
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
        bar = QHBoxLayout()
        bar.addWidget(self.course_label)
        bar.addWidget(self.course_box, 1)
        bar.addWidget(self.start_course_button)
        bar.addWidget(self.end_course_button)
        bar.addWidget(self.move_button)
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
        layout.addLayout(bar)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.hint)
        return page

    def _connect(self) -> None:
        self.patients.patient_chosen.connect(self._patient_chosen)
        self.course_table.activated.connect(self._row_activated)
        self.course_pdf_button.clicked.connect(self._export_course)
        self.course_box.activated.connect(self._course_chosen)
        self.start_course_button.clicked.connect(self.start_course)
        self.end_course_button.clicked.connect(self.end_course)
        self.move_button.clicked.connect(self.move_session)
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
        self.all_summaries = summarize_all(records, now)
        shown = self.chosen.choice
        self.choices = self.service.course_choices(patient_id)
        same = next((c for c in self.choices if shown is not None and c.id == shown.id
                     and c.label == shown.label), None)
        self._choose(same)
        self._fill_course_box()
        self.patients.select(patient_id)
        self.patients.show()
        self.pages.setCurrentWidget(self.course_page)  # focus stays in the patient list

    def _choose(self, choice: CourseChoice | None) -> None:
        """Shows ``choice`` (the current course when None) out of the patient's sessions."""
        self.chosen = choose_course(list(self.records.values()), self.all_summaries,
                                    self.choices, choice)
        self.summaries = self.chosen.summaries
        self._show_course()
        self._course_buttons()

    def _fill_course_box(self) -> None:
        self.course_box.blockSignals(True)
        self.course_box.clear()
        for choice in self.choices:
            self.course_box.addItem(self._choice_text(choice))
        if self.chosen.choice is not None:
            self.course_box.setCurrentIndex(self.choices.index(self.chosen.choice))
        self.course_box.blockSignals(False)
        self.course_box.setEnabled(len(self.choices) > 1)
        self._course_buttons()

    def _course_buttons(self) -> None:
        may = self.patient is not None and self._may_start()
        self.start_course_button.setEnabled(may)
        shown = self.chosen.choice.course if self.chosen.choice else None
        self.end_course_button.setEnabled(may and shown is not None and shown.running)
        self.move_button.setEnabled(may and bool(self._targets()) and bool(self.summaries))

    def _targets(self) -> list[CourseChoice]:
        """The stored courses a session of the course shown could be moved to."""
        return [c for c in self.choices if c.course is not None and c != self.chosen.choice]

    def move_session(self) -> bool:
        """Puts the selected session (else the course's latest) in another course."""
        targets = self._targets()
        index = self.course_proxy.mapToSource(self.course_table.currentIndex())
        row = index.row() if index.isValid() else len(self.summaries) - 1
        if self.patient is None or not targets or row < 0:
            return False
        sid = self.course_model.summary(row).session_id
        labels = [self._choice_text(c) for c in targets]
        picked, ok = QInputDialog.getItem(
            self, "Move to course", f"Put session {row + 1} of this course "
            f"({Times(self.tz).date(self.course_model.summary(row).opened_at)}) in:",
            labels, 0, False)
        if not ok or picked not in labels:
            return False
        target = targets[labels.index(picked)].course
        assert target is not None
        try:
            self.service.assign_to_course(sid, target.id)
        except ChairsideError as error:
            QMessageBox.warning(self, "Move to course", str(error))
            return False
        self.show_patient(self.patient.id)
        return True

    def _choice_text(self, choice: CourseChoice) -> str:
        n = len(choice.session_ids)
        text = f"{choice.label} · {n} session{'' if n == 1 else 's'}"
        c = choice.course
        if c is not None:
            text += f" · from {Times(self.tz).date(c.started_at)}"
            text += f" to {Times(self.tz).date(c.ended_at)}" if c.ended_at else " (running)"
        return text

    def _may_start(self) -> bool:
        """Greyed for a user who may not start a course (the service refuses anyway)."""
        user = getattr(self.service, "user", None)
        actor = getattr(user, "actor", None)
        return user is None or (actor is not None and allowed(actor, Action.START_COURSE))

    def _course_chosen(self, index: int) -> None:
        if 0 <= index < len(self.choices):
            self._choose(self.choices[index])

    def start_course(self) -> StartCourseDialog | None:
        """The "Start course…" dialog; on OK the new course is shown."""
        if self.patient is None:
            return None
        dialog = StartCourseDialog(self.service, self.patient.id, self.tz, self)
        dialog.accepted.connect(self._course_started)
        dialog.open()
        return dialog

    def end_course(self) -> bool:
        """Ends the course shown, now, once confirmed; True when it was ended."""
        shown = self.chosen.choice.course if self.chosen.choice else None
        if self.patient is None or shown is None:
            return False
        asked = QMessageBox.question(
            self, "End course", f"End the course \"{shown.name}\" now? Sessions opened "
            "from now on are outside a course until a new one is started.")
        if asked != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.service.end_course(shown.id)
        except ChairsideError as error:
            QMessageBox.warning(self, "End course", str(error))
            return False
        self.show_patient(self.patient.id)
        return True

    def _course_started(self) -> None:
        if self.patient is not None:
            self.chosen = ChosenCourse(None, [], [])  # the new course is the current one
            self.show_patient(self.patient.id)
            self.course_box.setFocus()

    def _show_course(self) -> None:
        in_course = {r.session.id: r for r in self.chosen.records}
        self.course_model.set_rows(
            self.summaries, {sid: r.session.limits for sid, r in in_course.items()},
            {sid: len(r.addenda) for sid, r in in_course.items()})
        self.course_table.setColumnHidden(KEYS.index("madrs"),
                                          all(s.madrs is None for s in self.summaries))
        self.course_table.resizeColumnsToContents()
        rescue = KEYS.index("rescue")
        self.course_table.setColumnWidth(rescue, min(self.course_table.columnWidth(rescue),
                                                     220))
        self.charts.set_course(self.summaries,
                               [r.session.limits for r in self.chosen.records])
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
            report = course_report(self.patient, self.chosen.records, now, Times(self.tz),
                                   self.summaries, self.chosen.choice)
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
        self.all_summaries = summarize_all(list(self.records.values()),
                                           self.service.clock.now())
        self._choose(self.chosen.choice)

    def _export_course(self) -> None:
        if self.patient is not None:
            self.export_pdf_requested.emit("course", self.patient.id)

    def current_session_id(self) -> int | None:
        """The session on screen, if the session page is showing."""
        if self.pages.currentWidget() is self.session_review and self.session_review.record:
            return self.session_review.record.session.id
        return None

    def chosen_course(self, patient_id: int) -> CourseChoice | None:
        """The course on screen, if it is ``patient_id``'s (what a course export means)."""
        if self.patient is None or self.patient.id != patient_id:
            return None
        return self.chosen.choice

    def current_export(self) -> tuple[str, int | None]:
        """What File → Export PDF… means here: the session on screen, else the course."""
        sid = self.current_session_id()
        if sid is not None:
            return "session", sid
        return "course", self.patient.id if self.patient else None
