"""The "Alarm sounds" tab: says Chairside is not a replacement for the monitor's alarms,
stores tones and numbers the window then uses, refuses one tone for two tiers (nothing
stored), and its Play buttons reach the player (real dialog, real SQLite file)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from monitor.sound_settings import DEFAULT_SOUND, VOLUME_FLOOR
from tests.ui.conftest import answer_dialog
from ui.app.sound_player import NoSpeaker
from ui.settings.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot, ui_service):
    d = SettingsDialog(ui_service.settings)
    d.show()
    qtbot.waitExposed(d)
    yield d
    d.sound.reload()
    d.close()


def test_the_tab_says_it_is_not_a_replacement_for_the_monitors_alarms(dialog):
    [label] = dialog.sound.findChildren(QLabel, "notAReplacement")
    assert "not a replacement for the patient monitor's own alarms" in label.text()
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.sound)) == "Alarm sounds"


def test_saved_settings_are_stored_and_the_volume_has_a_floor(qtbot, dialog, ui_service):
    tab = dialog.sound
    assert tab.numbers["silence_min"].value() == DEFAULT_SOUND.silence_min
    tab.numbers["silence_min"].setValue(5)
    tab.numbers["volume_percent"].setValue(0)  # the spin box stops at the floor
    assert tab.numbers["volume_percent"].value() == VOLUME_FLOOR
    assert dialog.unsaved_tabs() == ["Alarm sounds"]
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message.text() == "Saved."
    stored = ui_service.settings.sound()
    assert (stored.silence_min, stored.volume_percent) == (5, VOLUME_FLOOR)


def test_one_tone_for_two_tiers_is_refused_and_nothing_stored(qtbot, dialog, ui_service):
    tab = dialog.sound
    box = tab.tones["advisory_tone"]
    box.setCurrentIndex(box.findData("pulses"))  # critical's tone
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "each need a sound of their own" in tab.message.text()
    assert "Nothing was saved" in tab.message.text()
    assert ui_service.settings.sound() == DEFAULT_SOUND


def test_the_window_takes_saved_settings_and_play_reaches_the_player(qtbot, window,
                                                                     ui_service, clock):
    player = NoSpeaker()
    window.set_sound_player(player)
    tried: list[str] = []
    player.play_tone = tried.append  # type: ignore[method-assign]

    def change(d):
        d.tabs.setCurrentWidget(d.sound)
        d.sound.numbers["silence_min"].setValue(4)
        d.sound.save()
        [play] = d.sound.findChildren(QPushButton, "play_critical_tone")
        qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
        d.reject()

    seen = answer_dialog(qtbot, change)
    window.open_settings()
    assert seen
    assert window.alarm_sound.rule.settings.silence_min == 4
    assert tried == ["pulses"]  # the critical alarm's tone
