"""User management for administrators (issue 10 §1): the clinic's accounts, and adding,
changing roles, unlocking, resetting password or PIN, deactivating. Every action goes
through the account service (admin only, audited); a refusal says which role it needs."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from monitor.accounts.account_service import AccountService
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.permissions import Action
from monitor.accounts.users import User
from monitor.errors import ChairsideError
from ui.admin.named import named
from ui.admin.user_forms import NewUserDialog, ResetDialog, RolesDialog
from ui.common.inline_message import InlineMessage
from ui.common.table_model import Index, RowsTableModel


class UsersModel(RowsTableModel):
    HEADERS = ("User name", "Printed name", "Credentials", "Roles", "Status")

    def __init__(self, now, parent=None) -> None:
        super().__init__(parent)
        self.now = now  # () → aware datetime: "locked until" is shown while it holds
        self.users: list[User] = []

    def set_users(self, users: list[User]) -> None:
        self.beginResetModel()
        self.users = users
        self._rows = [self._cells(u, self.now()) for u in users]
        self.endResetModel()

    @staticmethod
    def _cells(u: User, now: datetime) -> tuple[str, ...]:
        roles = ", ".join(sorted(r.label for r in u.roles))
        locked = u.sign_in.locked_until
        status = "Deactivated" if not u.active else \
            f"Locked until {locked:%H:%M} UTC" if locked and locked > now else \
            f"Active ({u.sign_in.failures} failed tries)" if u.sign_in.failures else "Active"
        return (u.username, u.printed_name, u.credentials, roles, status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole,
                                        Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None


class UsersDialog(QDialog):
    def __init__(self, accounts: AccountService, user: CurrentUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chairside — users")
        self.accounts, self.user = accounts, user
        self.model = UsersModel(accounts.clock.now, self)
        self.table = named(QTableView(), "usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = InlineMessage(self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (("add", "New user…", self.add_user),
                                ("roles", "Roles…", self.edit_roles),
                                ("unlock", "Unlock", self.unlock),
                                ("reset", "Reset password or PIN…", self.reset),
                                ("active", "Deactivate", self.toggle_active)):
            button = named(QPushButton(text), key)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._follow_selection)
        self.resize(860, 420)
        self.reload()

    def admin(self):
        return self.user.require(Action.MANAGE_USERS)

    def reload(self) -> None:
        self.model.set_users(self.accounts.users(self.admin()))
        self._follow_selection()

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.users[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        for i, u in enumerate(self.model.users):
            if u.username == username:
                self.table.selectRow(i)

    def _follow_selection(self, *_args) -> None:
        chosen = self.selected()
        for key in ("roles", "unlock", "reset", "active"):
            self.buttons[key].setEnabled(chosen is not None)
        self.buttons["active"].setText("Reactivate" if chosen is not None
                                       and not chosen.active else "Deactivate")

    # --- actions (each refused in words when not allowed) ------------------------------

    def _run(self, action, done: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            if action(chosen) is False:
                return
        except ChairsideError as error:
            self.message.error(str(error))
            return
        self.reload()
        self.select(chosen.username)
        self.message.info(done.format(user=chosen.username))

    def add_user(self) -> None:
        try:
            dialog = NewUserDialog(self.accounts, self.admin(), self)
        except ChairsideError as error:
            self.message.error(str(error))
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.user is not None:
            self.reload()
            self.select(dialog.user.username)
            self.message.info(f"Added {dialog.user.username}.")

    def edit_roles(self) -> None:
        self._run(lambda u: RolesDialog(self.accounts, self.admin(), u, self).exec()
                  == QDialog.DialogCode.Accepted, "Roles of {user} changed.")

    def unlock(self) -> None:
        self._run(lambda u: self.accounts.unlock(self.admin(), u.id), "{user} unlocked.")

    def reset(self) -> None:
        self._run(lambda u: ResetDialog(self.accounts, self.admin(), u, self).exec()
                  == QDialog.DialogCode.Accepted, "New secret set for {user}.")

    def toggle_active(self) -> None:
        chosen = self.selected()
        word = "reactivated" if chosen is not None and not chosen.active else "deactivated"
        self._run(lambda u: self.accounts.set_active(self.admin(), u.id, not u.active),
                  f"{{user}} {word}.")
