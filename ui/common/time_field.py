"""A time that follows the clock until the user sets it (earlier, within the session)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from monitor.local_time import latest_at_or_before

# How often a dialog re-reads the clock while it is open.
TICK_MS = 5000


class TimeField(QWidget):
    """A time of day that follows the clock until the user sets it (as the vitals form's
    "Taken at" does); **Now** puts it back on the clock.

    Args:
        now: the current time as an aware local datetime (the service's clock).
        tz: the zone whose rules turn the time set into an instant (None: the computer's).
    """

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None,
                 tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self._clock = now
        self._tz = tz
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

    def hold(self, when: datetime) -> None:
        """Shows ``when`` (a local time) and stops following the clock; not editable
        until ``follow_clock`` (a monitor set's time is the monitor's)."""
        self._following = False
        self._set_time(when)
        self.setEnabled(False)

    def follow_clock(self) -> None:
        self.setEnabled(True)
        self._following = True
        self.now_button.setEnabled(False)
        self.tick()

    def chosen_time(self) -> datetime | None:
        """None for now; otherwise the time set, today's (yesterday's if later than now),
        placed with the zone's rules for that day: set back across a daylight-saving
        change it keeps the offset of then, not of now.

        Raises:
            InvalidEntry: the time did not exist that day (the clocks went forward).
        """
        self._now = self._clock()
        if self._following:
            return None
        t = self.edit.time()
        return latest_at_or_before(self._now, t.hour(), t.minute(), self._tz)
