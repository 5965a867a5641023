"""The first start on a new database: the clinic's first administrator is created here
(Chairside has no default account or password)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from monitor.accounts.account_service import AccountService
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser, User
from monitor.errors import ChairsideError, InvalidEntry
from ui.common.form_dialog import FormDialog


class FirstAdminDialog(FormDialog):
    """Creates the first administrator; ``user`` is set once accepted."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__("Chairside — first start", parent)
        self.accounts = accounts
        self.user: User | None = None
        self.setMinimumWidth(480)  # the hints whole: "4 to 8 digits, to switch user…"
        about = QLabel("This database has no users yet. Create the clinic's first "
                       "administrator: they add the nurses and psychiatrists. There is no "
                       "default password.")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.username = self._field("username", "User name", "e.g. jlee")
        self.printed_name = self._field("printed_name", "Printed name", "as on a signature")
        self.credentials = self._field("credentials", "Credentials", "e.g. MD, RN (optional)")
        self.password = self._field("password", "Password", "at least 12 characters",
                                    secret=True)
        self.repeat = self._field("repeat", "Password again", "", secret=True)
        self.pin = self._field("pin", "PIN", "4 to 8 digits, to switch user at the chair",
                               secret=True)

    def _field(self, key: str, label: str, hint: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setPlaceholderText(hint)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        self.fields[key] = edit
        return edit

    def accept(self) -> None:
        try:
            if self.password.text() != self.repeat.text():
                raise InvalidEntry("The two passwords differ.", "repeat")
            self.user = self.accounts.create_first_admin(
                NewUser(self.username.text(), self.printed_name.text(),
                        self.credentials.text(), frozenset({Role.ADMIN})),
                self.password.text(), self.pin.text())
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()
