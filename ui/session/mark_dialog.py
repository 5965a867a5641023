"""Marking an entry entered in error or an artifact: the status, the reason, and for a
vitals set the offer to enter its recheck. The entry is kept; the mark is stored beside it
(``SessionService.mark_entry``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from monitor.corrections import KINDS, MARKS, Correction, kind_of
from monitor.errors import ChairsideError, ChangedElsewhere
from monitor.service import SessionService
from monitor.vitals import VitalsSet
from ui.common.choice_buttons import ChoiceGroup
from ui.common.fields import reason_box, set_width
from ui.common.form_dialog import FormDialog

# suggestions only: the reason is the nurse's own words
REASONS = ("Cuff moved or wrong size", "Patient moving or talking", "Probe off the finger",
           "Typing error", "Wrong patient or chair", "Entered twice")


class MarkDialog(FormDialog):
    """Asks entered in error or artifact (none chosen beforehand) and the reason; on OK
    stores the mark.

    Attributes:
        correction: the stored mark after OK, else None.
        recheck: the nurse asked to enter the recheck of this vitals set now.
    """

    def __init__(self, service: SessionService, session_id: int, entry: object,
                 description: str, seen_version: int | None = None,
                 offer_recheck: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("Mark entered in error / artifact", parent)
        self.service = service
        self.session_id = session_id
        self.entry = entry
        self.kind = kind_of(entry) or ""
        self.seen_version = seen_version
        self.correction: Correction | None = None
        self.lost: ChangedElsewhere | None = None  # the session changed on another screen
        what = QLabel(f"<b>{KINDS.get(self.kind, 'entry').capitalize()}</b>: {description}")
        what.setWordWrap(True)
        what.setObjectName("markedEntry")
        self.status_choice = ChoiceGroup([(0, "&Entered in error"),
                                          (1, "&Artifact (a false reading)")])
        self.status_choice.setObjectName("markStatus")
        self.reason = reason_box(REASONS, "Why: choose or type")
        self.reason.setObjectName("markReason")
        self.recheck_box = QCheckBox("Enter the re&check now (the vitals form is set for it)")
        self.recheck_box.setObjectName("recheckNow")
        self._offer = offer_recheck and isinstance(entry, VitalsSet)
        self.recheck_box.setVisible(self._offer)
        note = QLabel("The entry stays in the record, struck through, with this mark, your "
                      "name and the time. It no longer counts in alarms, the vitals "
                      "schedule, pre-fills, summaries and trends.")
        note.setWordWrap(True)
        self.form.addRow(what)
        self.form.addRow("Mark as", self.status_choice)
        self.form.addRow("&Reason", self.reason)
        self.form.addRow(self.recheck_box)
        self.form.addRow(note)
        self.fields["status"] = self.status_choice
        self.fields["reason"] = self.reason
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Mark")
        # Alt+E / Alt+A, then the reason is typed: the focus goes on to it
        self.status_choice.changed.connect(self._on_to_reason)
        for button in self.status_choice.buttons.values():
            button.installEventFilter(self)  # letters typed on a choice go to the reason
        set_width(self, 520)

    def _on_to_reason(self) -> None:
        if self.status_choice.value() is not None and not self.reason.currentText():
            self.reason.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """Text typed while a choice has the focus (Alt+A is a 100 ms animated click, and
        the reason typed straight after it) goes to the reason, not lost on a button."""
        if (event.type() == QEvent.Type.KeyPress and event.text().isprintable()
                and event.text().strip() and not event.modifiers()
                & ~Qt.KeyboardModifier.ShiftModifier):
            self.reason.setFocus()
            typed = self.reason.lineEdit()
            assert typed is not None, "an editable combo box has its line edit"
            typed.insert(event.text())
            return True
        return super().eventFilter(watched, event)

    @property
    def recheck(self) -> bool:
        return self._offer and self.recheck_box.isChecked()

    def accept(self) -> None:
        chosen = self.status_choice.value()
        status = None if chosen is None else MARKS[chosen]
        try:
            self.correction = self.service.mark_entry(
                self.session_id, self.kind, self.entry.id,  # type: ignore[attr-defined]
                status, self.reason.currentText(), seen_version=self.seen_version)
        except ChangedElsewhere as error:
            self.lost = error
            self.show_error(error)
            return
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
