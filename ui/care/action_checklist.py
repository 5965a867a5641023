"""The actions taken for an alarm: tick one or several (Space ticks the one under the
cursor, arrows move); nothing is ticked until the nurse ticks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from monitor.alarms import ACTIONS, join_actions


class ActionChecklist(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmActions")
        for text in ACTIONS:
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setCurrentRow(0)
        rows = self.sizeHintForRow(0) * len(ACTIONS) + 2 * self.frameWidth()
        self.setFixedHeight(rows)
        self.itemDoubleClicked.connect(self._toggle)

    def _toggle(self, item: QListWidgetItem) -> None:
        ticked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)

    def checked(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, actions: list[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in actions
                               else Qt.CheckState.Unchecked)

    def text(self) -> str:
        """What is stored: the ticked actions, joined in the list's order."""
        return join_actions(self.checked())
