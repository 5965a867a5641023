"""Buttons that change the session's phase, each enabled only when it makes sense."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from monitor.timeline import Phase

# button → the phases in which it is offered
_OFFERED = {
    "start": {Phase.BASELINE},
    "pause": {Phase.INFUSING},
    "resume": {Phase.PAUSED},
    "stop_early": {Phase.INFUSING, Phase.PAUSED},
    "end_infusion": {Phase.INFUSING, Phase.PAUSED},
    "discharge": {Phase.OBSERVATION},
    "note": set(Phase) - {Phase.DISCHARGED},
}

_LABELS = {
    "start": "Start infusion",
    "pause": "Pause…",
    "resume": "Resume",
    "stop_early": "Stop early…",
    "end_infusion": "End infusion",
    "discharge": "Discharge",
    "note": "Add note…",
}


class SessionControls(QWidget):
    """Signals:
        requested(str): one of the keys of ``_LABELS`` was pressed.
    """

    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        for i, (key, label) in enumerate(_LABELS.items()):
            b = QPushButton(label)
            b.setObjectName(f"action_{key}")
            b.setMinimumHeight(40)
            b.clicked.connect(lambda _c=False, k=key: self.requested.emit(k))
            grid.addWidget(b, i // 2, i % 2)
            self.buttons[key] = b

    def show_phase(self, phase: Phase) -> None:
        for key, b in self.buttons.items():
            b.setEnabled(phase in _OFFERED[key])
