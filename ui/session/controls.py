"""Buttons that change the session's phase, each enabled only when it makes sense."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QMenu, QPushButton, QWidget

from monitor.scales import SCALES, SESSION_SCALES
from monitor.timeline import Phase

# button → the phases in which it is offered
_OFFERED = {
    "start": {Phase.BASELINE},
    "pause": {Phase.INFUSING},
    "resume": {Phase.PAUSED},
    "stop_early": {Phase.INFUSING, Phase.PAUSED},
    "end_infusion": {Phase.INFUSING, Phase.PAUSED},
    "discharge": {Phase.OBSERVATION},
    "rate": {Phase.INFUSING, Phase.PAUSED},
    "medication": set(Phase) - {Phase.DISCHARGED},
    "assess": set(Phase) - {Phase.DISCHARGED},
    "note": set(Phase),  # a discharged session takes notes until it is signed
}

# Alt+the underlined letter presses each (File, View and Help keep F, V and H)
_LABELS = {
    "start": "&Start infusion",
    "pause": "&Pause…",
    "resume": "Res&ume",
    "stop_early": "Stop &early…",
    "end_infusion": "En&d infusion",
    "discharge": "D&ischarge…",
    "rate": "Change &rate…",
    "medication": "&Medication…",
    "assess": "Assessmen&t",
    "note": "Add n&ote…",
}

COLUMNS = 5  # two rows under the clock: height is what a small screen lacks

# assessment kind → menu text (Aldrete is part of discharge)
ASSESSMENTS = {kind: f"{SCALES[kind].name}…" for kind in SESSION_SCALES}


class SessionControls(QWidget):
    """Signals:
        requested(str): one of the keys of ``_LABELS`` was pressed.
        assessment_requested(str): an assessment kind was chosen from its menu.
    """

    requested = Signal(str)
    assessment_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for i, (key, label) in enumerate(_LABELS.items()):
            b = QPushButton(label)
            b.setObjectName(f"action_{key}")
            b.setMinimumHeight(30)
            if key == "assess":
                b.setMenu(self._assessment_menu(b))
            else:
                b.clicked.connect(lambda _c=False, k=key: self.requested.emit(k))
            grid.addWidget(b, i // COLUMNS, i % COLUMNS)
            self.buttons[key] = b

    def _assessment_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        self.assessment_actions = {}
        for kind, text in ASSESSMENTS.items():
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, k=kind: self.assessment_requested.emit(k))
            self.assessment_actions[kind] = action
        return menu

    def show_phase(self, phase: Phase) -> None:
        for key, b in self.buttons.items():
            b.setEnabled(phase in _OFFERED[key])
