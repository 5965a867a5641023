"""Locks the window: on Ctrl+L, and after the idle time without a key or a click
(default 10 minutes). Unlocking by PIN signs that user in (switching user).

While locked, the window's menus and shortcuts do nothing, and every dialog left open is
covered by a lock of its own (a modal dialog takes the keyboard, so its PIN is typed
there): the same user gets the dialogs back as left; another user's PIN closes them, as a
half-typed entry is not the next user's to save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget

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
        self.covers: list[tuple[QDialog, LockScreen, str]] = []  # dialog, cover, its title
        self.quieted: list[QAction | QShortcut | QWidget] = []
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
        if event.type() == QEvent.Type.Shortcut and self.locked \
                and watched is not self.shortcut:
            return True  # even one the window enabled again meanwhile does nothing
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
        self._quiet_window()
        self._cover_dialogs(actor.username if actor else "")

    def _quiet_window(self) -> None:
        """The menus and every shortcut off (Ctrl+L's own excepted) until unlocked."""
        acting: list[QAction | QShortcut | QWidget] = [
            *self.window.findChildren(QAction), *self.window.findChildren(QShortcut)]
        menus = getattr(self.window, "menuBar", None)
        if callable(menus):
            acting.append(menus())
        self.quieted = [x for x in acting if x is not self.shortcut and x.isEnabled()]
        for item in self.quieted:
            item.setEnabled(False)

    def _cover_dialogs(self, username: str) -> None:
        for top in QApplication.topLevelWidgets():
            if top is self.window or not isinstance(top, QDialog) or not top.isVisible():
                continue
            cover = LockScreen(self.accounts, list, top, "Chairside is locked.")
            cover.unlocked.connect(self._unlocked)
            cover.setGeometry(top.rect())
            self.covers.append((top, cover, top.windowTitle()))
            top.setWindowTitle("Chairside — locked")  # a title can name the patient
            cover.show_locked(username)

    def _uncover(self, switched: bool) -> None:
        self.screen.timer.stop()
        self.screen.hide()
        for item in self.quieted:
            item.setEnabled(True)
        self.quieted = []
        covers, self.covers = self.covers, []
        for dialog, cover, title in covers:
            cover.timer.stop()
            cover.hide()
            cover.deleteLater()
            dialog.setWindowTitle(title)
            if switched:
                dialog.reject()

    def _unlocked(self, actor) -> None:
        previous = self.user.actor
        switched = previous is None or previous.user_id != actor.user_id
        self._uncover(switched)
        self.user.sign_in(actor)
        self.last_input = self.clock.now()
        self.accounts.record(actor, AuditEvent(
            "unlock", detail="switched user" if switched else "same user"))
