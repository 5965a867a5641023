"""The "Protocols" tab: the stored protocols, and an editor for one of them.

Every number is a clinic setting; each field says its allowed range and where its default
comes from (``shared/docs/clinical-reference.md``). A value outside its range is refused
with a message naming the range, never clamped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from monitor.clinic_settings import ClinicSettings
from monitor.errors import ChairsideError, InvalidEntry
from monitor.protocol import Protocol, check_protocol, check_unique_name
from ui.common.fields import mark_invalid
from ui.common.inline_message import InlineMessage
from ui.settings.limits_model import LimitsModel
from ui.settings.protocol_fields import (
    DECIMAL,
    FIELDS,
    KEEP_NOTE,
    LIMITS_NOTE,
    SAVED,
    WHOLE,
    caption,
    muted,
)


class ProtocolsTab(QWidget):
    """Lists protocols; "New protocol" starts from the defaults; "Save protocol" stores one.

    Signals:
        saved(object): a ``Protocol`` was stored (as the database returned it).
    """

    saved = Signal(object)

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.current: Protocol | None = None  # what the editor was loaded from
        self._loading = False
        self.dirty = False

        self.list = QListWidget()
        self.list.setMaximumWidth(210)
        self.list.currentItemChanged.connect(self._picked)
        self.new_button = QPushButton("New protocol")
        self.new_button.clicked.connect(self.new_protocol)
        left = QVBoxLayout()
        left.addWidget(QLabel("Protocols"))
        left.addWidget(self.list)
        left.addWidget(self.new_button)

        self.edits: dict[str, QLineEdit] = {}
        form = self._form()
        limits_box = self._limits_box()

        self.note = muted(KEEP_NOTE)
        self.message = InlineMessage(self)
        self.save_button = QPushButton("Save protocol")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.save_button)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(limits_box, 1)
        right.addWidget(self.message)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.reload()

    # --- building -----------------------------------------------------------------

    def _form(self) -> QGridLayout:
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.setHorizontalSpacing(10)
        for row, spec in enumerate(FIELDS):
            edit = QLineEdit()
            text = caption(spec)
            edit.setToolTip(text)
            if spec.range is None:
                edit.setMaxLength(120)
                edit.setFixedWidth(260)
            else:
                edit.setValidator(QRegularExpressionValidator(WHOLE if spec.whole else DECIMAL,
                                                              edit))
                edit.setFixedWidth(90)
            edit.textEdited.connect(lambda _t, e=edit: self._edited(e))
            self.edits[spec.key] = edit
            line = QHBoxLayout()
            line.setSpacing(10)
            line.addWidget(edit)
            line.addWidget(muted(text), 1)
            form.addWidget(QLabel(spec.label), row, 0)
            form.addLayout(line, row, 1)
        return form

    def _limits_box(self) -> QGroupBox:
        self.limits = LimitsModel(self)
        self.limits.refused.connect(self._limit_refused)
        self.limits.edited.connect(self._limit_edited)
        self.table = QTableView()
        self.table.setModel(self.limits)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.SelectedClicked
                                   | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(self.fontMetrics().height() + 6)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        limits_box = QGroupBox("Alarm limits")
        box = QVBoxLayout(limits_box)
        self.limits_note = QLabel(LIMITS_NOTE)
        self.limits_note.setObjectName("limitsNote")
        self.limits_note.setStyleSheet("font-weight: 600;")
        box.addWidget(self.limits_note)
        box.addWidget(muted("Double-click a threshold to change it. A reading that meets "
                            "a critical limit is critical; otherwise one that meets an "
                            "advisory limit is advisory. Rises are over the patient's own "
                            "baseline (the last set before the infusion started)."))
        box.addWidget(self.table)
        return limits_box

    # --- loading -------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Lists the stored protocols and opens ``select_id`` (or the first) in the editor."""
        protocols = self.settings.protocols()
        self._loading = True
        self.list.clear()
        for p in protocols:
            item = QListWidgetItem(p.name)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.list.addItem(item)
        self._loading = False
        row = next((i for i, p in enumerate(protocols) if p.id == select_id), 0)
        if protocols:
            self.list.setCurrentRow(row)
        else:
            self.new_protocol()

    def _picked(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if self._loading or item is None:
            return
        protocol = item.data(Qt.ItemDataRole.UserRole)
        if self.current is not None and protocol.id == self.current.id:
            return
        if not self._may_discard():
            self._loading = True
            self.list.setCurrentItem(previous)  # type: ignore[arg-type]  # Qt takes None
            self._loading = False
            return
        self.load(protocol)

    def new_protocol(self) -> None:
        """Fills the editor with the clinical reference's defaults and an empty name."""
        if not self._may_discard():
            return
        self._loading = True
        self.list.clearSelection()
        self.list.setCurrentItem(None)  # type: ignore[call-overload]  # Qt takes None
        self._loading = False
        self.load(Protocol(name="", id=None))
        self.edits["name"].setFocus()

    def load(self, p: Protocol) -> None:
        self.current = p
        for spec in FIELDS:
            value = getattr(p, spec.key)
            self.edits[spec.key].setText(value if isinstance(value, str) else f"{value:g}")
            mark_invalid(self.edits[spec.key], False)
        self.limits.set_limits(p.limits)
        self.message.clear_message()
        self.dirty = False

    # --- editing and saving --------------------------------------------------------

    def _edited(self, edit: QLineEdit) -> None:
        mark_invalid(edit, False)
        self.dirty = True

    def _limit_edited(self) -> None:
        self.dirty = True
        self.message.clear_message()

    def _limit_refused(self, text: str) -> None:
        self.message.error(text)

    def _may_discard(self) -> bool:
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes",
            "This protocol has changes that are not saved. Discard them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def edited_protocol(self) -> Protocol:
        """The protocol on screen, checked; raises ``InvalidEntry`` naming the range."""
        values: dict[str, Any] = {}  # str or number, by FIELDS
        for spec in FIELDS:
            text = self.edits[spec.key].text().strip()
            if spec.range is None:
                values[spec.key] = text
                continue
            if not text:
                raise InvalidEntry(f"Enter {spec.label.lower()}: {caption(spec)}.", spec.key)
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                raise InvalidEntry(f"{spec.label} must be a number: {caption(spec)}.",
                                   spec.key) from None
            values[spec.key] = int(number) if spec.whole else number
        assert self.current is not None, "reload() always loads a protocol"
        p = Protocol(**values, limits=self.limits.limits(), id=self.current.id)
        p = check_protocol(p)
        check_unique_name(p, self.settings.protocols())
        return p

    def save(self) -> Protocol | None:
        """Checks and stores the protocol on screen; on refusal nothing is stored."""
        for edit in self.edits.values():
            mark_invalid(edit, False)
        try:
            stored = self.settings.save_protocol(self.edited_protocol())
        except ChairsideError as error:
            self.show_error(error)
            return None
        self.dirty, self.current = False, None  # so the stored copy is loaded afresh
        self.reload(stored.id)
        self.message.info(SAVED)
        self.saved.emit(stored)
        return stored

    def show_error(self, error: ChairsideError) -> None:
        edit = self.edits.get(getattr(error, "field", ""))
        if edit is not None:
            mark_invalid(edit, True)
            edit.setFocus()
        self.message.error(f"{error} Nothing was saved.")
