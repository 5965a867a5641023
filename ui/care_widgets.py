"""Pieces the care dialogs share: a score chosen from buttons, a time that follows the
clock, and number fields that take a comma or a dot."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

# How often a dialog re-reads the clock while it is open.
TICK_MS = 5000
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


class TimeField(QWidget):
    """A time of day that follows the clock until the user sets it (as the vitals form's
    "Taken at" does); **Now** puts it back on the clock.

    Args:
        now: the current time as an aware local datetime (the service's clock).
    """

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = now
        self.edit = QTimeEdit()
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setToolTip("Follows the clock; set it earlier for something done "
                             "before now.")
        self.now_button = QPushButton("Now")
        self.now_button.setToolTip("Back to the current time")
        self.now_button.setEnabled(False)
        self.now_button.clicked.connect(self.follow_clock)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.now_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self._following = True
        self._setting = False
        self._now = now()
        self._set_time(self._now)
        self.edit.timeChanged.connect(self._edited)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(TICK_MS)

    def tick(self) -> None:
        self._now = self._clock()
        if self._following:
            self._set_time(self._now)

    def _set_time(self, when: datetime) -> None:
        self._setting = True
        self.edit.setTime(QTime(when.hour, when.minute))
        self._setting = False

    def _edited(self) -> None:
        if not self._setting:
            self._following = False
            self.now_button.setEnabled(True)

    def follow_clock(self) -> None:
        self._following = True
        self.now_button.setEnabled(False)
        self.tick()

    def chosen_time(self) -> datetime | None:
        """None for now; otherwise today's date (yesterday's if later than now)."""
        self._now = self._clock()
        if self._following:
            return None
        t = self.edit.time()
        when = self._now.replace(hour=t.hour(), minute=t.minute(), second=0, microsecond=0)
        if when > self._now + timedelta(minutes=1):
            when -= timedelta(days=1)  # a session that runs past midnight
        return when


def set_width(dialog: QDialog, width: int) -> None:
    """The dialog's minimum width; spare height goes above its buttons, not between rows
    (a ``_FormDialog`` lays out form, message, buttons)."""
    dialog.setMinimumWidth(width)
    layout = dialog.layout()
    layout.insertStretch(layout.count() - 1, 1)


def number_field(placeholder: str, decimals: bool = True, width: int = 90) -> QLineEdit:
    """A short field for a number: digits, and (with ``decimals``) a comma or a dot."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    pattern = r"\d{0,4}([.,]\d{0,2})?" if decimals else r"\d{0,3}"
    field.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), field))
    field.setMaximumWidth(width)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    return field


def number_in(field: QLineEdit) -> float | None:
    """The number typed, or None when the field is empty or holds only a separator."""
    try:
        return float(field.text().strip().replace(",", "."))
    except ValueError:
        return None


def tenth(x: float | Decimal) -> Decimal:
    """To 0.1 with halves rounded up, as a nurse rounds on paper (26.25 → 26.3)."""
    return Decimal(str(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figure(x: float | Decimal) -> str:
    """A number as a nurse writes it: "35", "26.3", no trailing zeros."""
    return format(Decimal(str(x)).normalize(), "f")
