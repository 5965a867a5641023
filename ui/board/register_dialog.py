"""Register a patient."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from monitor.errors import ChairsideError
from monitor.patient_identity import duplicate_warning, name_key, same_mrn, same_person_details
from monitor.records import NewPatient, Patient
from monitor.service import SessionService
from ui.common.form_dialog import FormDialog


class RegisterPatientDialog(FormDialog):
    """Registers a patient through the service; stays open with a message if refused."""

    def __init__(self, service: SessionService, parent: QWidget | None = None) -> None:
        super().__init__("Register patient", parent)
        self.service = service
        self.patient: Patient | None = None
        self._warned_for: tuple[str, date] | None = None  # the details a warning was for
        self.mrn = QLineEdit()
        self.name = QLineEdit()
        self.dob = QDateEdit()
        self.dob.setDisplayFormat("yyyy-MM-dd")
        self.dob.setCalendarPopup(True)
        self.dob.setDate(QDate(1980, 1, 1))
        self.allergies = QLineEdit()
        self.allergies.setPlaceholderText("e.g. penicillin; leave empty if none known")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        for label, key, widget in (("MRN", "mrn", self.mrn), ("Full name", "name", self.name),
                                   ("Date of birth", "date_of_birth", self.dob),
                                   ("Allergies", "allergies", self.allergies),
                                   ("Notes", "notes", self.notes)):
            self.form.addRow(label, widget)
            self.fields[key] = widget

    def accept(self) -> None:
        born = self.dob.date().toPython()
        assert isinstance(born, date)  # PySide6's stub says object
        new = NewPatient(self.mrn.text(), self.name.text(), born,
                         self.allergies.text(), self.notes.toPlainText())
        try:
            if self._warn_of_duplicates(new):
                return
            self.patient = self.service.register_patient(new)
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()

    def _warn_of_duplicates(self, new: NewPatient) -> bool:
        """Shows the patients already registered with this name and date of birth, once
        for what is typed: pressing "Register anyway" then registers, knowingly. (The same
        MRN apart from case or spaces is refused by the service, naming the patient.)"""
        details = (name_key(new.name), new.date_of_birth)
        if details == self._warned_for:
            return False
        matches = [p for p in self.service.possible_duplicates(new)
                   if same_person_details(new, p) and not same_mrn(p.mrn, new.mrn)]
        if not matches:
            return False
        self._warned_for = details
        self.message.warning(duplicate_warning(matches))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Register anyway")
        return True
