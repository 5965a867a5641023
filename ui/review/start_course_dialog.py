"""Start a treatment course (a psychiatrist's): its name, kind and first day."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from monitor.errors import ChairsideError
from monitor.service import SessionService
from monitor.treatment_course import KINDS, TreatmentCourse
from ui.common.form_dialog import FormDialog
from ui.common.timefmt import local


class StartCourseDialog(FormDialog):
    """On OK the course is stored (the course still running ends where it starts)."""

    def __init__(self, service: SessionService, patient_id: int, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Start a treatment course", parent)
        self.service = service
        self.patient_id = patient_id
        self.tz = tz
        self.course: TreatmentCourse | None = None
        self.setMinimumWidth(460)
        today = local(service.clock.now(), tz).date()
        self.name = QLineEdit()
        self.name.setObjectName("courseName")
        self.name.setPlaceholderText("For example: Induction, six infusions")
        self.kind = QComboBox()
        self.kind.setObjectName("courseKind")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.start.setObjectName("courseStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setMaximumDate(QDate(today.year, today.month, today.day))
        note = QLabel("Sessions opened from this day on belong to the new course, and the "
                      "course running now ends where this one starts. Response and "
                      "remission are measured from the new course's first score.")
        note.setWordWrap(True)
        for label, key, widget in (("&Name", "name", self.name), ("&Kind", "kind", self.kind),
                                   ("&Starts on", "started_at", self.start)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self.form.addRow(note)
        self.name.setFocus()

    def started_at(self) -> datetime:
        """Today: from now; an earlier day: from that day's start, local time."""
        now = self.service.clock.now()
        day = self.start.date().toPython()
        assert isinstance(day, date)
        if day == local(now, self.tz).date():
            return now
        midnight = datetime.combine(day, time(0))
        start = midnight.replace(tzinfo=self.tz) if self.tz else midnight.astimezone()
        return start.astimezone(now.tzinfo)

    def accept(self) -> None:
        try:
            self.course = self.service.start_course(
                self.patient_id, self.name.text(), self.kind.currentData(), self.started_at())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
