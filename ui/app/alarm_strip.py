"""The strip above every screen (board, chair, review) that shows an alarm on any chair
until it is acknowledged, and says so while the alarm sound is silenced."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from monitor.vitals import Tier

MIN_BUTTON_WIDTH = 160  # px: "Chair 2: critical alarm" stays readable


class AlarmStrip(QFrame):
    """Unacknowledged alarms on chairs other than the one on screen, one button each, and
    "Sound silenced until 14:32" while a silence lasts."""

    def __init__(self, open_session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmStrip")
        self._open_session = open_session
        outer = QHBoxLayout(self)
        outer.setContentsMargins(6, 2, 6, 2)
        self._row = QHBoxLayout()
        outer.addLayout(self._row, 1)
        self.silenced = QLabel()
        self.silenced.setObjectName("soundSilenced")
        self.silenced.setStyleSheet("font-weight: 700; padding: 2px 8px;")
        self.silenced.hide()
        outer.addWidget(self.silenced)
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
            full = f"Chair {chair}: {tier.value} alarm — {text}"
            button = QPushButton(full)
            button.setToolTip(full)
            # the row shares the width out: a long finding is cut at the button's edge
            # (whole in the tooltip) and never widens the window
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(MIN_BUTTON_WIDTH)
            button.setProperty("tier", tier.value)
            button.clicked.connect(lambda _c=False, s=sid: self._open_session(s))
            self._row.addWidget(button)
        self._row.addStretch(1)
        self._show_if_needed()

    def buttons(self) -> list[QPushButton]:
        """The alarms' buttons now in the row (one replaced is deleted later)."""
        items = (self._row.itemAt(i) for i in range(self._row.count()))
        return [w for w in (i.widget() for i in items if i is not None)
                if isinstance(w, QPushButton)]

    def show_silence(self, words: str) -> None:
        """"Sound silenced until 14:32", or "" when the sound is on."""
        self.silenced.setText(words)
        self.silenced.setVisible(bool(words))
        self._show_if_needed()

    def _show_if_needed(self) -> None:
        self.setVisible(bool(self._shown) or self.silenced.isVisibleTo(self))
