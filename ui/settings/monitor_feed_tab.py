"""Clinic settings → Bedside monitors: the HL7 feed (off by default, loopback by
default), the silence before the disconnect alert, the vendor-local code table and the
point-of-care table (PV1-3 → chair). The listener re-reads both tables while it runs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from monitor.clinic_settings import ClinicSettings
from monitor.devices.feed_settings import TABLES_EVERY_S, checked
from monitor.errors import ChairsideError
from ui.settings.protocol_fields import muted
from ui.settings.tab_layout import lay_out_settings_tab


class MonitorFeedTab(QWidget):
    """Signals:
        saved(): the settings were stored (the tables apply to the next message, the
            rest from the next start).
    """

    saved = Signal()

    def __init__(self, settings: ClinicSettings, parent: QWidget | None = None,
                 now: str = "") -> None:
        super().__init__(parent)
        self.settings = settings
        self.dirty = False
        self.enabled = QCheckBox("Listen for bedside monitors (HL7 v2 over MLLP)")
        self.host, self.port, self.silence = QLineEdit(), QLineEdit(), QLineEdit()
        self.codes = QPlainTextEdit()
        self.codes.setPlaceholderText("MDIL 0002-4a05 = sbp")
        self.places = QPlainTextEdit()
        self.places.setObjectName("pointsOfCare")
        self.places.setPlaceholderText("^^CHAIR4 = 4")
        for edit in (self.host, self.port, self.silence):
            edit.textEdited.connect(self._edited)
        self.enabled.toggled.connect(self._edited)
        self.codes.textChanged.connect(self._edited)
        self.places.textChanged.connect(self._edited)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow("", muted("The monitor's own alarms remain the alarm system: Chairside "
                              "charts its values and the nurse validates them."))
        form.addRow("Address", self.host)
        form.addRow("", muted("127.0.0.1: this computer only (default). A network address "
                              "lets monitors on the network connect."))
        form.addRow("Port", self.port)
        self.now = muted(f"Now: {now}. The address, port and on/off above apply from "
                         f"the next start." if now else "")
        form.addRow("", self.now)
        form.addRow("Silence alert after (s)", self.silence)
        form.addRow("Vendor codes", self.codes)
        form.addRow("", muted("One a line: SYSTEM CODE = key (sbp, dbp, map, hr, pulse, "
                              "spo2, rr, temp_c)."))
        form.addRow("Points of care", self.places)
        form.addRow("", muted("One a line: POINT OF CARE = chair, as the monitor sends it "
                              "in PV1-3 (e.g. ^^CHAIR4 = 4). A monitor no one assigned goes "
                              "to that chair. A monitor assigned to a chair by hand stays "
                              "there whatever its PV1-3 says."))
        form.addRow("", muted(f"Both tables apply to the next message, within "
                              f"{TABLES_EVERY_S:g} s of saving: no restart."))
        self.message, self.save_button = lay_out_settings_tab(self, form, self.save)
        self.reload()

    def reload(self) -> None:
        s = self.settings.setting
        self.enabled.setChecked(s("monitor_feed") == "on")
        self.host.setText(s("monitor_feed_host"))
        self.port.setText(s("monitor_feed_port"))
        self.silence.setText(s("monitor_silence_seconds"))
        self.codes.setPlainText(s("monitor_local_codes"))
        self.places.setPlainText(s("monitor_points_of_care"))
        self.dirty = False

    def _edited(self, *_args: object) -> None:
        self.message.clear_message()
        self.dirty = True

    def save(self) -> bool:
        try:
            values = checked(self.enabled.isChecked(), self.host.text(), self.port.text(),
                             self.silence.text(), self.codes.toPlainText(),
                             self.places.toPlainText())
            for key, value in values.items():
                self.settings.set_setting(key, value)
        except ChairsideError as error:
            self.message.error(f"{error} Nothing was saved.")
            return False
        self.reload()
        self.message.info("Saved. The tables apply to the next message; the address, port "
                          "and on/off from the next start.")
        self.saved.emit()
        return True
