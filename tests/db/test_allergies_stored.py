"""NKDA is stored apart from "not recorded", on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from monitor.records import NewPatient


def test_nkda_and_not_recorded_come_back_as_stored(service):
    asked = service.register_patient(NewPatient("N-1", "Nora None", date(1980, 1, 2),
                                                no_known_allergies=True))
    never = service.register_patient(NewPatient("N-2", "Ned Never", date(1981, 1, 2)))
    listed = service.register_patient(NewPatient("N-3", "Lee Listed", date(1982, 1, 2),
                                                 "Latex"))
    found = {p.mrn: p.allergy_text() for p in service.find_patients("")}
    assert found == {"N-1": "none known (NKDA)", "N-2": "not recorded", "N-3": "Latex"}
    assert (asked.no_known_allergies, never.no_known_allergies,
            listed.no_known_allergies) == (True, False, False)
    assert service.find_patients("N-1")[0].no_known_allergies
