"""A medication given during a session."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from monitor.errors import ChairsideError
from monitor.medications import ROUTES, UNITS, FormularyItem, MedicationGiven
from monitor.service import SessionService
from ui.common.fields import (
    choice_box,
    field_row,
    number_field,
    number_in,
    set_width,
)
from ui.common.form_dialog import FormDialog
from ui.common.time_field import TimeField


class MedicationDialog(FormDialog):
    """A medication given: drug (from the clinic's list, or typed), dose as given, unit,
    route, time given and a note. Choosing a listed drug fills its unit and route; the
    dose is always typed — Chairside suggests no doses.

    Attributes:
        medication: the stored ``MedicationGiven`` after Save, else None.
    """

    def __init__(self, service: SessionService, session_id: int,
                 formulary: list[FormularyItem], parent: QWidget | None = None) -> None:
        super().__init__("Medication given", parent)
        self.service = service
        self.session_id = session_id
        self.medication: MedicationGiven | None = None
        self.listed = {item.drug.casefold(): item for item in formulary}
        self.drug = QComboBox()
        self.drug.setEditable(True)
        self.drug.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.drug.addItems([item.drug for item in formulary])
        self.drug.setCurrentIndex(-1)
        typed = self.drug.lineEdit()
        assert typed is not None, "an editable combo box has its line edit"
        typed.setPlaceholderText("Choose from the list or type the drug")
        self.drug.setMinimumWidth(280)
        self.dose = number_field("as given", width=100)
        self.unit = choice_box(UNITS, "unit")
        self.route = choice_box(ROUTES, "route")
        self.when = TimeField(lambda: service.clock.now().astimezone())
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional")
        for label, key, widget in (("&Drug", "drug", self.drug),
                                   ("D&ose", "dose", field_row(self.dose, self.unit)),
                                   ("&Route", "route", field_row(self.route)),
                                   ("&Given at", "taken_at", self.when),
                                   ("&Note", "note", self.note)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self.fields.update({"dose": self.dose, "unit": self.unit, "route": self.route})
        self.drug.currentTextChanged.connect(self._drug_chosen)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Save")
        set_width(self, 460)

    def _drug_chosen(self, text: str) -> None:
        item = self.listed.get(text.strip().casefold())
        if item is not None:
            self.unit.setCurrentText(item.unit)
            self.route.setCurrentText(item.route)

    def accept(self) -> None:
        typed = self.drug.currentText().strip()
        listed = self.listed.get(typed.casefold())
        drug = listed.drug if listed else typed
        try:
            self.medication = self.service.record_medication(
                self.session_id, drug, number_in(self.dose) or 0, self.unit.currentText(),
                self.route.currentText(), at=self.when.chosen_time(), note=self.note.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
