"""Discharge: the Modified Aldrete score (pre-filled where the record decides it), the
escort and no-driving checks, and the override reason when the criteria are not met."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from monitor.assessments import ALDRETE, Assessment
from monitor.discharge import DischargeCheck, record_prefill
from monitor.errors import ChairsideError, InvalidEntry
from monitor.service import SessionRecord, SessionService
from monitor.timeline import SessionEvent
from ui.common.choice_buttons import ChoiceGroup
from ui.common.fields import set_width
from ui.common.form_dialog import FormDialog
from ui.common.inline_message import InlineMessage

# Keyboard mnemonics for the item boxes (Alt+letter), chosen not to clash with the rest.
MNEMONIC = {"activity": "&Activity", "respiration": "&Respiration",
            "circulation": "&Circulation", "consciousness": "Co&nsciousness",
            "oxygen": "&Oxygen saturation"}
INCOMPLETE = "Score every Aldrete item."


class DischargeDialog(FormDialog):
    """Scores the Modified Aldrete and discharges — or stores the score only.

    **Discharge** needs the protocol's minimum score, an escort and "no driving" confirmed,
    or an override reason. **Save score only** stores the score (the first one at the
    minimum marks when the patient was ready) and leaves the session open.

    Attributes:
        session_event: the discharge ``SessionEvent`` after Discharge, else None.
        assessment: the Aldrete ``Assessment`` after Save score only, else None.
    """

    def __init__(self, service: SessionService, record: SessionRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__("Discharge", parent)
        self.service = service
        self.record = record
        self.minimum = record.session.discharge_min_aldrete
        # short observation, unresolved severe side effect or sedation (monitor.guards)
        self.concerns = tuple(service.discharge_concerns(record.session.id))
        self.session_event: SessionEvent | None = None
        self.assessment: Assessment | None = None
        header = QLabel(f"{record.patient.name} · chair {record.session.chair} — discharge "
                        f"needs Modified Aldrete {self.minimum} or more, an escort, and no "
                        "driving until tomorrow.")
        header.setWordWrap(True)
        self.form.addRow(header)
        self.items: dict[str, ChoiceGroup] = {}
        self.reasons: dict[str, QLabel] = {}
        grid = QGridLayout()
        for i, (key, (_label, wordings)) in enumerate(ALDRETE.items()):
            grid.addWidget(self._item_box(key, wordings), i // 2, i % 2)
        self.form.addRow(grid)
        self.escort = QCheckBox("Responsible adult &escort present")
        self.no_driving = QCheckBox("Patient told not to drive until &tomorrow")
        checks = QVBoxLayout()
        checks.addWidget(self.escort)
        checks.addWidget(self.no_driving)
        checks.addStretch(1)
        grid.addLayout(checks, 2, 1)
        self.status = InlineMessage()
        self.form.addRow(self.status)
        self.override = QLineEdit()
        self.override.setPlaceholderText("Required to discharge when the criteria are not met")
        self.form.addRow("O&verride reason", self.override)
        self.fields.update({"override_reason": self.override,
                            "items": next(iter(self.items.values()))})
        self._buttons()
        self._prefill()
        for choice in self.items.values():
            choice.changed.connect(self._update)
        self.escort.toggled.connect(self._update)
        self.no_driving.toggled.connect(self._update)
        self._update()
        set_width(self, 720)

    def _item_box(self, key: str, wordings: dict[int, str]) -> QGroupBox:
        box = QGroupBox(MNEMONIC[key])
        choice = ChoiceGroup([(n, f"{n} — {wordings[n]}") for n in (2, 1, 0)])
        reason = QLabel()  # not wrapped: a wrapped label's height is misjudged in the grid
        reason.setObjectName("prefillReason")
        font = reason.font()
        font.setItalic(True)
        reason.setFont(font)
        reason.hide()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addWidget(choice)
        layout.addWidget(reason)
        layout.addStretch(1)
        self.items[key] = choice
        self.reasons[key] = reason
        return box

    def _buttons(self) -> None:
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)
        self.discharge_button = self.buttons.addButton(
            "&Discharge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.score_only_button = self.buttons.addButton(
            "&Save score only", QDialogButtonBox.ButtonRole.ActionRole)
        self.score_only_button.setToolTip("Stores the score (and when the patient was ready) "
                                          "without discharging.")
        self.score_only_button.clicked.connect(self.save_score_only)

    def _prefill(self) -> None:
        """Oxygen and circulation from a set taken after the infusion ended, within the
        clinic's window; without one, the nurse is told to take one or score by hand."""
        window = self.service.safety.aldrete_window_min
        latest, prefills = record_prefill(self.record, self.service.clock.now(), window)
        if latest is None:
            for key in ("oxygen", "circulation"):
                self.reasons[key].setText(f"No vitals set in the last {window} min after the"
                                          "\ninfusion ended: take one, or score by hand.")
                self.reasons[key].show()
        for key, prefill in prefills.items():
            self.items[key].set_value(prefill.score)
            self.reasons[key].setText(f"From the record:\n{prefill.why}")
            self.reasons[key].show()

    def chosen_items(self) -> dict[str, int]:
        """The items scored so far, by key."""
        return {key: v for key, c in self.items.items() if (v := c.value()) is not None}

    def check(self) -> DischargeCheck:
        return DischargeCheck(self.chosen_items(), self.escort.isChecked(),
                              self.no_driving.isChecked(), self.minimum, self.concerns)

    def _update(self) -> None:
        check = self.check()
        if check.met:
            self.status.info(f"Score {check.score}/10 — meets the criteria "
                             f"({self.minimum} or more)")
        else:
            problems = check.problems()
            if self.concerns:
                problems.append("Reassess (and record it) or give the override reason.")
            if problems[0] == INCOMPLETE:
                todo = [ALDRETE[k][0] for k in ALDRETE if k not in check.items]
                problems[0] = f"Still to score: {', '.join(todo)}."
                score = f"Score so far {check.score}/10"
            else:
                score = f"Score {check.score}/10"
            self.status.warning(f"{score} — not met: {' '.join(problems)}")
        self.override.setEnabled(not check.met)

    def show_error(self, error: ChairsideError) -> None:
        missing = [c for c in self.items.values() if c.value() is None]
        self.fields["items"] = missing[0] if missing else next(iter(self.items.values()))
        super().show_error(error)

    def accept(self) -> None:
        reason = self.override.text() if self.override.isEnabled() else ""
        try:
            self.session_event = self.service.discharge(self.record.session.id, self.check(),
                                                        reason)
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()

    def save_score_only(self) -> None:
        items = self.chosen_items()
        try:
            if set(items) != set(ALDRETE):
                raise InvalidEntry(INCOMPLETE, "items")
            self.assessment = self.service.record_aldrete(
                self.record.session.id, items, self.escort.isChecked(),
                self.no_driving.isChecked())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
