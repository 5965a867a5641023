"""The base of Chairside's form dialogs: a form, an inline message line, OK and Cancel;
a refusal marks its field and stays in the dialog. Made for the keyboard: the dialog opens
with the focus in its first field, Enter (Ctrl+Enter in a notes box) submits from any
field and Tab leaves a notes box."""

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
from ui.common.keyboard import (
    first_field,
    focus_is_on_a_field,
    is_ctrl_enter,
    only_ok_is_default,
    tab_leaves,
)


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

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Typing starts in the first field: never on OK or Cancel, where a space typed
        in a name would press the button."""
        only_ok_is_default(self.buttons)
        for widget in self.fields.values():
            tab_leaves(widget)
        super().showEvent(event)
        if not focus_is_on_a_field(self):
            field = first_field(self.fields.values())
            if field is not None:
                field.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if is_ctrl_enter(event):
            event.accept()
            self.accept()
            return
        super().keyPressEvent(event)

    def show_error(self, error: ChairsideError) -> None:
        for widget in self.fields.values():
            mark_invalid(widget, False)
        field = getattr(error, "field", "")
        if field in self.fields:
            mark_invalid(self.fields[field], True)
            self.fields[field].setFocus()
        self.message.error(str(error))
        self.adjustSize()  # room for the message: the form above it is never squeezed
