"""Dialogs typed from start to finish: focus lands in the first field, Enter (or
Ctrl+Enter in a multi-line box) submits from any field, Tab leaves a notes box."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


def is_ctrl_enter(event: QKeyEvent) -> bool:
    """Ctrl+Enter: a multi-line box ignores it, so it reaches the dialog, which submits
    (plain Enter there starts a new line)."""
    return (Qt.Key(event.key()) in ENTER_KEYS
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))


def tab_leaves(editor: QWidget) -> None:
    """Tab moves on from a multi-line box instead of typing a tab into the record."""
    if isinstance(editor, (QPlainTextEdit, QTextEdit)):
        editor.setTabChangesFocus(True)


def only_ok_is_default(buttons: QDialogButtonBox) -> None:
    """Enter presses OK, never the button that happens to hold the focus (Cancel)."""
    for button in buttons.buttons():
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        ok.setDefault(True)


def first_field(fields: Iterable[QWidget]) -> QWidget | None:
    """The first field that can take typing now (shown and enabled)."""
    for widget in fields:
        if widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus \
                and not widget.isHidden():
            return widget
    return None


def focus_is_on_a_field(dialog: QDialog) -> bool:
    """True when the focus is already in an input (a dialog chose its own first field)."""
    widget: QObject | None = dialog.focusWidget()
    return widget is not None and not isinstance(widget, QAbstractButton)
