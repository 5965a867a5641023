"""The forms of the user management: a new user, a user's roles, a reset of password or
PIN. Each calls the account service, which checks the admin's role and the rules; a
refusal stays in the form, its field marked."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from monitor.accounts.account_service import AccountService
from monitor.accounts.actor import Actor
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser, User
from monitor.errors import ChairsideError, InvalidEntry
from ui.admin.named import named
from ui.common.form_dialog import FormDialog


class RoleBoxes(QWidget):
    def __init__(self, roles: frozenset[Role] = frozenset()) -> None:
        super().__init__()
        self.setObjectName("roles")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes = {}
        for role in Role:
            box = named(QCheckBox(role.label), f"role_{role.value}")
            box.setChecked(role in roles)
            row.addWidget(box)
            self.boxes[role] = box

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.boxes.items() if box.isChecked())


class _AccountForm(FormDialog):
    def __init__(self, title: str, accounts: AccountService, admin: Actor,
                 parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self.accounts, self.admin = accounts, admin
        self.setMinimumWidth(460)

    def field(self, key: str, label: str, hint: str = "", secret: bool = False,
              text: str = "") -> QLineEdit:
        edit = named(QLineEdit(text), key, hint)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        self.fields[key] = edit
        return edit

    def accept(self) -> None:
        try:
            self.save()
        except ChairsideError as error:
            self.show_error(error)
            return
        super().accept()

    def save(self) -> None:
        raise NotImplementedError


class NewUserDialog(_AccountForm):
    """A new account: names as on a signature, roles, password and PIN."""

    def __init__(self, accounts: AccountService, admin: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__("New user", accounts, admin, parent)
        self.user: User | None = None
        self.username = self.field("username", "User name", "e.g. kim.rivera")
        self.printed_name = self.field("printed_name", "Printed name", "as on a signature")
        self.credentials = self.field("credentials", "Credentials", "e.g. MD, RN (optional)")
        self.roles = RoleBoxes()
        self.form.addRow("Roles", self.roles)
        self.fields["roles"] = self.roles
        self.password = self.field("password", "Password", "at least 12 characters",
                                   secret=True)
        self.repeat = self.field("repeat", "Password again", secret=True)
        self.pin = self.field("pin", "PIN", "4 to 8 digits, to switch user at the chair",
                              secret=True)

    def save(self) -> None:
        if self.password.text() != self.repeat.text():
            raise InvalidEntry("The two passwords differ.", "repeat")
        self.user = self.accounts.add_user(
            self.admin, NewUser(self.username.text(), self.printed_name.text(),
                                self.credentials.text(), self.roles.roles()),
            self.password.text(), self.pin.text())


class RolesDialog(_AccountForm):
    def __init__(self, accounts: AccountService, admin: Actor, user: User,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Roles of {user.username}", accounts, admin, parent)
        self.user = user
        self.roles = RoleBoxes(user.roles)
        self.form.addRow(f"{user.printed_name}", self.roles)
        self.fields["roles"] = self.roles

    def save(self) -> None:
        self.accounts.set_roles(self.admin, self.user.id, self.roles.roles())


class ResetDialog(_AccountForm):
    """A new password, a new PIN, or both (an empty field keeps the old one)."""

    def __init__(self, accounts: AccountService, admin: Actor, user: User,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Reset password or PIN of {user.username}", accounts, admin,
                         parent)
        self.user = user
        self.password = self.field("password", "New password", "empty: unchanged",
                                   secret=True)
        self.repeat = self.field("repeat", "Password again", secret=True)
        self.pin = self.field("pin", "New PIN", "empty: unchanged", secret=True)

    def save(self) -> None:
        password, pin = self.password.text(), self.pin.text()
        if password != self.repeat.text():
            raise InvalidEntry("The two passwords differ.", "repeat")
        if not password and not pin:
            raise InvalidEntry("Enter a new password, a new PIN, or both.", "password")
        self.accounts.reset_secrets(self.admin, self.user.id, password or None, pin or None)
