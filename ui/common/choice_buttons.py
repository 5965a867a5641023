"""A score chosen from a row of buttons, and a choice of one from a few."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# A framed, larger line for what must not be missed; its colour comes from the theme.
PROMINENT = "QLabel { border: 2px solid; border-radius: 6px; padding: 8px; font-size: 11pt; }"


class ScoreButtons(QObject):
    """Checkable buttons for one score, exclusive, nothing chosen until the user picks;
    arrow keys move between them. The owner lays the buttons out.

    Signals:
        changed(): the choice changed (by the user or by ``set_value``).
    """

    changed = Signal()

    def __init__(self, options: Iterable[tuple[int, str]], toggles: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QAbstractButton] = {}
        for score, text in options:
            button: QAbstractButton = QPushButton(text) if toggles else QRadioButton(text)
            button.setCheckable(True)
            if toggles:
                button.setFixedWidth(40)
            self.group.addButton(button, score)
            self.buttons[score] = button
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, _score: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def value(self) -> int | None:
        chosen = self.group.checkedId()
        return None if chosen == -1 else chosen

    def set_value(self, score: int | None) -> None:
        if score is not None:
            self.buttons[score].setChecked(True)
            return
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit()


class ChoiceGroup(QWidget):
    """``ScoreButtons`` laid out in a column (radio buttons) or a row (toggle buttons).

    Signals:
        changed(): the choice changed.
    """

    changed = Signal()

    def __init__(self, options: Iterable[tuple[int, str]], vertical: bool = True,
                 toggles: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = ScoreButtons(options, toggles, self)
        self.buttons = self.scores.buttons
        layout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for button in self.buttons.values():
            layout.addWidget(button)
        if vertical:  # as tall as its buttons; a taller box leaves the space below them
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        else:
            layout.addStretch(1)
        self.setFocusProxy(next(iter(self.buttons.values())))
        self.scores.changed.connect(self.changed)

    def value(self) -> int | None:
        return self.scores.value()

    def set_value(self, score: int | None) -> None:
        self.scores.set_value(score)
