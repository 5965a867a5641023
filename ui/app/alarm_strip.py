"""The strip above every screen that shows an alarm on any chair until it is acknowledged."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from monitor.vitals import Tier


class AlarmStrip(QFrame):
    """Unacknowledged alarms on chairs other than the one on screen, one button each."""

    def __init__(self, open_session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmStrip")
        self._open_session = open_session
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(6, 2, 6, 2)
        self._shown: list[tuple] = []
        self.hide()

    def show_alarms(self, items: list[tuple[int, str, Tier, str]]) -> None:
        """items: (session id, chair, tier, text) — rebuilt only when they change."""
        if items == self._shown:
            return
        self._shown = items
        while self._row.count():
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget:
                widget.deleteLater()
        for sid, chair, tier, text in items:
            button = QPushButton(f"Chair {chair}: {tier.value} alarm — {text}")
            button.setProperty("tier", tier.value)
            button.clicked.connect(lambda _c=False, s=sid: self._open_session(s))
            self._row.addWidget(button)
        self._row.addStretch(1)
        self.setVisible(bool(items))
