"""The "Numbers and guards" tab: each value kept exactly as typed or refused in words, and
what is saved is what the service then uses (real dialog, real SQLite file)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from monitor.errors import InvalidEntry
from tests.ui.settings.test_settings_dialog import retype
from ui.settings.settings_dialog import SettingsDialog


@pytest.fixture
def tab(qtbot, ui_service):
    d = SettingsDialog(ui_service.settings)
    d.show()
    qtbot.waitExposed(d)
    yield d.safety
    d.safety.reload()  # nothing left unsaved: closing asks no question
    d.close()


def save(qtbot, tab) -> None:
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)


def test_defaults_are_shown_and_a_change_is_used_by_the_service(qtbot, tab, ui_service):
    assert tab.edits["pump_resolution_ml_h"].text() == "0.1"
    assert tab.edits["aldrete_window_min"].text() == "15"
    retype(qtbot, tab.edits["concentration_high"], "10")
    retype(qtbot, tab.edits["pump_resolution_ml_h"], "0,01")
    save(qtbot, tab)
    assert tab.message.text() == "Saved."
    stored = ui_service.settings.safety()
    assert (stored.concentration_high, stored.pump_resolution_ml_h) == ("10", "0.01")
    ui_service.use_stored_safety()
    with pytest.raises(InvalidEntry, match="outside the allowed 0.01–10 mg/mL"):
        ui_service.safety.concentration_rule().read("50")


@pytest.mark.parametrize(("key", "typed", "words"), [
    ("aldrete_window_min", "15.5", "finer than this field's resolution of 1 min old"),
    ("rate_high", "1e4", "“1e4” is not a number"),
    ("concentration_low", "500", "The concentration range must run from above 0"),
])
def test_a_typo_or_impossible_range_is_refused_and_nothing_stored(qtbot, tab, ui_service,
                                                                    key, typed, words):
    retype(qtbot, tab.edits[key], typed)
    assert tab.edits[key].text() == typed
    save(qtbot, tab)
    assert words in tab.message.text() and "Nothing was saved." in tab.message.text()
    assert ui_service.settings.setting("safety") == ""
