"""Start a session: protocol, weight, dose and pump arithmetic."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from monitor.board import chair_name, first_free_chair
from monitor.errors import ChairsideError, InvalidEntry
from monitor.number_entry import NumberRule, read_optional
from monitor.protocol import (
    DEFAULT_PROTOCOL,
    Protocol,
    plan_dose,
)
from monitor.pump import plan_pump
from monitor.records import InfusionSession, Patient
from monitor.service import SessionService
from ui.common.form_dialog import FormDialog


class StartSessionDialog(FormDialog):
    """Opens a session: protocol, weight, dose, planned time, bag, chair; shows the dose
    and pump rate with their arithmetic.

    Every number is a plain field that keeps exactly what was typed: a value outside
    its range (or finer than its resolution) is refused on OK with the range named, never
    clamped, rounded or replaced by the previous value."""

    def __init__(self, service: SessionService, patient: Patient, chairs: list[str],
                 parent: QWidget | None = None, protocols: list[Protocol] | None = None,
                 chair: str = "", in_use: dict[str, str] | None = None) -> None:
        super().__init__("New session", parent)
        self.service = service
        self.patient = patient
        self.session: InfusionSession | None = None
        self.protocols = protocols or [DEFAULT_PROTOCOL]
        self.form.addRow("Patient", QLabel(f"{patient.name} · MRN {patient.mrn}"))
        self.protocol = QComboBox()
        self.protocol.addItems([p.name for p in self.protocols])
        safety = service.safety
        self.rules = {"weight_kg": safety.weight_rule(),
                      "mg_per_kg": safety.mg_per_kg_rule(),
                      "planned_minutes": safety.planned_minutes_rule(),
                      "concentration_mg_ml": safety.concentration_rule(),
                      "bag_volume_ml": safety.bag_volume_rule()}
        self.weight = _number_field("kg", self.rules["weight_kg"])
        self.mg_per_kg = _number_field("mg/kg", self.rules["mg_per_kg"])
        self.minutes = _number_field("min", self.rules["planned_minutes"])
        self.concentration = _number_field("mg/mL, as on the bag label",
                                           self.rules["concentration_mg_ml"])
        self.bag_volume = _number_field("mL", self.rules["bag_volume_ml"])
        self.chair = QComboBox()
        self.chair.setEditable(True)
        self.chair.addItems(chairs)
        self.in_use = in_use or {}
        # the chair the nurse picked on the board, else the first free one
        self.chair.setCurrentText(chair or first_free_chair(chairs, self.in_use)
                                  or self.chair.currentText())
        self.chair_note = QLabel()
        self.chair_note.setObjectName("chairInUse")
        self.chair_note.setWordWrap(True)
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
        self.form.addRow("", self.chair_note)
        self.form.addRow("Dose and pump", self.dose)
        self.chair.currentTextChanged.connect(self._show_chair)
        self._show_chair(self.chair.currentText())
        self.protocol.currentIndexChanged.connect(self._protocol_chosen)
        for signal in (self.weight.textChanged, self.mg_per_kg.textChanged,
                       self.minutes.textChanged, self.concentration.textChanged,
                       self.bag_volume.textChanged):
            signal.connect(self._show_dose)
        self._protocol_chosen(0)

    def _show_chair(self, chair: str) -> None:
        """A chair already in use is said, not refused: the board then shows both."""
        who = self.in_use.get(chair_name(chair))
        self.chair_note.setText(
            f"Chair {chair_name(chair)} has an open session ({who}). Choose a free chair, "
            "or go on and the board shows both." if who else "")
        self.form.setRowVisible(self.chair_note, bool(who))

    @property
    def chosen_protocol(self) -> Protocol:
        return self.protocols[max(self.protocol.currentIndex(), 0)]

    def _protocol_chosen(self, _index: int) -> None:
        p = self.chosen_protocol
        self.mg_per_kg.setText(f"{p.mg_per_kg:g}")
        self.minutes.setText(str(p.planned_minutes))
        self.form.labelForField(self.protocol).setToolTip(p.drug)
        self._show_dose()

    def _show_dose(self) -> None:
        try:
            weight = read_optional(self.rules["weight_kg"], self.weight.text())
            if weight is None:
                self.dose.setText("Enter the weight to compute the dose.")
                return
            plan = plan_dose(self.chosen_protocol.drug, float(weight), *self._dose_typed())
            lines = [plan.arithmetic()]
            conc = read_optional(self.rules["concentration_mg_ml"], self.concentration.text())
            volume = read_optional(self.rules["bag_volume_ml"], self.bag_volume.text())
            if conc is None or volume is None:
                lines.append("Enter the bag's concentration and volume for the pump rate.")
            else:
                lines = plan_pump(plan, float(conc), float(volume),
                                  self.service.safety.pump_resolution_ml_h).arithmetic()
        except InvalidEntry as error:
            self.dose.setText(str(error))
            return
        self.dose.setText("\n".join(lines))

    def _dose_typed(self) -> tuple[float, int]:
        """mg/kg and minutes exactly as typed, refused naming their range."""
        mg_per_kg = self.rules["mg_per_kg"].read(self.mg_per_kg.text())
        minutes = self.rules["planned_minutes"].read(self.minutes.text())
        return float(mg_per_kg), int(minutes)

    def accept(self) -> None:
        try:
            weight = self.rules["weight_kg"].read(self.weight.text())
            mg_per_kg, minutes = self._dose_typed()
            conc = self.rules["concentration_mg_ml"].read(self.concentration.text())
            volume = self.rules["bag_volume_ml"].read(self.bag_volume.text())
            self.session = self.service.open_session(
                self.patient.id, self.chair.currentText(), float(weight), mg_per_kg,
                minutes, protocol=self.chosen_protocol, concentration_mg_ml=float(conc),
                bag_volume_ml=float(volume))
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()


def _number_field(placeholder: str, rule: NumberRule) -> QLineEdit:
    """A field that shows every key typed; the rule is named in its tooltip."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setToolTip(f"Allowed {rule.allowed}, in steps of {Decimal(rule.step).normalize():f}")
    return field
