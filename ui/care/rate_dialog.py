"""A new pump rate from now, with the minutes the remaining volume takes at that rate."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from monitor.errors import ChairsideError
from monitor.numbers import figure
from monitor.rate_change import NO_BAG, rate_change
from monitor.service import SessionRecord, SessionService
from monitor.timeline import Phase, SessionEvent
from ui.common.fields import field_row, number_field, number_in, set_width
from ui.common.form_dialog import FormDialog
from ui.common.time_field import TICK_MS
from ui.common.timefmt import hhmm


class RateDialog(FormDialog):
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
        self.session_event: SessionEvent | None = None
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
        self.form.addRow("&New rate", field_row(self.rate, QLabel("mL/h")))
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
            return [NO_BAG]
        now = self.service.clock.now()
        change = rate_change(s.total_mg, s.concentration_mg_ml,
                             self.record.delivered_mg(now) or 0, number_in(self.rate))
        lines = change.lines()
        if change.minutes is not None and s.phase is Phase.INFUSING:
            lines[-1] += f", ending about {hhmm(now + timedelta(minutes=change.minutes))}"
        return lines

    def accept(self) -> None:
        try:
            self.session_event = self.service.change_rate(
                self.record.session.id, number_in(self.rate) or 0, self.reason.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
