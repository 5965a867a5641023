"""The one page shape of a settings tab: what the tab holds, its message line, and Save at
the bottom right."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.common.inline_message import InlineMessage


def lay_out_settings_tab(tab: QWidget, form: QFormLayout, save: Callable[[], object],
                         above: Iterable[QWidget] = (), below: Iterable[QWidget] = ()
                         ) -> tuple[InlineMessage, QPushButton]:
    """Lays ``tab`` out; its message line and its Save button (wired to ``save``)."""
    message = InlineMessage(tab)
    button = QPushButton("Save")
    button.clicked.connect(save)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(button)
    layout = QVBoxLayout(tab)
    for widget in above:
        layout.addWidget(widget)
    layout.addLayout(form)
    for widget in below:
        layout.addWidget(widget)
    layout.addWidget(message)
    layout.addStretch(1)
    layout.addLayout(buttons)
    return message, button
