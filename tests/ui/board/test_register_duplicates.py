"""Registering a patient who may already be on record (issue 11 §4): the same name and date
of birth warns and shows the match, and the nurse may still go on; an MRN that differs
only in case from an existing one is refused naming that patient. Real widgets, real
SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from monitor.records import NewPatient
from ui.board.register_dialog import RegisterPatientDialog

OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture
def maria(ui_service):
    return ui_service.register_patient(NewPatient("CH-1001", "Maria Lopez", date(1975, 3, 14)))


@pytest.fixture
def dialog(qtbot, ui_service):
    d = RegisterPatientDialog(ui_service)
    qtbot.addWidget(d)
    d.show()
    return d


def fill(qtbot, d, mrn: str, name: str, born: date) -> None:
    for field, text in ((d.mrn, mrn), (d.name, name)):
        field.clear()
        qtbot.keyClicks(field, text)
    d.dob.edit.clear()
    qtbot.keyClicks(d.dob.edit, born.isoformat())  # typed, as a nurse does


def press_ok(qtbot, d) -> None:
    qtbot.mouseClick(d.buttons.button(OK), Qt.MouseButton.LeftButton)


def named(ui_service, name: str) -> list:
    return [p for p in ui_service.find_patients(name) if p.name == name]


def test_the_same_name_and_birth_date_warns_showing_the_match(qtbot, dialog, ui_service,
                                                              maria):
    fill(qtbot, dialog, "CH-5005", "maria  lopez", date(1975, 3, 14))
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.patient is None  # nothing stored yet
    shown = dialog.message.text()
    assert "Possible duplicate" in shown
    assert "Maria Lopez (MRN CH-1001, born 1975-03-14)" in shown
    assert dialog.buttons.button(OK).text() == "Register anyway"
    assert named(ui_service, "maria lopez") == []
    press_ok(qtbot, dialog)  # the nurse goes on, knowingly
    assert not dialog.isVisible()
    assert dialog.patient is not None and dialog.patient.mrn == "CH-5005"
    assert dialog.patient.id != maria.id


def test_changing_the_details_after_a_warning_checks_them_again(qtbot, dialog, ui_service,
                                                               maria):
    ui_service.register_patient(NewPatient("CH-2002", "Ana Souza", date(1984, 5, 2)))
    fill(qtbot, dialog, "CH-5005", "Maria Lopez", date(1975, 3, 14))
    press_ok(qtbot, dialog)
    assert "Maria Lopez (MRN CH-1001" in dialog.message.text()
    fill(qtbot, dialog, "CH-5005", "Ana Souza", date(1984, 5, 2))
    press_ok(qtbot, dialog)  # another possible duplicate: warned again, not stored
    assert dialog.isVisible() and dialog.patient is None
    assert "Ana Souza (MRN CH-2002" in dialog.message.text()


def test_no_match_registers_at_once(qtbot, dialog, maria):
    fill(qtbot, dialog, "CH-6006", "Maria Lopez", date(1975, 3, 15))  # another birthday
    press_ok(qtbot, dialog)
    assert not dialog.isVisible() and dialog.patient.mrn == "CH-6006"


def test_an_mrn_differing_only_in_case_is_refused_naming_the_patient(qtbot, dialog,
                                                                     ui_service, maria):
    fill(qtbot, dialog, "ch-1001", "Someone Else", date(1990, 1, 1))
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.patient is None
    assert "already registered, to Maria Lopez (MRN CH-1001, born 1975-03-14)" \
        in dialog.message.text()
    assert named(ui_service, "Someone Else") == []
