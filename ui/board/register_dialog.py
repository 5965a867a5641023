"""Register a patient."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from monitor.errors import ChairsideError
from monitor.patient_identity import duplicate_warning, name_key, same_mrn, same_person_details
from monitor.records import NewPatient, Patient
from monitor.service import SessionService
from ui.common.date_field import DateField
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
        self.dob = DateField()  # typed as people type it; empty is refused, never 1980
        self.allergies = QLineEdit()
        self.allergies.setPlaceholderText("e.g. penicillin (empty: not recorded)")
        self.nkda = QCheckBox("None &known (NKDA)")  # asked, and none: not "not recorded"
        allergy_row = QWidget()
        row = QHBoxLayout(allergy_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.allergies, 1)
        row.addWidget(self.nkda)
        allergy_row.setFocusProxy(self.allergies)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        for label, key, widget in (("MRN", "mrn", self.mrn), ("Full name", "name", self.name),
                                   ("Date of birth", "date_of_birth", self.dob),
                                   ("Allergies", "allergies", allergy_row),
                                   ("Notes", "notes", self.notes)):
            self.form.addRow(label, widget)
            self.fields[key] = widget

    def accept(self) -> None:
        try:
            new = NewPatient(self.mrn.text(), self.name.text(), self.dob.date(),
                             self.allergies.text(),
                             self.notes.toPlainText(), self.nkda.isChecked())
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
