"""Signing in: the password at the first sign-in of the day, the PIN to switch user or
unlock at the chair."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from monitor.accounts.account_service import AccountService
from monitor.accounts.actor import Actor
from monitor.errors import ChairsideError
from ui.common.form_dialog import FormDialog


class SignInDialog(FormDialog):
    """Asks a user name and a password (``kind="password"``) or PIN; ``actor`` is the
    signed-in user once accepted."""

    def __init__(self, accounts: AccountService, kind: str = "password", username: str = "",
                 note: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Sign in to Chairside" if kind == "password" else "Switch user",
                         parent)
        self.accounts = accounts
        self.kind = kind
        self.setMinimumWidth(380)  # the title whole ("Sign in t… hairside" at 230 px)
        self.actor: Actor | None = None
        if note:
            about = QLabel(note)
            about.setWordWrap(True)
            self.form.addRow(about)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.secret = QLineEdit()
        self.secret.setObjectName("secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow("User name", self.username)
        self.form.addRow("Password" if kind == "password" else "PIN", self.secret)
        self.fields.update(username=self.username, password=self.secret, pin=self.secret)
        (self.secret if username else self.username).setFocus()

    def accept(self) -> None:
        try:
            self.actor = self.accounts.sign_in(self.username.text(), self.secret.text(),
                                               self.kind)
        except ChairsideError as error:
            self.secret.clear()
            self.show_error(error)
            return
        super().accept()
