"""The new-session dialog keeps exactly what was typed, or refuses it naming the range and
stores nothing (real widgets, real SQLite file)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from monitor.board import chairs_in_use
from monitor.records import NewPatient
from ui.board.start_session_dialog import StartSessionDialog

OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture
def dialog(qtbot, ui_service):
    patient = ui_service.register_patient(NewPatient("MRN-9", "Alex Rivera", date(1984, 5, 6)))
    d = StartSessionDialog(ui_service, patient, ["1", "2", "3"], chair="2")
    qtbot.addWidget(d)
    d.show()
    return d


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)
    assert field.text() == text  # every key typed is shown, none dropped


def fill(qtbot, d, weight="70", mg_per_kg="0.5", minutes="40", conc="1", bag="100"):
    for field, text in ((d.weight, weight), (d.mg_per_kg, mg_per_kg), (d.minutes, minutes),
                        (d.concentration, conc), (d.bag_volume, bag)):
        retype(qtbot, field, text)
    qtbot.mouseClick(d.buttons.button(OK), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("typed", "message"), [
    ({"mg_per_kg": "0.05"}, "Dose 0.05 mg/kg is outside the allowed 0.1–1 mg/kg."),
    ({"mg_per_kg": "1.1"}, "Dose 1.1 mg/kg is outside the allowed 0.1–1 mg/kg."),
    ({"mg_per_kg": "0.1255"}, "finer than this field's resolution of 0.001 mg/kg"),
    ({"minutes": "39"}, "Planned time 39 min is outside the allowed 40–60 min."),
    ({"minutes": "61"}, "Planned time 61 min is outside the allowed 40–60 min."),
    ({"weight": "-70"}, "Weight -70 kg is outside the allowed 30–250 kg."),
    ({"weight": "7O"}, "Weight “7O” is not a number"),
    ({"conc": "1e-90"}, "Bag concentration “1e-90” is not a number"),
    ({"conc": "1e4"}, "Bag concentration “1e4” is not a number"),
    ({"conc": "10000"}, "Bag concentration 10000 mg/mL is outside the allowed 0.01–100 mg/mL."),
    ({"conc": "inf"}, "Bag concentration “inf” is not a number"),
    ({"conc": "nan"}, "Bag concentration “nan” is not a number"),
    ({"conc": "."}, "Bag concentration “.” is not a number"),
    ({"bag": "4.3e16"}, "Bag volume “4.3e16” is not a number"),
    ({"bag": "5000"}, "Bag volume 5000 mL is outside the allowed 1–1000 mL."),
])
def test_a_refused_value_is_named_and_nothing_stored(qtbot, dialog, ui_service, typed,
                                                     message):
    fill(qtbot, dialog, **typed)
    assert dialog.isVisible() and dialog.session is None
    assert message in dialog.message.text()
    assert ui_service.active_session_for(dialog.patient.id) is None


@pytest.mark.parametrize(("weight", "mg_per_kg", "minutes", "conc", "bag"), [
    ("70", "0.125", "45", "1", "100"),
    ("55.5", "0.5", "40", "2", "100"),
    ("62,5", "0,75", "60", "0,5", "250"),
])
def test_what_is_stored_is_exactly_what_was_typed(qtbot, dialog, ui_service, weight,
                                                   mg_per_kg, minutes, conc, bag):
    fill(qtbot, dialog, weight, mg_per_kg, minutes, conc, bag)
    s = ui_service.get_session(dialog.session.id)
    as_typed = [float(x.replace(",", ".")) for x in (weight, mg_per_kg, minutes, conc, bag)]
    assert [s.weight_kg, s.mg_per_kg, s.planned_minutes, s.concentration_mg_ml,
            s.bag_volume_ml] == as_typed


def test_the_arithmetic_shows_exact_products_and_the_rate_rounded_once(qtbot, dialog):
    for field, text in ((dialog.weight, "55.5"), (dialog.concentration, "2"),
                        (dialog.bag_volume, "100")):
        retype(qtbot, field, text)
    assert dialog.dose.text().splitlines() == [
        "55.5 kg × 0.5 mg/kg = 27.75 mg over 40 min",
        "27.75 mg ÷ 2 mg/mL = 13.875 mL to infuse (bag 100 mL)",
        "13.875 mL ÷ (40 min ÷ 60) = 20.8125 mL/h: set the pump to 20.8 mL/h"]
    retype(qtbot, dialog.mg_per_kg, "0.05")
    assert dialog.dose.text() == "Dose 0.05 mg/kg is outside the allowed 0.1–1 mg/kg."


def test_the_first_free_chair_is_offered_and_a_busy_one_is_said(qtbot, ui_service):
    seated = ui_service.register_patient(NewPatient("MRN-S", "Sam Seated", date(1970, 1, 2)))
    ui_service.open_session(seated.id, "01", 70, 0.5, 40)  # "01" is chair 1 on the board
    patient = ui_service.register_patient(NewPatient("MRN-N", "Noor New", date(1990, 3, 4)))
    d = StartSessionDialog(ui_service, patient, ["1", "2", "3"],
                           in_use=chairs_in_use(ui_service.open_sessions()))
    qtbot.addWidget(d)
    d.show()
    assert d.chair.currentText() == "2"
    assert not d.chair_note.isVisible()
    d.chair.setCurrentText("1")
    assert d.chair_note.isVisible()
    assert "Chair 1 has an open session (Sam Seated, baseline)" in d.chair_note.text()
    fill(qtbot, d)  # said, not refused: the board shows both
    assert d.session is not None and d.session.chair == "1"
