"""Clinic settings → Bedside monitors: off and loopback by default; a change is stored
and read back by the feed's settings; a typo is refused and nothing stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from monitor.devices.feed_settings import FeedSettings
from tests.ui.settings.test_settings_dialog import retype
from ui.settings.settings_dialog import SettingsDialog


@pytest.fixture
def tab(qtbot, ui_service):
    d = SettingsDialog(ui_service.settings)
    d.show()
    qtbot.waitExposed(d)
    yield d.monitors
    d.monitors.reload()
    d.close()


def test_off_and_loopback_by_default(tab, ui_service):
    assert not tab.enabled.isChecked()
    assert (tab.host.text(), tab.port.text(), tab.silence.text()) == ("127.0.0.1", "2575",
                                                                       "60")
    assert FeedSettings.read(ui_service.settings.setting) == FeedSettings(local_codes={},
                                                                          points_of_care={})


def test_turned_on_with_a_vendor_table(qtbot, tab, ui_service):
    tab.enabled.setChecked(True)
    retype(qtbot, tab.port, "2600")
    retype(qtbot, tab.silence, "90")
    tab.codes.setPlainText("MDIL 0002-4a05 = sbp")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    read = FeedSettings.read(ui_service.settings.setting)
    assert (read.enabled, read.port, read.silence_seconds) == (True, 2600, 90)
    assert read.local_codes == {("MDIL", "0002-4A05"): "sbp"}
    assert "Saved" in tab.message.text()


@pytest.mark.parametrize("field, text, words", [
    ("port", "70000", "1 to 65535"), ("silence", "2", "5–3600"), ("host", " ", "address")])
def test_a_typo_is_refused_and_nothing_stored(qtbot, tab, ui_service, field, text, words):
    retype(qtbot, getattr(tab, field), text)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert words in tab.message.text() and "Nothing was saved" in tab.message.text()
    assert FeedSettings.read(ui_service.settings.setting).port == 2575


def test_a_bad_vendor_line_is_refused(qtbot, tab, ui_service):
    tab.codes.setPlainText("MDIL 1 = blood")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Line 1" in tab.message.text()
    assert ui_service.settings.setting("monitor_local_codes") == ""


def test_a_point_of_care_table_is_stored_and_a_bad_line_refused(qtbot, tab, ui_service):
    said = " ".join(label.text() for label in tab.findChildren(QLabel))
    assert "assigned to a chair by hand stays there" in said  # the explicit binding wins
    tab.places.setPlainText("^^CHAIR4 = 4")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert FeedSettings.read(ui_service.settings.setting).points_of_care == {"CHAIR4": "4"}
    tab.places.setPlainText("^^CHAIR4")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Line 1" in tab.message.text() and "Nothing was saved" in tab.message.text()
    assert ui_service.settings.setting("monitor_points_of_care") == "^^CHAIR4 = 4"


def test_the_tab_says_what_this_workstation_listens_on_now(qtbot, ui_service):
    """The port above is the setting; a demo (a free port) or a change saved since the
    start (applies from the next start) listens elsewhere: the tab says where."""
    d = SettingsDialog(ui_service.settings, feed_now="Demo monitor on chair 1 (simulated, "
                                                    "127.0.0.1:40123)")
    qtbot.addWidget(d)
    assert d.monitors.port.text() == "2575"
    assert d.monitors.now.text() == ("Now: Demo monitor on chair 1 (simulated, "
                                     "127.0.0.1:40123). The address, port and on/off above "
                                     "apply from the next start.")
