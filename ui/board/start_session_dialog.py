"""Start a session: protocol, weight, dose and pump arithmetic."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from monitor.errors import ChairsideError, InvalidEntry
from monitor.protocol import (
    DEFAULT_PROTOCOL,
    DOSE_RANGE,
    PLANNED_MINUTES_RANGE,
    Protocol,
    plan_dose,
)
from monitor.pump import plan_pump
from monitor.records import InfusionSession, Patient
from monitor.service import SessionService
from ui.common.form_dialog import FormDialog


class StartSessionDialog(FormDialog):
    """Opens a session: protocol, weight, dose, planned time, bag, chair; shows the dose
    and pump rate with their arithmetic."""

    def __init__(self, service: SessionService, patient: Patient, chairs: list[str],
                 parent: QWidget | None = None, protocols: list[Protocol] | None = None,
                 chair: str = "") -> None:
        super().__init__("New session", parent)
        self.service = service
        self.patient = patient
        self.session: InfusionSession | None = None
        self.protocols = protocols or [DEFAULT_PROTOCOL]
        self.form.addRow("Patient", QLabel(f"{patient.name} · MRN {patient.mrn}"))
        self.protocol = QComboBox()
        self.protocol.addItems([p.name for p in self.protocols])
        self.weight = _number_field("kg")
        self.mg_per_kg = QDoubleSpinBox()
        self.mg_per_kg.setRange(DOSE_RANGE.low, DOSE_RANGE.high)
        self.mg_per_kg.setSingleStep(0.05)
        self.mg_per_kg.setDecimals(2)
        self.mg_per_kg.setSuffix(" mg/kg")
        self.minutes = QSpinBox()
        self.minutes.setRange(int(PLANNED_MINUTES_RANGE.low), int(PLANNED_MINUTES_RANGE.high))
        self.minutes.setSuffix(" min")
        self.concentration = _number_field("mg/mL, as on the bag label")
        self.bag_volume = _number_field("mL")
        self.chair = QComboBox()
        self.chair.setEditable(True)
        self.chair.addItems(chairs)
        if chair:
            self.chair.setCurrentText(chair)
        self.dose = QLabel()
        self.dose.setObjectName("doseArithmetic")
        self.dose.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label, key, widget in (("Protocol", "protocol", self.protocol),
                                   ("Weight (kg)", "weight_kg", self.weight),
                                   ("Dose", "mg_per_kg", self.mg_per_kg),
                                   ("Planned infusion", "planned_minutes", self.minutes),
                                   ("Bag concentration", "concentration_mg_ml",
                                    self.concentration),
                                   ("Bag volume", "bag_volume_ml", self.bag_volume),
                                   ("Chair", "chair", self.chair)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self.form.addRow("Dose and pump", self.dose)
        self.protocol.currentIndexChanged.connect(self._protocol_chosen)
        for signal in (self.weight.textChanged, self.mg_per_kg.valueChanged,
                       self.minutes.valueChanged, self.concentration.textChanged,
                       self.bag_volume.textChanged):
            signal.connect(self._show_dose)
        self._protocol_chosen(0)

    @property
    def chosen_protocol(self) -> Protocol:
        return self.protocols[max(self.protocol.currentIndex(), 0)]

    def _protocol_chosen(self, _index: int) -> None:
        p = self.chosen_protocol
        self.mg_per_kg.setValue(p.mg_per_kg)
        self.minutes.setValue(p.planned_minutes)
        self.form.labelForField(self.protocol).setToolTip(p.drug)
        self._show_dose()

    def _show_dose(self) -> None:
        weight = _value(self.weight)
        if weight is None:
            self.dose.setText("Enter the weight to compute the dose.")
            return
        try:
            plan = plan_dose(self.chosen_protocol.drug, weight, self.mg_per_kg.value(),
                             self.minutes.value())
            lines = [plan.arithmetic()]
            conc, volume = _value(self.concentration), _value(self.bag_volume)
            if conc is None or volume is None:
                lines.append("Enter the bag's concentration and volume for the pump rate.")
            else:
                lines = plan_pump(plan, conc, volume).arithmetic()
        except InvalidEntry as error:
            self.dose.setText(str(error))
            return
        self.dose.setText("\n".join(lines))

    def accept(self) -> None:
        weight = _value(self.weight)
        try:
            if weight is None:
                raise InvalidEntry("Enter the patient's weight in kg (30–250).", "weight_kg")
            conc, volume = _value(self.concentration), _value(self.bag_volume)
            if conc is None:
                raise InvalidEntry("Enter the bag's concentration in mg/mL.",
                                   "concentration_mg_ml")
            if volume is None:
                raise InvalidEntry("Enter the bag's volume in mL.", "bag_volume_ml")
            self.session = self.service.open_session(
                self.patient.id, self.chair.currentText(), weight,
                round(self.mg_per_kg.value(), 2), self.minutes.value(),
                protocol=self.chosen_protocol, concentration_mg_ml=conc, bag_volume_ml=volume)
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()


def _number_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setValidator(QDoubleValidator(0, 9999, 2))
    return field


def _value(field: QLineEdit) -> float | None:
    try:
        return float(field.text().replace(",", "."))
    except ValueError:
        return None
