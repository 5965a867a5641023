"""The psychiatrist's two dialogs: sign a session, add an addendum to a signed one.

Each calls one ``SessionService`` method on OK; a refusal is shown inside the dialog,
which stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from monitor.errors import ChairsideError
from monitor.review import Addendum
from monitor.service import SessionService
from ui.dialogs import _FormDialog

REASONS = ("Late entry", "Correction", "Clarification", "Outcome after discharge")


class SignDialog(_FormDialog):
    """Asks who signs; on OK signs the session (which locks it)."""

    def __init__(self, service: SessionService, session_id: int, what: str,
                 default_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Sign session", parent)
        self.service = service
        self.session_id = session_id
        self.signed_by = ""
        self.setMinimumWidth(460)
        about = QLabel(f"{what}<br><br>Signing locks the session: nothing in it can be "
                       "changed afterwards; corrections are added as addenda with a reason.")
        about.setWordWrap(True)
        self.name = QLineEdit(default_name)
        self.name.setObjectName("signedBy")
        self.name.setPlaceholderText("Full name of the psychiatrist signing")
        self.form.addRow(about)
        self.form.addRow("Signed by", self.name)
        self.fields["by"] = self.name

    def accept(self) -> None:
        try:
            self.service.sign(self.session_id, self.name.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        self.signed_by = self.name.text().strip()
        super().accept()


class AddendumDialog(_FormDialog):
    """Text, reason and author of an addendum; on OK stores it."""

    def __init__(self, service: SessionService, session_id: int, default_author: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__("Add addendum", parent)
        self.service = service
        self.session_id = session_id
        self.addendum: Addendum | None = None
        self.setMinimumWidth(520)
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendumText")
        self.text.setPlaceholderText("What is added or corrected")
        self.text.setFixedHeight(110)
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(list(REASONS))
        self.reason.setCurrentIndex(-1)
        self.reason.lineEdit().setPlaceholderText("Why: choose or type")
        self.author = QLineEdit(default_author)
        self.author.setPlaceholderText("Full name")
        note = QLabel("The signed record stays as it is; the addendum is kept beside it "
                      "with its author and time.")
        note.setWordWrap(True)
        for label, key, widget in (("Addendum", "text", self.text),
                                   ("Reason", "reason", self.reason),
                                   ("Author", "author", self.author)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self.form.addRow(note)

    def accept(self) -> None:
        try:
            self.addendum = self.service.add_addendum(
                self.session_id, self.text.toPlainText(), self.reason.currentText(),
                self.author.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
