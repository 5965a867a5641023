"""An addendum to a signed session, signed as the session was (issue 10 §2): the
signed-in psychiatrist is the author, re-enters the password and states its meaning."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from monitor.accounts.actor import Actor
from monitor.accounts.signature import Meaning
from monitor.accounts.signing import SigningService
from monitor.errors import ChairsideError
from monitor.review import Addendum
from ui.common.fields import reason_box
from ui.common.form_dialog import FormDialog
from ui.common.timefmt import hhmm

REASONS = ("Late entry", "Correction", "Clarification", "Outcome after discharge")


class AddendumDialog(FormDialog):
    """Text, reason, meaning and password; on OK stores the signed addendum."""

    def __init__(self, signing: SigningService, actor: Actor, session_id: int,
                 parent: QWidget | None = None,
                 items: list[tuple[str, tuple[str, int]]] | None = None) -> None:
        super().__init__("Add addendum", parent)
        self.signing = signing
        self.actor = actor
        self.session_id = session_id
        self.addendum: Addendum | None = None
        self.setMinimumWidth(520)
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendumText")
        self.text.setPlaceholderText("What is added or corrected")
        self.text.setFixedHeight(110)
        self.reason = reason_box(REASONS, "Why: choose or type")
        self.meaning = QComboBox()
        self.meaning.setObjectName("meaning")
        for meaning in (Meaning.AUTHORED, Meaning.REVIEWED):
            self.meaning.addItem(meaning.value, meaning)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # the structured item it corrects, if any (issue 9 §4): shown beside that item
        # in the PDF and the course table
        self.corrects = QComboBox()
        self.corrects.setObjectName("addendumCorrects")
        self.corrects.addItem("— (no one item)", None)
        items = items or []
        for label, ref in items:
            self.corrects.addItem(label, ref)
        self.corrects.setVisible(bool(items))
        note = QLabel(f"You sign as <b>{actor.signature_name}</b>. The signed record stays "
                      "as it is; the addendum is kept beside it with its signature.")
        note.setWordWrap(True)
        for label, key, widget in (("Addendum", "text", self.text),
                                   ("Reason", "reason", self.reason),
                                   ("Meaning", "meaning", self.meaning),
                                   ("Your password", "password", self.password)):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        if items:
            self.form.addRow("&Corrects", self.corrects)
        self.form.addRow(note)

    def accept(self) -> None:
        try:
            self.addendum = self.signing.add_addendum(
                self.actor, self.session_id, self.text.toPlainText(),
                self.reason.currentText(), self.password.text(), self.meaning.currentData(),
                corrects=self._corrects())
        except ChairsideError as error:
            self.password.clear()
            self.show_error(error)
            return
        super().accept()

    def _corrects(self) -> tuple[str, int] | None:
        data = self.corrects.currentData()  # Qt hands a stored tuple back as a list
        return (str(data[0]), int(data[1])) if data else None


def correctable(record, tz=None) -> list[tuple[str, tuple[str, int]]]:
    """The structured items of a session an addendum may name: medications and scores."""
    items = [(m.at, f"Medication {hhmm(m.at, tz)}: {m.summary()}", ("medication", m.id))
             for m in record.medications]
    items += [(a.at, f"Score {hhmm(a.at, tz)}: {a.summary()}", ("assessment", a.id))
              for a in record.assessments]
    return [(label, ref) for _at, label, ref in sorted(items, key=lambda i: i[0])]
