"""Field helpers: invalid marking, number fields, dialog width (rounding for display is
``monitor.numbers``)."""
from __future__ import annotations

from PySide6.QtCore import (
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Flags a field for the style sheet (red border) without changing its value."""
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_width(dialog: QDialog, width: int) -> None:
    """The dialog's minimum width; spare height goes above its buttons, not between rows
    (a ``FormDialog`` lays out form, message, buttons)."""
    dialog.setMinimumWidth(width)
    layout = dialog.layout()
    assert isinstance(layout, QBoxLayout), "a FormDialog lays out in a column"
    layout.insertStretch(layout.count() - 1, 1)


def number_field(placeholder: str, decimals: bool = True, width: int = 90) -> QLineEdit:
    """A short field for a number: digits, and (with ``decimals``) a comma or a dot."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    pattern = r"\d{0,4}([.,]\d{0,2})?" if decimals else r"\d{0,3}"
    field.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), field))
    field.setMaximumWidth(width)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    return field


def number_in(field: QLineEdit) -> float | None:
    """The number typed, or None when the field is empty or holds only a separator."""
    try:
        return float(field.text().strip().replace(",", "."))
    except ValueError:
        return None


def choice_box(items: tuple[str, ...], placeholder: str) -> QComboBox:
    """A fixed list with nothing chosen until the user picks."""
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setPlaceholderText(placeholder)
    combo.setCurrentIndex(-1)
    return combo


def field_row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    row.setFocusProxy(widgets[0])
    return row
