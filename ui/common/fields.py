"""Field helpers: invalid marking, number fields, dialog width (rounding for display is
``monitor.numbers``)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from monitor.number_entry import MAX_TYPED


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
    """A short field for a number. It shows every key typed (no validator drops one):
    the dialog reads it with a ``monitor.number_entry.NumberRule`` and refuses a typo
    naming the range. ``decimals`` is kept for callers; the rule decides the step."""
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setMaxLength(MAX_TYPED)
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


def reason_box(items: tuple[str, ...] | list[str], placeholder: str) -> QComboBox:
    """Suggestions in a list, free text allowed. No inline completion: "cuff" typed is
    stored as "cuff", not silently lengthened to the first suggestion it begins."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(items))
    combo.setCompleter(None)  # type: ignore[arg-type]  # Qt: None turns it off
    combo.setCurrentIndex(-1)
    typed = combo.lineEdit()
    assert typed is not None, "an editable combo box has its line edit"
    typed.setPlaceholderText(placeholder)
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
