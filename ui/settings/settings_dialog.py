"""Clinic settings: protocols, the clinic's name and chairs, and the drug list.

Each tab saves on its own button; a refused value is shown on the tab and nothing is stored.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from monitor.clinic import CHAIRS_HIGH, CHAIRS_LOW, check_chair_count
from monitor.clinic_settings import ClinicSettings
from monitor.errors import ChairsideError
from ui.common.fields import mark_invalid
from ui.settings.drug_list_tab import DrugListTab
from ui.settings.monitor_feed_tab import MonitorFeedTab
from ui.settings.protocol_editor import ProtocolsTab
from ui.settings.protocol_fields import muted
from ui.settings.safety_tab import SafetyTab
from ui.settings.sound_tab import SoundTab
from ui.settings.tab_layout import lay_out_settings_tab


class ClinicTab(QWidget):
    """The clinic's name (printed on reports) and how many chairs it has.

    Signals:
        saved(): both values were stored.
    """

    saved = Signal()

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.dirty = False
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.setFixedWidth(360)
        self.name.setPlaceholderText("e.g. Riverside Ketamine Clinic")
        self.chairs = QLineEdit()
        self.chairs.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"),
                                                             self.chairs))
        self.chairs.setMaximumWidth(90)
        for edit in (self.name, self.chairs):
            edit.textEdited.connect(lambda _t, e=edit: self._edited(e))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("Clinic name", self.name)
        form.addRow("", muted("Used on session reports."))
        form.addRow("Number of chairs", self.chairs)
        form.addRow("", muted(f"{CHAIRS_LOW}–{CHAIRS_HIGH} (software bound) · default 4. "
                              "The clinic board shows this many chairs."))
        self.message, self.save_button = lay_out_settings_tab(self, form, self.save)
        self.reload()

    def reload(self) -> None:
        self.name.setText(self.settings.clinic_name())
        self.chairs.setText(str(self.settings.chair_count()))
        self.dirty = False

    def _edited(self, edit: QLineEdit) -> None:
        mark_invalid(edit, False)
        self.message.clear_message()
        self.dirty = True

    def chair_count(self) -> int:
        return check_chair_count(self.chairs.text())

    def save(self) -> bool:
        mark_invalid(self.chairs, False)
        try:
            chairs = self.chair_count()
            clinic = self.name.text()  # checked by ClinicSettings.set_setting
            self.settings.set_setting("clinic_name", clinic)
            self.settings.set_setting("chair_count", str(chairs))
        except ChairsideError as error:
            if getattr(error, "field", "") == "chair_count":
                mark_invalid(self.chairs, True)
                self.chairs.setFocus()
            self.message.error(f"{error} Nothing was saved.")
            return False
        self.reload()
        self.message.info("Saved.")
        self.saved.emit()
        return True


class SettingsDialog(QDialog):
    """The clinic's settings in tabs; each tab saves on its own button.

    Signals:
        protocols_changed(): a protocol was stored.
        clinic_changed(): the clinic name or chair count was stored.
        formulary_changed(): the drug list was stored.
        safety_changed(): the number ranges, pump resolution or guard tolerances were stored.
        sound_changed(): the alarm sound settings were stored.
    """

    protocols_changed = Signal()
    clinic_changed = Signal()
    formulary_changed = Signal()
    safety_changed = Signal()
    sound_changed = Signal()

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None,
                 feed_now: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Clinic settings")
        self.resize(1060, 820)
        self.protocols = ProtocolsTab(settings)
        self.clinic = ClinicTab(settings)
        self.drugs = DrugListTab(settings)
        self.safety = SafetyTab(settings)
        self.sound = SoundTab(settings)
        self.monitors = MonitorFeedTab(settings, now=feed_now)  # bedside monitors (issue 12)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.protocols, "Protocols")
        self.tabs.addTab(self.clinic, "Clinic")
        self.tabs.addTab(self.drugs, "Drug list")
        self.tabs.addTab(self.safety, "Numbers and guards")
        self.tabs.addTab(self.sound, "Alarm sounds")
        self.tabs.addTab(self.monitors, "Bedside monitors")
        self.protocols.saved.connect(self.protocols_changed)
        self.clinic.saved.connect(self.clinic_changed)
        self.drugs.saved.connect(self.formulary_changed)
        self.safety.saved.connect(self.safety_changed)
        self.sound.saved.connect(self.sound_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def unsaved_tabs(self) -> list[str]:
        return [self.tabs.tabText(self.tabs.indexOf(tab))
                for tab in (self.protocols, self.clinic, self.drugs, self.safety, self.sound,
                            self.monitors) if tab.dirty]

    def reject(self) -> None:
        """Closes; asks first when a tab has changes that were not saved."""
        unsaved = self.unsaved_tabs()
        if unsaved:
            answer = QMessageBox.question(
                self, "Unsaved changes",
                f"Not saved: {', '.join(unsaved)}. Close and discard these changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
