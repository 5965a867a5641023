"""Acknowledging an alarm: who, the actions taken (one or several), a note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from monitor.alarms import Alarm
from monitor.errors import ChairsideError
from monitor.service import SessionService
from monitor.vitals import Tier
from ui.care.action_checklist import ActionChecklist
from ui.common.choice_buttons import PROMINENT
from ui.common.fields import set_width
from ui.common.form_dialog import FormDialog
from ui.common.inline_message import InlineMessage
from ui.common.timefmt import hhmm


class AcknowledgeDialog(FormDialog):
    """Acknowledges an alarm: who, the actions taken (ticked, never preselected; Space
    ticks), a note.

    Attributes:
        alarm: the acknowledged ``Alarm`` after OK, else None.
    """

    def __init__(self, service: SessionService, alarm: Alarm, default_by: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__("Acknowledge alarm", parent)
        self.service = service
        self.raised = alarm
        self.alarm: Alarm | None = None
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
        self.action = ActionChecklist()
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional; say what was done for “Other”")
        self.form.addRow(self.tier)
        self.form.addRow("What was found", self.messages)
        for label, key, widget in (("Acknowledged &by", "by", self.by),
                                   ("&Actions taken", "action", self.action),
                                   ("&Note", "note", self.note)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Acknowledge")
        (self.action if default_by else self.by).setFocus()
        set_width(self, 500)

    def accept(self) -> None:
        try:
            self.alarm = self.service.acknowledge_alarm(
                self.raised.id, self.by.text(), self.action.text(), self.note.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
