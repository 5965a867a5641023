"""The board's patient search box: an MRN that reads as a date finds its patient first."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from monitor.records import NewPatient
from ui.board.patient_panel import PatientPanel

DIGITS_MRN = NewPatient("19800101", "Zara Young", date(1975, 5, 5))
BORN_THEN = NewPatient("CH-2001", "Anna Brown", date(1980, 1, 1))
ISO_MRN = NewPatient("2024-01-05", "Yusuf Zane", date(1969, 9, 9))
BORN_ISO = NewPatient("CH-2002", "Abel Bell", date(2024, 1, 5))


@pytest.fixture
def panel(qtbot, ui_service, clock):
    for p in (DIGITS_MRN, BORN_THEN, ISO_MRN, BORN_ISO):
        ui_service._repo.patients.add_patient(p, clock.now())
    widget = PatientPanel(ui_service)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def found(panel) -> list[str]:
    return [panel.results.item(r).data(Qt.ItemDataRole.UserRole).mrn
            for r in range(panel.results.count())]


@pytest.mark.parametrize(("typed", "mrns"), [
    ("19800101", ["19800101", "CH-2001"]),
    ("2024-01-05", ["2024-01-05", "CH-2002"]),
])
def test_typing_an_mrn_that_reads_as_a_date_lists_that_patient_first(qtbot, panel, typed,
                                                                     mrns):
    qtbot.keyClicks(panel.search, typed)
    qtbot.waitUntil(lambda: found(panel) == mrns, timeout=2000)


@pytest.mark.parametrize("patient", [DIGITS_MRN, ISO_MRN], ids=lambda p: p.mrn)
def test_a_registered_patient_is_selected_by_mrn_not_by_birth_date(qtbot, panel, ui_service,
                                                                  patient):
    chosen = ui_service._repo.patients.find_patients(patient.name)[0]
    panel.select_patient(chosen)
    assert panel.selected_patient() == chosen
