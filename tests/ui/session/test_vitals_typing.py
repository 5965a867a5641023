"""Every key typed into the vitals form is shown; a value that is not a plain number, or
not plausible, is refused naming the range and nothing is stored (no crash dialog)."""

from __future__ import annotations

import pytest

from tests.ui.session.test_entries import start_a_session, vitals_rows
from tests.ui.session.test_session_flow import type_vitals


@pytest.mark.parametrize(("field", "typed", "words"), [
    ("temp_c", ".", "Temperature “.” is not a number"),
    ("temp_c", ",", "Temperature “,” is not a number"),
    ("temp_c", "36,", "Temperature “36,” is not a number"),
    ("temp_c", "36.", "Temperature “36.” is not a number"),
    ("temp_c", "365", "Temperature 365 is not plausible: allowed 30–43 °C."),
    ("temp_c", "36.55", "finer than this field's resolution of 0.1 °C"),
    ("temp_c", "-36.5", "Temperature -36.5 is not plausible: allowed 30–43 °C."),
    ("sbp", "-120", "Systolic BP -120 is not plausible: allowed 40–300 mmHg."),
    ("sbp", "120.5", "finer than this field's resolution of 1 mmHg"),
    ("hr", "7a", "Heart rate “7a” is not a number"),
    ("spo2", "1e2", "SpO₂ “1e2” is not a number"),
])
def test_a_refused_vital_is_named_kept_on_screen_and_not_stored(
        qtbot, window, sqlite_storage, field, typed, words):
    view = start_a_session(qtbot, window)
    values = {"sbp": 120, "dbp": 80, "hr": 72, "spo2": 98, "rr": 14, "temp_c": "36.6"}
    values[field] = typed
    type_vitals(qtbot, view, *values.values())
    form = view.vitals_form
    assert words in form.message.text()
    assert "Nothing was saved" in form.message.text()
    assert form.inputs[field].text() == typed  # shown as typed, no key dropped
    assert form.inputs[field].property("invalid") is True
    assert vitals_rows(sqlite_storage) == []


@pytest.mark.parametrize(("typed", "stored"), [("36,6", 36.6), ("36.6", 36.6), ("37", 37.0),
                                               ("", None)])
def test_a_temperature_is_stored_as_typed(qtbot, window, sqlite_storage, typed, stored):
    view = start_a_session(qtbot, window)
    type_vitals(qtbot, view, 120, 80, 72, 98, 14, typed)
    assert [r.temp_c for r in vitals_rows(sqlite_storage)] == [stored]
