"""Vitals entry made for the keyboard: each number moves on by itself once no further
digit could make it plausible ("120" of a systolic, "98" of a saturation), so a routine
set is its digits and Enter; Tab still moves on (a Tab just after such a move is not
counted twice); Enter saves from any field, "Taken at" included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.devices.edits import device_values
from monitor.devices.latest import MonitorSet
from monitor.errors import InvalidEntry
from monitor.number_entry import MAX_TYPED, NumberRule
from monitor.vitals import MEASURES, VitalsRejected, VitalsValues
from ui.common.fields import mark_invalid
from ui.common.inline_message import InlineMessage
from ui.common.time_field import TimeField

FIELDS = ("sbp", "dbp", "hr", "spo2", "rr", "temp_c")
SHORT = {"sbp": "SBP", "dbp": "DBP", "hr": "HR", "spo2": "SpO₂", "rr": "RR", "temp_c": "Temp"}
ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


def is_complete(key: str, text: str) -> bool:
    """True when no further digit keeps a whole-number measure within its plausible range
    (SBP "120": "120x" would be above 300). Temperature takes a decimal: never."""
    if key == "temp_c" or not text.isdigit():
        return False
    return int(text) * 10 > MEASURES[key].high


class VitalField(QLineEdit):
    """One measure. ``moved_in`` is set when the previous field moved the focus here by
    itself: a Tab typed out of habit then is swallowed, not a skip past this field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moved_in = False
        self.textEdited.connect(lambda _t: setattr(self, "moved_in", False))

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Tab and self.moved_in and not self.text()):
            self.moved_in = False
            event.accept()
            return True
        return super().event(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.moved_in = False
        super().focusOutEvent(event)


class VitalsForm(QGroupBox):
    """Signals:
        submitted(VitalsValues, object): the values and the time taken (aware local
            datetime), or None for "now". The owner stores them and calls ``saved`` or
            ``refused``.
    """

    submitted = Signal(object, object)

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None,
                 tz: tzinfo | None = None) -> None:
        super().__init__("Vitals (F2)", parent)
        self.inputs: dict[str, VitalField] = {}
        grid = QGridLayout()
        for col, key in enumerate(FIELDS):
            m = MEASURES[key]
            label = QLabel(f"{SHORT[key]}\n{m.unit}")
            edit = VitalField()
            edit.setObjectName(f"vitals_{key}")
            edit.setMaxLength(MAX_TYPED)  # every key shown: a typo is refused, not dropped
            edit.setPlaceholderText("opt." if key == "temp_c" else "")
            edit.setMaximumWidth(64)
            edit.textEdited.connect(lambda _t, e=edit: mark_invalid(e, False))
            edit.textEdited.connect(lambda t, k=key: self._maybe_move_on(k, t))
            grid.addWidget(label, 0, col)
            grid.addWidget(edit, 1, col)
            self.inputs[key] = edit
        self.time_field = TimeField(now, tz=tz)
        self.time_field.edit.setToolTip("Time taken: follows the clock; set it earlier for "
                                        "a reading taken before now.")
        self.taken_at = self.time_field.edit
        self.now_button = self.time_field.now_button
        self.save_button = QPushButton("Save vitals")
        self.save_button.setObjectName("saveVitals")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addWidget(QLabel("Taken at"))
        row.addWidget(self.time_field)
        row.addStretch(1)
        row.addWidget(self.save_button)
        self.message = InlineMessage()
        # a recheck: the set being entered replaces one marked as an artifact (both kept)
        self.recheck_of: int | None = None
        # a monitor set being checked before it is validated (its values typed in)
        self.monitor_set: MonitorSet | None = None
        self.recheck_label = QLabel()
        self.recheck_label.setObjectName("recheckOf")
        self.recheck_label.setWordWrap(True)
        self.cancel_recheck_button = QPushButton("Not a recheck")
        self.cancel_recheck_button.setObjectName("cancelRecheck")
        self.cancel_recheck_button.clicked.connect(self.cancel_recheck)
        recheck_row = QHBoxLayout()
        recheck_row.addWidget(self.recheck_label, 1)
        recheck_row.addWidget(self.cancel_recheck_button)
        layout = QVBoxLayout(self)
        layout.addLayout(recheck_row)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.cancel_recheck()

    # --- a recheck -------------------------------------------------------------------

    def start_recheck(self, vitals_id: int, text: str, was: VitalsValues) -> None:
        """Sets the form for the recheck of set ``vitals_id``: the link shown, the time
        back on the clock, and the replaced reading as a hint in each (empty) field —
        never typed in, so Enter cannot store the artifact again."""
        self.recheck_of = vitals_id
        self._recheck_text = text
        self.recheck_label.setText(f"<b>{text}</b>")
        self.recheck_label.show()
        self.cancel_recheck_button.show()
        for key, edit in self.inputs.items():
            value = getattr(was, key)
            edit.clear()
            edit.setPlaceholderText("" if value is None else f"was {value:g}")
        self.follow_clock()
        self.inputs["sbp"].setFocus()

    def start_from_monitor(self, latest: MonitorSet, at: datetime) -> None:
        """The monitor's set typed into the form, its time held (``at``, local): the
        nurse corrects what the monitor misread, types what it did not send, and saves;
        the owner validates it with her values (``monitor_set`` says so)."""
        self.cancel_recheck()
        self.monitor_set = latest
        self._recheck_text = ""  # the owner's summary says the source and the edits
        self.recheck_label.setText(f"<b>Monitor set of {at:%H:%M} ({latest.device_key})"
                                   "</b>: correct what it misread, then Save. It keeps "
                                   "the monitor as its source and shows what you changed.")
        self.recheck_label.show()
        self.cancel_recheck_button.setText("Not from the monitor")
        self.cancel_recheck_button.show()
        sent = device_values(latest)
        for key, edit in self.inputs.items():
            edit.setText(f"{sent[key]:g}" if key in sent else "")
            edit.setPlaceholderText("not sent")
            mark_invalid(edit, False)
        self.time_field.hold(at)
        missing = next((k for k in FIELDS if k not in sent and k != "temp_c"), "sbp")
        self.inputs[missing].setFocus()
        self.inputs[missing].selectAll()

    def cancel_recheck(self) -> None:
        """Back to a plain entry (neither a recheck nor a monitor set)."""
        was_monitor = self.monitor_set is not None
        self.monitor_set = None
        self.cancel_recheck_button.setText("Not a recheck")
        if was_monitor:
            for edit in self.inputs.values():
                edit.clear()
            self.follow_clock()
        self.recheck_of = None
        self._recheck_text = ""
        self.recheck_label.hide()
        self.cancel_recheck_button.hide()
        for key, edit in self.inputs.items():
            edit.setPlaceholderText("opt." if key == "temp_c" else "")

    def _maybe_move_on(self, key: str, text: str) -> None:
        if not is_complete(key, text):
            return
        following = FIELDS[FIELDS.index(key) + 1:]
        if following:
            nxt = self.inputs[following[0]]
            nxt.setFocus()
            nxt.selectAll()
            nxt.moved_in = True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter from a field that does not take it itself ("Taken at", Now) saves."""
        if Qt.Key(event.key()) in ENTER_KEYS:
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def focus_first(self) -> None:
        sbp = self.inputs["sbp"]
        sbp.setFocus(Qt.FocusReason.ShortcutFocusReason)
        sbp.selectAll()

    # --- time taken ------------------------------------------------------------------

    def tick(self) -> None:
        """Keeps the time field on the clock until the user sets it."""
        self.time_field.tick()

    def follow_clock(self) -> None:
        self.time_field.follow_clock()

    def chosen_time(self) -> datetime | None:
        """None for now; otherwise the time set (yesterday's if later than now)."""
        return self.time_field.chosen_time()

    # --- values ----------------------------------------------------------------------

    def values(self) -> VitalsValues:
        """Exactly what was typed. A missing required value, or text that is not a plain
        number to the measure's step ("." or "36," or "12a"), is refused here naming the
        allowed range; a number outside the range ("365", "-120") is refused by the
        plausibility check, never shortened or made positive."""
        raw: dict[str, float | None] = {}
        problems: dict[str, str] = {}
        for key, edit in self.inputs.items():
            text = edit.text().strip()
            if not text:
                if key == "temp_c":
                    raw[key] = None
                else:
                    problems[key] = f"Enter {MEASURES[key].label}."
                continue
            try:
                value = _rule(key).parse(text)
            except InvalidEntry as refused:
                problems[key] = str(refused)
                continue
            raw[key] = float(value) if key == "temp_c" else int(value)
        if problems:
            raise VitalsRejected(problems)
        return VitalsValues(**raw)  # type: ignore[arg-type]

    def submit(self) -> None:
        try:
            values, when = self.values(), self.chosen_time()
        except InvalidEntry as error:
            self.refused(error)
            return
        self.submitted.emit(values, when)

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
        if self.recheck_of is not None:
            summary = f"{summary} ({self._recheck_text})"
        self.cancel_recheck()
        for edit in self.inputs.values():
            edit.clear()
            mark_invalid(edit, False)
        if flags:
            self.message.warning("Saved and flagged: " + " ".join(flags))
        else:
            self.message.info(f"Saved: {summary}")
        self.follow_clock()
        self.inputs["sbp"].setFocus()


def _rule(key: str) -> NumberRule:
    """The measure's plausible range (clinical reference); temperature to 0.1 °C, the
    others whole numbers."""
    m = MEASURES[key]
    return NumberRule(m.label, f"{m.low:g}", f"{m.high:g}", m.unit,
                      "0.1" if key == "temp_c" else "1", key)
