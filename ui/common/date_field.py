"""A date typed as text, with the date understood shown beside it (never a default)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from monitor.date_entry import example, order_of, parse_date
from monitor.errors import InvalidEntry


class DateField(QWidget):
    """A line for a date and, beside it, the date read from it in words ("14 March 1975")
    or why it is not one yet. An untouched field holds no date."""

    def __init__(self, parent: QWidget | None = None, field: str = "date_of_birth",
                 locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self.field = field
        # not ``self.locale``: that is QWidget's own method
        self.date_locale = locale or QLocale()
        self.order = order_of(self.date_locale.dateFormat(QLocale.FormatType.ShortFormat))
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{field}_text")
        self.edit.setMaxLength(20)
        self.edit.setPlaceholderText(f"1975-03-14 or {example(self.order)}")
        self.edit.setMaximumWidth(140)
        self.understood = QLabel()
        self.understood.setObjectName("dateUnderstood")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.understood, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._show)

    def text(self) -> str:
        return self.edit.text()

    def date(self) -> date:
        """The date typed. Raises InvalidEntry (this field's name) when it is not one."""
        return parse_date(self.edit.text(), self.order, self.field)

    def _show(self, text: str) -> None:
        if not text.strip():
            self.understood.setText("")
            return
        try:
            day = self.date()
        except InvalidEntry:
            self.understood.setText("not a date yet")
            return
        self.understood.setText(f"= {day.day} {day:%B %Y}")
