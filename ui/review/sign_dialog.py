"""Signing a session (which locks it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from monitor.errors import ChairsideError
from monitor.service import SessionService
from ui.common.form_dialog import FormDialog


class SignDialog(FormDialog):
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
