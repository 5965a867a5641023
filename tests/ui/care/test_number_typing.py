"""Rate, medication and score fields keep every key typed; a typo or an out-of-range value
is refused in words and nothing is stored (real dialogs, real SQLite file)."""

from __future__ import annotations

import pytest

from tests.ui.care.test_care_dialogs import press_ok, shown, started
from ui.care.medication_dialog import MedicationDialog
from ui.care.rate_dialog import RateDialog


@pytest.mark.parametrize(("typed", "words"), [
    ("inf", "Pump rate “inf” is not a number"),
    ("4.3e16", "Pump rate “4.3e16” is not a number"),
    ("43000000", "Pump rate 43000000 mL/h is outside the allowed 0.1–600 mL/h."),
    ("600.1", "Pump rate 600.1 mL/h is outside the allowed 0.1–600 mL/h."),
    ("20.85", "finer than this field's resolution of 0.1 mL/h"),
    ("-5", "The pump rate must be more than 0 mL/h"),
])
def test_a_refused_rate_is_named_and_not_stored(qtbot, ui_service, clock, typed, words):
    sid = started(ui_service, clock)  # 1 mg/mL, 100 mL bag: at most 600 mL/h
    dialog = shown(qtbot, RateDialog(ui_service, ui_service.load(sid)))
    qtbot.keyClicks(dialog.rate, typed)
    assert dialog.rate.text() == typed
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert words in dialog.message.text()
    assert ui_service.load(sid).rates()[1:] == []


def test_a_rate_is_stored_as_typed(qtbot, ui_service, clock):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, RateDialog(ui_service, ui_service.load(sid)))
    qtbot.keyClicks(dialog.rate, "20,8")
    press_ok(qtbot, dialog)
    assert [rate for _at, rate in ui_service.load(sid).rates()[1:]] == [20.8]


@pytest.mark.parametrize(("typed", "words"), [
    ("inf", "Dose given “inf” is not a number"),
    ("1e3", "Dose given “1e3” is not a number"),
    ("4300000", "Dose given 4300000 mg is outside the allowed 0.001–1000 mg."),
    ("0.0005", "finer than this field's resolution of 0.001 mg"),
    (".", "Dose given “.” is not a number"),
])
def test_a_refused_medication_dose_is_named_and_not_stored(qtbot, ui_service, clock, typed,
                                                           words):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, MedicationDialog(ui_service, sid, ui_service.settings.formulary()))
    dialog.drug.setCurrentText("Ondansetron")
    dialog.unit.setCurrentText("mg")
    dialog.route.setCurrentText("IV")
    qtbot.keyClicks(dialog.dose, typed)
    assert dialog.dose.text() == typed
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert words in dialog.message.text()
    assert ui_service.load(sid).medications == []


def test_a_medication_dose_is_stored_as_typed(qtbot, ui_service, clock):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, MedicationDialog(ui_service, sid, ui_service.settings.formulary()))
    dialog.drug.setCurrentText("Ondansetron")
    dialog.unit.setCurrentText("mg")
    dialog.route.setCurrentText("IV")
    qtbot.keyClicks(dialog.dose, "0.125")
    press_ok(qtbot, dialog)
    assert [m.dose for m in ui_service.load(sid).medications] == [0.125]
