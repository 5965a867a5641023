"""Asks for a reason or a note, and saves it before closing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.errors import ChairsideError
from monitor.pause_reasons import with_pick
from ui.common.inline_message import InlineMessage
from ui.common.keyboard import is_ctrl_enter, only_ok_is_default, tab_leaves


class TextDialog(QDialog):
    """Asks for one line of text (or several): a reason (required) or a note.

    With ``save``, **OK** calls ``save(text)`` and closes only when it succeeds; a refusal
    or a failed save (database busy…) is shown in the dialog, which stays open with the
    text, so nothing typed is lost. ``saved`` holds what ``save`` returned.
    """

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None,
                 required: bool = True, multiline: bool = False,
                 save: Callable[[str], object] | None = None,
                 picks: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        said = QLabel(prompt)
        said.setWordWrap(True)  # a long prompt wraps, never cut at the dialog's edge
        layout.addWidget(said)
        self.editor = QPlainTextEdit() if multiline else QLineEdit()
        self.pick_buttons = self._picks(picks, layout)
        layout.addWidget(self.editor)
        self.message = InlineMessage(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._required = required
        self._save = save
        self.saved: object = None
        signal = self.editor.textChanged
        signal.connect(self._update_ok)
        self._update_ok()
        only_ok_is_default(self.buttons)
        tab_leaves(self.editor)
        self.editor.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+Enter: as OK, when OK may be pressed (a note's box keeps plain Enter)."""
        if is_ctrl_enter(event):
            event.accept()
            if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
                self.accept()
            return
        super().keyPressEvent(event)

    def _picks(self, picks: tuple[str, ...], layout: QVBoxLayout) -> dict[str, QPushButton]:
        """Quick picks (Alt+underlined letter): one fills the reason, free text may
        follow it or replace it."""
        buttons: dict[str, QPushButton] = {}
        if not picks:
            return buttons
        row = QHBoxLayout()
        for pick in picks:
            b = QPushButton("&" + pick)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, p=pick: self.pick(p))
            row.addWidget(b)
            buttons[pick] = b
        row.addStretch(1)
        layout.addLayout(row)
        return buttons

    def pick(self, reason: str) -> None:
        text = with_pick(self.text(), reason, tuple(self.pick_buttons))
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)
        self.editor.setFocus()

    def text(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText().strip()
        return self.editor.text().strip()

    def accept(self) -> None:
        if self._save is not None:
            try:
                self.saved = self._save(self.text())
            except ChairsideError as error:
                self.message.error(str(error))
                self.adjustSize()  # room for the whole message
                self.editor.setFocus()
                return
        super().accept()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text()) or not self._required)
