"""Locks the window: on Ctrl+L, and after the idle time without a key or a click
(default 10 minutes). Unlocking by PIN signs that user in (switching user)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from monitor.accounts.account_service import AccountService
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.idle import DEFAULT_IDLE_LOCK_MINUTES, should_lock
from monitor.audit.entry import AuditEvent
from monitor.board import ChairStatus
from monitor.clock import Clock
from ui.accounts.lock_screen import LockScreen

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class Locker(QObject):
    def __init__(self, window: QWidget, accounts: AccountService, user: CurrentUser,
                 clock: Clock, statuses: Callable[[], list[ChairStatus]],
                 idle_minutes: int = DEFAULT_IDLE_LOCK_MINUTES) -> None:
        super().__init__(window)
        self.window = window
        self.accounts = accounts
        self.user = user
        self.clock = clock
        self.idle_minutes = idle_minutes
        self.last_input = clock.now()
        self.screen = LockScreen(accounts, statuses, window)
        self.screen.hide()
        self.screen.unlocked.connect(self._unlocked)
        self.shortcut = QShortcut(QKeySequence("Ctrl+L"), window)
        self.shortcut.activated.connect(lambda: self.lock("locked by the user"))
        self.idle = QTimer(self)
        self.idle.setInterval(15_000)
        self.idle.timeout.connect(self.check_idle)
        self.idle.start()
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.screen.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's)
        if event.type() in _INPUT and not self.locked:
            self.last_input = self.clock.now()
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.screen.setGeometry(self.window.rect())
        return False

    def check_idle(self) -> None:
        if not self.locked and should_lock(self.last_input, self.clock.now(),
                                           self.idle_minutes):
            self.lock(f"idle for {self.idle_minutes} minutes")

    def lock(self, why: str) -> None:
        if self.locked:
            return
        actor = self.user.actor
        if actor is not None:
            self.accounts.record(actor, AuditEvent("lock", detail=why))
        self.screen.setGeometry(self.window.rect())
        self.screen.show_locked(actor.username if actor else "")

    def _unlocked(self, actor) -> None:
        previous = self.user.actor
        self.user.sign_in(actor)
        self.last_input = self.clock.now()
        switched = previous is None or previous.user_id != actor.user_id
        self.accounts.record(actor, AuditEvent(
            "unlock", detail="switched user" if switched else "same user"))
