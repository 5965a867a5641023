"""Automatic daily backups of a SQLite clinic, and their age in the status bar.

The copy runs off the UI thread (SQLite's backup API holds no lock nurses wait for); the
label says when the last good backup was made and turns to a warning when it is older
than the clinic's setting, or when a backup failed.
"""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from monitor.clock import Clock
from monitor.errors import ChairsideError
from monitor.ports import Backups

CHECK_MS = 10 * 60_000  # how often "is a backup due?" is asked; a backup is daily


class BackupStatus(QLabel):
    finished = Signal(object)  # the backup's path, or the ChairsideError that stopped it

    def __init__(self, backups: Backups, clock: Clock, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatus")
        self.backups, self.clock = backups, clock
        self.failure: str | None = None
        self._running = False
        self.finished.connect(self._done)
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.back_up_if_due)

    def attach(self, window: QMainWindow) -> BackupStatus:
        """Shows the label in the window's status bar; backs up now if one is due."""
        window.statusBar().addPermanentWidget(self)
        self.back_up_if_due()
        self.timer.start()
        return self

    def last(self) -> datetime | None:
        return self.backups.last()

    def due(self) -> bool:
        return self.backups.due(self.clock.now())

    def back_up_if_due(self) -> bool:
        """Starts a backup in the background when the last is a day old; True if started."""
        self.show_age()
        if self._running or not self.due():
            return False
        self._running = True
        threading.Thread(target=self._back_up, name="chairside-backup", daemon=True).start()
        return True

    def _back_up(self) -> None:
        try:
            result: object = self.backups.back_up(self.clock.now())
        except ChairsideError as error:
            result = error
        self.finished.emit(result)  # queued to the UI thread

    def _done(self, result: object) -> None:
        self._running = False
        self.failure = str(result) if isinstance(result, ChairsideError) else None
        self.show_age()

    def show_age(self) -> None:
        last = self.last()
        now = self.clock.now()
        if last is None:
            text, warn = "No backup yet", True
        else:
            text = f"Last backup: {_ago(now - last)}"
            warn = now - last > self.backups.warn_after
            if warn:
                text += " — older than it should be: check the backups"
        if self.failure:
            text, warn = f"Backup failed: {self.failure}", True
        self.setText(text)
        self.setToolTip(self.backups.describe())
        self.setProperty("warning", warn)
        self.style().unpolish(self)  # the style sheet's [warning="true"] rule
        self.style().polish(self)


def _ago(age) -> str:
    minutes = max(int(age.total_seconds() // 60), 0)
    if minutes < 60:
        return "just now" if minutes < 1 else f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"
