"""The "Drug list" tab: the names, units and routes a nurse picks from. No doses."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from monitor.clinic_settings import ClinicSettings
from monitor.errors import ChairsideError, InvalidEntry
from monitor.medications import ROUTES, UNITS
from monitor.text_limits import clean_text
from ui.common.inline_message import InlineMessage

NAMES_ONLY = "Names only: Chairside suggests no doses; the dose is typed when given."
DRUG, UNIT, ROUTE = range(3)


class DrugListTab(QWidget):
    """A table of drug / unit / route with Add, Remove and Save.

    Signals:
        saved(): the list was stored.
    """

    saved = Signal()

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.dirty = False
        self.caption = QLabel(NAMES_ONLY)
        self.caption.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(("Drug or intervention", "Unit", "Route"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DRUG, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ROUTE, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(UNIT, 110)
        self.table.setColumnWidth(ROUTE, 160)
        self.table.itemChanged.connect(self._changed)
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button = QPushButton("Save drug list")
        self.save_button.clicked.connect(self.save)
        self.message = InlineMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        for item in self.settings.formulary():
            self.add_row(item.drug, item.unit, item.route, edit=False)
        self.dirty = False

    def add_row(self, drug: str = "", unit: str = "mg", route: str = "IV",
                edit: bool = True) -> int:
        """Appends a row; a new, empty one is opened for typing the name."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        name = QTableWidgetItem(drug)
        self.table.setItem(row, DRUG, name)
        self.table.blockSignals(False)
        self.table.setCellWidget(row, UNIT, self._combo(UNITS, unit))
        self.table.setCellWidget(row, ROUTE, self._combo(ROUTES, route))
        if edit:
            self.dirty = True
            self.table.setCurrentCell(row, DRUG)
            self.table.editItem(name)
        return row

    def _combo(self, choices: tuple[str, ...], value: str) -> QComboBox:
        combo = QComboBox()
        combo.addItems(choices)
        if value not in choices:  # an old entry: keep it visible rather than change it
            combo.addItem(value)
        combo.setCurrentText(value)
        combo.currentTextChanged.connect(self._changed)
        return combo

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}
                      or ({self.table.currentRow()} - {-1}), reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self._changed()

    def _changed(self, *_args) -> None:
        self.dirty = True
        self.message.clear_message()

    def items(self) -> list[tuple[str, str, str]]:
        """The rows on screen, checked: every row named, no name twice, known unit/route."""
        items: list[tuple[str, str, str]] = []
        seen: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, DRUG)
            drug = " ".join(clean_text("drug", cell.text() if cell else "").split())
            unit = cast(QComboBox, self.table.cellWidget(row, UNIT)).currentText()
            route = cast(QComboBox, self.table.cellWidget(row, ROUTE)).currentText()
            if not drug:
                raise InvalidEntry(f"Row {row + 1} has no name: type one or remove the row.")
            if drug.casefold() in seen:
                raise InvalidEntry(f"{drug} is on the list twice (rows {seen[drug.casefold()]} "
                                   f"and {row + 1}); remove one.")
            if unit not in UNITS or route not in ROUTES:
                raise InvalidEntry(f"Row {row + 1}: choose a unit ({', '.join(UNITS)}) and a "
                                   f"route ({', '.join(ROUTES)}).")
            seen[drug.casefold()] = row + 1
            items.append((drug, unit, route))
        return items

    def save(self) -> bool:
        """Stores the list as shown; on refusal nothing is stored."""
        try:
            self.settings.set_formulary(self.items())
        except ChairsideError as error:
            self.message.error(f"{error} Nothing was saved.")
            return False
        self.reload()
        self.message.info("Saved. The new list is offered the next time a medication is "
                          "recorded; what was already given stays as recorded.")
        self.saved.emit()
        return True
