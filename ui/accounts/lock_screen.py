"""The locked screen: no names, no MRNs, no record; each chair's phase, clock, vitals due
and alarm tier stay in view so that a running clinic is never blind. A PIN unlocks it
(the same user, or another: switching user)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
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

COLUMNS = 4


def nameless_lines(status: ChairStatus) -> list[str]:
    """What a locked tile says: never the patient's initials or MRN."""
    if status.free:
        return [f"Chair {status.chair}", "Free", *filter(None, [status.monitor_text])]
    lines = [f"Chair {status.chair}", status.phase_label, status.big_text, status.small_text]
    if status.vitals_text:
        lines.append(("OVERDUE: " if status.vitals_overdue else "") + status.vitals_text)
    if status.alarm_tier is not None:
        lines.append(f"ALARM: {status.alarm_tier.value.upper()}")
    if status.monitor_text:  # no name in it: the feed's health only
        lines.append(status.monitor_text)
    return [line for line in lines if line]


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
        self.tiles = QGridLayout()
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
        layout.addLayout(self.tiles)
        layout.addStretch(1)
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
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event loop turn
                widget.deleteLater()
        for n, status in enumerate(self.statuses()):
            tile = QLabel("\n".join(nameless_lines(status)))
            tile.setObjectName(f"lockedChair{status.chair}")
            tile.setFrameShape(QFrame.Shape.Box)
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tiles.addWidget(tile, n // COLUMNS, n % COLUMNS)

    def tile_texts(self) -> list[str]:
        return [label.text() for label in self.findChildren(QLabel)
                if label.objectName().startswith("lockedChair")]

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
