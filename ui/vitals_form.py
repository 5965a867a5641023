"""Vitals entry made for the keyboard: Tab through the fields, Enter saves."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QRegularExpression, QTime, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from monitor.errors import InvalidEntry
from monitor.vitals import MEASURES, VitalsRejected, VitalsValues
from ui.widgets import InlineMessage, mark_invalid

FIELDS = ("sbp", "dbp", "hr", "spo2", "rr", "temp_c")
SHORT = {"sbp": "SBP", "dbp": "DBP", "hr": "HR", "spo2": "SpO₂", "rr": "RR", "temp_c": "Temp"}


class VitalsForm(QGroupBox):
    """Signals:
        submitted(VitalsValues, object): the values and the time taken (aware local
            datetime), or None for "now". The owner stores them and calls ``saved`` or
            ``refused``.
    """

    submitted = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Vitals", parent)
        self.inputs: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"))
        decimal = QRegularExpressionValidator(QRegularExpression(r"\d{0,2}([.,]\d?)?"))
        for col, key in enumerate(FIELDS):
            m = MEASURES[key]
            label = QLabel(f"{SHORT[key]}\n{m.unit}")
            edit = QLineEdit()
            edit.setObjectName(f"vitals_{key}")
            edit.setValidator(decimal if key == "temp_c" else digits)
            edit.setPlaceholderText("opt." if key == "temp_c" else "")
            edit.setMaximumWidth(64)
            edit.returnPressed.connect(self.submit)
            edit.textEdited.connect(lambda _t, e=edit: mark_invalid(e, False))
            grid.addWidget(label, 0, col)
            grid.addWidget(edit, 1, col)
            self.inputs[key] = edit
        self.taken_at = QTimeEdit()
        self.taken_at.setDisplayFormat("HH:mm")
        self.taken_at.setToolTip("Time taken: follows the clock; set it earlier for a "
                                 "reading taken before now.")
        self.taken_at.timeChanged.connect(self._time_edited)
        self.now_button = QPushButton("Now")
        self.now_button.setToolTip("Back to the current time")
        self.now_button.clicked.connect(self.follow_clock)
        self.save_button = QPushButton("Save vitals")
        self.save_button.setObjectName("saveVitals")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addWidget(QLabel("Taken at"))
        row.addWidget(self.taken_at)
        row.addWidget(self.now_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._following = True
        self._setting_time = False
        self._now: datetime | None = None
        self.now_button.setEnabled(False)

    # --- time taken ------------------------------------------------------------------

    def tick(self, now_local: datetime) -> None:
        """Keeps the time field on the clock until the user sets it."""
        self._now = now_local
        if self._following:
            self._set_time(now_local)

    def _set_time(self, when: datetime) -> None:
        self._setting_time = True
        self.taken_at.setTime(QTime(when.hour, when.minute))
        self._setting_time = False

    def _time_edited(self) -> None:
        if not self._setting_time:
            self._following = False
            self.now_button.setEnabled(True)

    def follow_clock(self) -> None:
        self._following = True
        self.now_button.setEnabled(False)
        if self._now is not None:
            self._set_time(self._now)

    def chosen_time(self) -> datetime | None:
        """None for now; otherwise today's date (yesterday's if later than now)."""
        if self._following or self._now is None:
            return None
        t = self.taken_at.time()
        when = self._now.replace(hour=t.hour(), minute=t.minute(), second=0, microsecond=0)
        if when > self._now + timedelta(minutes=1):
            when -= timedelta(days=1)  # a session that runs past midnight
        return when

    # --- values ----------------------------------------------------------------------

    def values(self) -> VitalsValues:
        """What was typed; a missing required value is refused here with its name."""
        raw: dict[str, float | None] = {}
        for key, edit in self.inputs.items():
            text = edit.text().strip().replace(",", ".")
            if not text:
                if key == "temp_c":
                    raw[key] = None
                    continue
                raise VitalsRejected({key: f"Enter {MEASURES[key].label}."})
            raw[key] = float(text) if key == "temp_c" else int(text)
        return VitalsValues(**raw)  # type: ignore[arg-type]

    def submit(self) -> None:
        try:
            values = self.values()
        except InvalidEntry as error:
            self.refused(error)
            return
        self.submitted.emit(values, self.chosen_time())

    def refused(self, error: InvalidEntry) -> None:
        problems = getattr(error, "problems", {error.field: str(error)})
        for key, edit in self.inputs.items():
            mark_invalid(edit, key in problems)
        first = next((k for k in FIELDS if k in problems), None)
        if first:
            self.inputs[first].setFocus()
            self.inputs[first].selectAll()
        self.message.error(" ".join(problems.values()) + " Nothing was saved.")

    def saved(self, summary: str, flags: tuple[str, ...]) -> None:
        for edit in self.inputs.values():
            edit.clear()
            mark_invalid(edit, False)
        if flags:
            self.message.warning("Saved and flagged: " + " ".join(flags))
        else:
            self.message.info(f"Saved: {summary}")
        self.follow_clock()
        self.inputs["sbp"].setFocus()
