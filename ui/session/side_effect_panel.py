"""Side effects: tap the kind, tap the severity, add a note if needed, log it; or by
keyboard inside the panel: the kind's letter, the severity's digits ("1", "0" for 10),
Enter to log."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.side_effects import KINDS, SEVERITY_MAX, severity_label
from ui.common.inline_message import InlineMessage

BANDS = (("none", 0, 0), ("mild", 1, 3), ("moderate", 4, 6), ("severe", 7, 10))

# the key that picks each kind while the panel has the focus (the kind's own letter
# where it is free; never a menu's Alt letter, which these are not)
KIND_KEYS = {"dizziness": "Z", "nausea": "N", "vomiting": "V", "dissociation": "D",
             "anxiety": "A", "headache": "H", "blurred_vision": "B",
             "sensory_sensitivity": "I", "fatigue": "F", "sedation": "S", "other": "O"}
ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
KIND_COLUMNS = 3  # "Blurred vision (B)" and its neighbours fit a 460-pixel column


def next_severity(typed: str, digit: str) -> tuple[str, int]:
    """The digits typed so far and the severity they give: "1" then "0" is 10; a digit
    that would go past 10 starts again ("7" then "3" is 3)."""
    joined = typed + digit
    if int(joined) <= SEVERITY_MAX:
        return joined, int(joined)
    return digit, int(digit)


class SideEffectPanel(QGroupBox):
    """Signals:
        submitted(str, int, str, str): kind, severity, description (for "other"), note.
    """

    submitted = Signal(str, int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Side effect (F3)", parent)
        self.kind_buttons: dict[str, QPushButton] = {}
        self.kinds = QButtonGroup(self)
        kinds_grid = QGridLayout()
        kinds_grid.setSpacing(3)
        for i, (key, kind) in enumerate(KINDS.items()):
            b = QPushButton(f"{kind} ({KIND_KEYS[key]})")
            b.setCheckable(True)
            b.setObjectName(f"effect_{key}")
            b.setToolTip(f"Key {KIND_KEYS[key]} while the side-effect panel has the focus")
            self.kinds.addButton(b)
            self.kind_buttons[key] = b
            kinds_grid.addWidget(b, i // KIND_COLUMNS, i % KIND_COLUMNS)
        self.other_text = QLineEdit()
        self.other_text.setPlaceholderText("What? (for Other)")
        self.other_text.setEnabled(False)
        last = len(KINDS)
        kinds_grid.addWidget(self.other_text, last // KIND_COLUMNS, last % KIND_COLUMNS)
        self.severity_buttons: list[QPushButton] = []
        self.severities = QButtonGroup(self)
        sev_row = QHBoxLayout()
        sev_row.setSpacing(2)
        for n in range(SEVERITY_MAX + 1):
            b = QPushButton(str(n))
            b.setCheckable(True)
            b.setObjectName(f"severity_{n}")
            b.setProperty("band", severity_label(n))
            b.setMinimumWidth(28)
            self.severities.addButton(b, n)
            self.severity_buttons.append(b)
            sev_row.addWidget(b)
        bands = QHBoxLayout()
        for name, low, high in BANDS:
            label = QLabel(name if low == high else f"{name} {low}–{high}")
            label.setObjectName("bandLabel")
            bands.addWidget(label, high - low + 1)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (optional)")
        self.log_button = QPushButton("&Log side effect")
        self.log_button.setObjectName("logSideEffect")
        self.log_button.clicked.connect(self.submit)
        self.choice = QLabel()
        self.choice.setObjectName("effectChoice")
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.log_button)
        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        layout.addLayout(kinds_grid)
        layout.addLayout(sev_row)
        layout.addLayout(bands)
        layout.addWidget(self.choice)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._severity_typed = ""
        self.kinds.buttonToggled.connect(self._changed)
        self.severities.buttonToggled.connect(self._changed)
        self._changed()

    # --- keyboard ------------------------------------------------------------------------

    def focus_first(self) -> None:
        """Into the panel (F3): the chosen kind's button, else the first."""
        chosen = self.kinds.checkedButton() or next(iter(self.kind_buttons.values()))
        chosen.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Keys the buttons do not take reach the panel: a kind's letter, a severity's
        digits, Enter to log (the note and "What?" fields keep their own typing)."""
        text = event.text().upper()
        if Qt.Key(event.key()) in ENTER_KEYS:
            self.submit()
        elif text.isdigit() and len(text) == 1:
            self._severity_typed, n = next_severity(self._severity_typed, text)
            self.severity_buttons[n].setChecked(True)
        elif text in KIND_KEYS.values() and len(text) == 1:
            key = next(k for k, letter in KIND_KEYS.items() if letter == text)
            self.kind_buttons[key].setChecked(True)
            self._severity_typed = ""
            if key == "other":
                self.other_text.setFocus()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def kind(self) -> str | None:
        for key, b in self.kind_buttons.items():
            if b.isChecked():
                return key
        return None

    def severity(self) -> int | None:
        n = self.severities.checkedId()
        return None if n < 0 else n

    def _changed(self, *_args) -> None:
        kind, severity = self.kind(), self.severity()
        self.other_text.setEnabled(kind == "other")
        self.log_button.setEnabled(kind is not None and severity is not None)
        parts = [KINDS[kind] if kind else "choose a side effect",
                 f"{severity}/10 {severity_label(severity)}" if severity is not None
                 else "choose a severity 0–10"]
        self.choice.setText(" · ".join(parts))

    def submit(self) -> None:
        kind, severity = self.kind(), self.severity()
        if kind is None or severity is None:
            self.message.error("Choose a side effect and its severity first.")
            return
        self.submitted.emit(kind, severity, self.other_text.text(), self.note.text())

    def saved(self, summary: str) -> None:
        for group in (self.kinds, self.severities):
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)
        self.other_text.clear()
        self.note.clear()
        self._severity_typed = ""
        self.message.info(f"Logged: {summary}")

    def refused(self, text: str) -> None:
        self.message.error(text + " Nothing was saved.")
