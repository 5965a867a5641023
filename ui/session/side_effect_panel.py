"""Side effects: tap the kind, tap the severity, add a note if needed, log it."""

from __future__ import annotations

from PySide6.QtCore import Signal
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


class SideEffectPanel(QGroupBox):
    """Signals:
        submitted(str, int, str, str): kind, severity, description (for "other"), note.
    """

    submitted = Signal(str, int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Side effect", parent)
        self.kind_buttons: dict[str, QPushButton] = {}
        self.kinds = QButtonGroup(self)
        kinds_grid = QGridLayout()
        for i, (key, kind) in enumerate(KINDS.items()):
            b = QPushButton(kind)
            b.setCheckable(True)
            b.setObjectName(f"effect_{key}")
            self.kinds.addButton(b)
            self.kind_buttons[key] = b
            kinds_grid.addWidget(b, i // 4, i % 4)
        self.other_text = QLineEdit()
        self.other_text.setPlaceholderText("What? (for Other)")
        self.other_text.setEnabled(False)
        kinds_grid.addWidget(self.other_text, 2, 3)
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
        self.note.returnPressed.connect(self.submit)
        self.log_button = QPushButton("Log side effect")
        self.log_button.setObjectName("logSideEffect")
        self.log_button.clicked.connect(self.submit)
        self.choice = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.log_button)
        self.message = InlineMessage()
        layout = QVBoxLayout(self)
        layout.addLayout(kinds_grid)
        layout.addWidget(QLabel("Severity 0–10"))
        layout.addLayout(sev_row)
        layout.addLayout(bands)
        layout.addWidget(self.choice)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.kinds.buttonToggled.connect(self._changed)
        self.severities.buttonToggled.connect(self._changed)
        self._changed()

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
                 else "choose a severity"]
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
        self.message.info(f"Logged: {summary}")

    def refused(self, text: str) -> None:
        self.message.error(text + " Nothing was saved.")
