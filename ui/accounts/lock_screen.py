"""The locked screen: no names, no MRNs, no record; each chair's phase, clock, vitals due
and alarm tier stay in view so that a running clinic is never blind. A PIN unlocks it
(the same user, or another: switching user)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.accounts.account_service import AccountService
from monitor.accounts.actor import Actor
from monitor.board import ChairStatus
from monitor.errors import ChairsideError
from ui.board.board_view import BoardView


def plain(text: str) -> str:
    """A label's text without its markup (the phase badge is rich text)."""
    return re.sub(r"<[^>]+>", " ", text).strip()


def nameless(status: ChairStatus) -> ChairStatus:
    """The chair as the locked board shows it: no initials, no MRN."""
    return replace(status, initials="", mrn="")


class LockScreen(QFrame):
    """Covers the whole window. Signals: ``unlocked(Actor)`` after a good PIN."""

    unlocked = Signal(object)

    def __init__(self, accounts: AccountService, statuses: Callable[[], list[ChairStatus]],
                 parent: QWidget | None = None,
                 heading: str = "Chairside is locked. Patient names are hidden; the chairs "
                                "are below.") -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.accounts = accounts
        self.statuses = statuses
        # the board's own tiles, as big and as coloured, names left out: a running clinic
        # is never blind while the screen is locked
        self.board = BoardView(self, interactive=False)
        self.board.setObjectName("lockedBoard")
        self.username = QLineEdit()
        self.username.setObjectName("lockUsername")
        self.username.setPlaceholderText("User name")
        self.pin = QLineEdit()
        self.pin.setObjectName("lockPin")
        self.pin.setPlaceholderText("PIN")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.try_unlock)
        unlock = QPushButton("Unlock")
        unlock.setObjectName("unlock")
        unlock.clicked.connect(self.try_unlock)
        self.message = QLabel("")
        self.message.setObjectName("lockMessage")
        title = QLabel(heading)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form = QHBoxLayout()
        for widget in (self.username, self.pin, unlock):
            form.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.board, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)

    def show_locked(self, username: str = "") -> None:
        self.username.setText(username)
        self.pin.clear()
        self.message.clear()
        self.refresh()
        self.show()
        self.raise_()
        self.timer.start()
        (self.pin if username else self.username).setFocus()

    def refresh(self) -> None:
        self.board.show_statuses([nameless(s) for s in self.statuses()])

    def tile_texts(self) -> list[str]:
        """What each locked tile shows, as plain text (what a passer-by can read)."""
        return ["\n".join(plain(label.text()) for label in tile.findChildren(QLabel)
                          if label.isVisibleTo(tile) and label.text())
                for tile in self.board.tiles]

    def try_unlock(self) -> None:
        try:
            actor: Actor = self.accounts.sign_in(self.username.text(), self.pin.text(), "pin")
        except ChairsideError as error:
            self.pin.clear()
            self.message.setText(str(error))
            return
        self.timer.stop()
        self.hide()
        self.unlocked.emit(actor)
