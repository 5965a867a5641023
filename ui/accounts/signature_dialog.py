"""Signing a session for real: the signer is the signed-in psychiatrist, who re-enters the
password and chooses what the signature means."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from monitor.accounts.actor import Actor
from monitor.accounts.signature import Meaning, Signature
from monitor.accounts.signing import SigningService
from monitor.errors import ChairsideError
from ui.common.form_dialog import FormDialog


class SignatureDialog(FormDialog):
    def __init__(self, signing: SigningService, actor: Actor, session_id: int, what: str,
                 seen_version: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Sign session", parent)
        self.signing = signing
        self.actor = actor
        self.session_id = session_id
        self.seen_version = seen_version
        self.signature: Signature | None = None
        self.setMinimumWidth(480)
        about = QLabel(f"{what}<br><br>You sign as <b>{actor.signature_name}</b>. Signing "
                       "locks the session: corrections are added as addenda with a reason.")
        about.setWordWrap(True)
        self.meaning = QComboBox()
        self.meaning.setObjectName("meaning")
        for meaning in Meaning:
            self.meaning.addItem(meaning.value, meaning)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(about)
        self.form.addRow("Meaning", self.meaning)
        self.form.addRow("Your password", self.password)
        self.fields["password"] = self.password
        self.password.setFocus()

    def accept(self) -> None:
        try:
            self.signature = self.signing.sign(self.actor, self.session_id,
                                               self.password.text(),
                                               self.meaning.currentData(), self.seen_version)
        except ChairsideError as error:
            self.password.clear()
            self.show_error(error)
            return
        super().accept()
