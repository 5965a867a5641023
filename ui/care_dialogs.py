"""Dialogs for care during a session: scales, medications given, alarm acknowledgement,
pump rate changes and discharge.

Each dialog calls one ``SessionService`` method on OK. A refusal (``ChairsideError``) is
shown inside the dialog, which stays open with what was typed; on success the stored
object is kept on the dialog (``assessment``, ``medication``, ``alarm``,
``session_event``) and the dialog is accepted.

The result of a rate change or a discharge is ``session_event``, not ``event``: an
instance attribute named ``event`` would hide ``QObject.event`` from Qt and crash.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from monitor.alarms import ACTIONS, Alarm
from monitor.errors import ChairsideError
from monitor.medications import ROUTES, UNITS, FormularyItem
from monitor.service import SessionRecord, SessionService
from monitor.timeline import Phase
from monitor.vitals import Tier
from ui.assessment_dialog import AssessmentDialog
from ui.care_widgets import (
    PROMINENT,
    TICK_MS,
    TimeField,
    figure,
    number_field,
    number_in,
    set_width,
    tenth,
)
from ui.dialogs import _FormDialog
from ui.discharge_dialog import DischargeDialog
from ui.timefmt import hhmm
from ui.widgets import InlineMessage

__all__ = ["AcknowledgeDialog", "AssessmentDialog", "DischargeDialog", "MedicationDialog",
           "RateDialog"]


def _choice(items: tuple[str, ...], placeholder: str) -> QComboBox:
    """A fixed list with nothing chosen until the user picks."""
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setPlaceholderText(placeholder)
    combo.setCurrentIndex(-1)
    return combo


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    row.setFocusProxy(widgets[0])
    return row


class MedicationDialog(_FormDialog):
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
        self.medication = None
        self.listed = {item.drug.casefold(): item for item in formulary}
        self.drug = QComboBox()
        self.drug.setEditable(True)
        self.drug.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.drug.addItems([item.drug for item in formulary])
        self.drug.setCurrentIndex(-1)
        self.drug.lineEdit().setPlaceholderText("Choose from the list or type the drug")
        self.drug.setMinimumWidth(280)
        self.dose = number_field("as given", width=100)
        self.unit = _choice(UNITS, "unit")
        self.route = _choice(ROUTES, "route")
        self.when = TimeField(lambda: service.clock.now().astimezone())
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional")
        for label, key, widget in (("&Drug", "drug", self.drug),
                                   ("D&ose", "dose", _row(self.dose, self.unit)),
                                   ("&Route", "route", _row(self.route)),
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


class AcknowledgeDialog(_FormDialog):
    """Acknowledges an alarm: who, the action taken (chosen, never preselected), a note.

    Attributes:
        alarm: the acknowledged ``Alarm`` after OK, else None.
    """

    def __init__(self, service: SessionService, alarm: Alarm, default_by: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__("Acknowledge alarm", parent)
        self.service = service
        self.raised = alarm
        self.alarm = None
        self.tier = InlineMessage()  # coloured by tier through the theme's message levels
        self.tier.setStyleSheet(PROMINENT)
        text = f"{alarm.tier.value.capitalize()} alarm, raised at {hhmm(alarm.raised_at)}"
        if alarm.tier is Tier.CRITICAL:
            self.tier.error(text)
        else:
            self.tier.warning(text)
        self.messages = QLabel("\n".join(f"• {m}" for m in alarm.messages))
        self.messages.setWordWrap(True)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.by = QLineEdit(default_by)
        self.by.setPlaceholderText("Your name")
        self.action = _choice(ACTIONS, "Choose the action taken")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional; say what was done for “Other”")
        self.form.addRow(self.tier)
        self.form.addRow("What was found", self.messages)
        for label, key, widget in (("Acknowledged &by", "by", self.by),
                                   ("&Action taken", "action", self.action),
                                   ("&Note", "note", self.note)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Acknowledge")
        (self.action if default_by else self.by).setFocus()
        set_width(self, 500)

    def accept(self) -> None:
        try:
            self.alarm = self.service.acknowledge_alarm(
                self.raised.id, self.by.text(), self.action.currentText(), self.note.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()


class RateDialog(_FormDialog):
    """A new pump rate from now, with what it means: the minutes the remaining volume
    takes at that rate, and the arithmetic behind it.

    Attributes:
        session_event: the rate-change ``SessionEvent`` after OK, else None.
    """

    def __init__(self, service: SessionService, record: SessionRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__("Change pump rate", parent)
        self.service = service
        self.record = record
        self.session_event = None
        current = record.current_rate()
        self.current = QLabel("— (no bag recorded)" if current is None
                              else f"{figure(current)} mL/h")
        self.rate = number_field("mL/h")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Optional")
        self.implied = QLabel()
        self.implied.setObjectName("rateArithmetic")
        self.implied.setWordWrap(True)
        self.implied.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow("Current rate", self.current)
        self.form.addRow("&New rate", _row(self.rate, QLabel("mL/h")))
        self.form.addRow("&Reason", self.reason)
        self.form.addRow("What it means", self.implied)
        self.fields.update({"rate_ml_h": self.rate, "text": self.reason})
        self.rate.textChanged.connect(self.show_implied)
        self.timer = QTimer(self)  # the volume delivered grows while the dialog is open
        self.timer.timeout.connect(self.show_implied)
        self.timer.start(TICK_MS)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Change rate")
        self.show_implied()
        set_width(self, 560)

    def show_implied(self) -> None:
        self.implied.setText("\n".join(self.implied_lines()))

    def implied_lines(self) -> list[str]:
        """Volume left to infuse and how long it takes at the rate typed, with the sums."""
        s = self.record.session
        if s.concentration_mg_ml is None:
            return ["This session has no bag recorded, so there is no volume to work from."]
        now = self.service.clock.now()
        conc = s.concentration_mg_ml
        planned_ml = tenth(s.total_mg / conc)
        delivered_mg = tenth(self.record.delivered_mg(now) or 0)
        delivered_ml = tenth(delivered_mg / Decimal(str(conc)))
        left = planned_ml - delivered_ml
        lines = [f"Planned volume: {figure(planned_ml)} mL",
                 f"Delivered so far: {figure(delivered_mg)} mg ÷ {figure(conc)} mg/mL = "
                 f"{figure(delivered_ml)} mL",
                 f"Left to infuse: {figure(planned_ml)} mL − {figure(delivered_ml)} mL = "
                 f"{figure(left)} mL"]
        rate = number_in(self.rate)
        if left <= 0:
            lines.append("The planned volume has been delivered.")
        elif rate is None or rate <= 0:
            lines.append("Type the new rate to see how long that takes.")
        else:
            minutes = (left * 60 / Decimal(str(rate))).quantize(Decimal(1), ROUND_HALF_UP)
            text = (f"At {figure(rate)} mL/h: {figure(left)} mL ÷ {figure(rate)} mL/h × 60 = "
                    f"{minutes} min")
            if s.phase is Phase.INFUSING:
                text += f", ending about {hhmm(now + timedelta(minutes=int(minutes)))}"
            lines.append(text)
        return lines

    def accept(self) -> None:
        try:
            self.session_event = self.service.change_rate(
                self.record.session.id, number_in(self.rate) or 0, self.reason.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
