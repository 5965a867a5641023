"""An inline message line under a form: calm for information, clear for a refusal."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class InlineMessage(QLabel):
    """A line under a form that says what was wrong (or what was saved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("inlineMessage")
        self.hide()

    def error(self, text: str) -> None:
        self.setProperty("level", "error")
        self._show(text)

    def warning(self, text: str) -> None:
        self.setProperty("level", "warning")
        self._show(text)

    def info(self, text: str) -> None:
        self.setProperty("level", "info")
        self._show(text)

    def _show(self, text: str) -> None:
        self.setText(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()
