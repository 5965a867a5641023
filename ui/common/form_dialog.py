"""The base of Chairside's form dialogs: a form, an inline message line, OK and Cancel;
a refusal marks its field and stays in the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from monitor.errors import ChairsideError
from ui.common.fields import mark_invalid
from ui.common.inline_message import InlineMessage


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = InlineMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}

    def show_error(self, error: ChairsideError) -> None:
        for widget in self.fields.values():
            mark_invalid(widget, False)
        field = getattr(error, "field", "")
        if field in self.fields:
            mark_invalid(self.fields[field], True)
            self.fields[field].setFocus()
        self.message.error(str(error))
