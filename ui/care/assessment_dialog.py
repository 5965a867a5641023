"""One scale scored during a session: MOAA/S, the 0–10 dissociation rating, a CADSS or
MADRS total, or the PHQ-9 with its nine items."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from monitor.assessments import (
    MOAAS,
    PHQ9_ANSWERS,
    PHQ9_ITEMS,
    PHQ9_QUESTION,
    Assessment,
    item9_warning,
    phq9_band,
)
from monitor.errors import ChairsideError, InvalidEntry
from monitor.scales import SCALES, SESSION_SCALES
from monitor.service import SessionService
from ui.common.choice_buttons import PROMINENT, ChoiceGroup, ScoreButtons
from ui.common.fields import number_field, number_in, set_width
from ui.common.form_dialog import FormDialog
from ui.common.inline_message import InlineMessage
from ui.common.time_field import TimeField

# The kinds this dialog scores; the Modified Aldrete is scored in the discharge dialog.
DIALOG_KINDS = SESSION_SCALES
TOTAL_HELP = {
    "cadss": f"The total from the CADSS form, {SCALES['cadss'].range_text}.",
    "madrs": f"The total from the MADRS interview, {SCALES['madrs'].range_text}.",
}


class Phq9Form(QWidget):
    """The PHQ-9 stem, nine items with four answers each, the running total and band, and
    the item 9 warning as soon as item 9 is answered above 0.

    Signals:
        changed(): an answer changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        stem = QLabel(PHQ9_QUESTION)
        stem.setWordWrap(True)
        stem.setObjectName("phq9Question")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for col, answer in enumerate(PHQ9_ANSWERS):
            header = QLabel(f"{answer.capitalize()}\n({col})")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, col + 2)
        self.items: list[ScoreButtons] = []
        for row, text in enumerate(PHQ9_ITEMS, start=1):
            label = QLabel(text)
            label.setWordWrap(True)
            choice = ScoreButtons([(score, str(score)) for score in range(len(PHQ9_ANSWERS))],
                                  parent=self)
            for score, button in choice.buttons.items():
                button.setAccessibleName(f"Item {row}: {PHQ9_ANSWERS[score]}")
                grid.addWidget(button, row, score + 2, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(QLabel(f"{row}."), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
            choice.changed.connect(self._update)
            self.items.append(choice)
        self.total = QLabel()
        self.total.setObjectName("phq9Total")
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        self.item9_warning = InlineMessage()
        self.item9_warning.setStyleSheet(PROMINENT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(stem)
        layout.addLayout(grid)
        layout.addWidget(self.total)
        layout.addWidget(self.item9_warning)
        self.setFocusProxy(self.items[0].buttons[0])
        self._update()

    def answers(self) -> list[int | None]:
        return [choice.value() for choice in self.items]

    def unanswered(self) -> list[int]:
        """Item numbers (from 1) not answered yet."""
        return [n for n, answer in enumerate(self.answers(), start=1) if answer is None]

    def _update(self) -> None:
        answers = self.answers()
        total = sum(a for a in answers if a is not None)
        missing = self.unanswered()
        if missing:
            self.total.setText(f"Total so far {total} — {len(missing)} of 9 items not "
                               f"answered ({', '.join(map(str, missing))})")
        else:
            self.total.setText(f"Total {total} of 27 — {phq9_band(total)}")
        item9 = answers[8]
        if item9:
            self.item9_warning.error(item9_warning(tuple(a or 0 for a in answers)))
        else:
            self.item9_warning.clear_message()
        self.changed.emit()


class AssessmentDialog(FormDialog):
    """Scores one scale and stores it through the service; a refusal stays in the dialog.

    Attributes:
        assessment: the stored ``Assessment`` after Save, else None.
    """

    def __init__(self, service: SessionService, session_id: int, kind: str,
                 parent: QWidget | None = None) -> None:
        if kind not in DIALOG_KINDS:
            raise ValueError(f"AssessmentDialog scores {DIALOG_KINDS}, not {kind!r}")
        super().__init__(SCALES[kind].name, parent)
        self.service = service
        self.session_id = session_id
        self.kind = kind
        self.assessment: Assessment | None = None
        self.choice: ChoiceGroup | None = None
        self.total: QLineEdit | None = None
        self.phq9: Phq9Form | None = None
        self._build_score()
        self.when = TimeField(lambda: service.clock.now().astimezone())
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional")
        self.form.addRow("Scored at", self.when)
        self.form.addRow("Note", self.note)
        self.fields.update({"taken_at": self.when})
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Save")
        set_width(self, 880 if kind == "phq9" else 460)

    def _build_score(self) -> None:
        kind = self.kind
        if kind == "moaas":
            self.choice = ChoiceGroup([(n, f"&{n} — {MOAAS[n]}") for n in sorted(MOAAS)[::-1]])
            self.form.addRow("Level", self.choice)
            self.fields["score"] = self.choice
        elif kind == "dissociation":
            self.choice = ChoiceGroup([(n, str(n)) for n in range(11)], vertical=False,
                                      toggles=True)
            self.form.addRow("Rating", self.choice)
            self.form.addRow("", QLabel("0 = none, 10 = the most intense"))
            self.fields["score"] = self.choice
        elif kind == "phq9":
            self.phq9 = Phq9Form()
            self.form.addRow(self.phq9)
            self.fields["items"] = self.phq9
        else:
            self.total = number_field(SCALES[kind].range_text, decimals=False)
            self.total.setObjectName(f"{kind}Total")
            self.form.addRow("Total", self.total)
            self.form.addRow("", QLabel(TOTAL_HELP[kind]))
            self.fields["score"] = self.total

    def _score(self) -> int | None:
        if self.choice is not None:
            if self.choice.value() is None:
                raise InvalidEntry("Choose a score.", "score")
            return self.choice.value()
        if self.total is not None:
            value = number_in(self.total)
            return None if value is None else int(value)
        return None

    def accept(self) -> None:
        try:
            score = self._score()
            items = () if self.phq9 is None else tuple(
                a for a in self.phq9.answers() if a is not None)
            self.assessment = self.service.record_assessment(
                self.session_id, self.kind, score=score, items=items,
                at=self.when.chosen_time(), note=self.note.text())
        except ChairsideError as error:
            self.show_error(error)
            field = getattr(error, "field", "")
            if self.phq9 is not None and field == "items" and self.phq9.unanswered():
                missing = ", ".join(map(str, self.phq9.unanswered()))
                self.message.error(f"{error} Not answered yet: {missing}.")
            return
        super().accept()
