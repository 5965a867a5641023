"""The service refuses what no bag, pump or syringe holds, naming the allowed range, and
stores nothing (SQLite, and PostgreSQL when a server is given)."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.errors import InvalidEntry
from monitor.records import NewPatient
from monitor.vitals import VitalsValues

NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)


@pytest.fixture
def patient(service):
    return service.register_patient(NewPatient("CH-3001", "Ana Souza", date(1984, 5, 2)))


@pytest.mark.parametrize(("bag", "field", "words"), [
    ({"concentration_mg_ml": 1e4, "bag_volume_ml": 100}, "concentration_mg_ml",
     "outside the allowed 0.01–100 mg/mL"),
    ({"concentration_mg_ml": float("inf"), "bag_volume_ml": 100}, "concentration_mg_ml",
     "outside the allowed 0.01–100 mg/mL"),
    ({"concentration_mg_ml": 1e-90, "bag_volume_ml": 100}, "concentration_mg_ml",
     "outside the allowed 0.01–100 mg/mL"),
    ({"concentration_mg_ml": 1, "bag_volume_ml": float("inf")}, "bag_volume_ml",
     "outside the allowed 1–1000 mL"),
    ({"concentration_mg_ml": 1, "bag_volume_ml": 4.3e16}, "bag_volume_ml",
     "outside the allowed 1–1000 mL"),
])
def test_a_bag_outside_its_range_is_refused(service, patient, bag, field, words):
    with pytest.raises(InvalidEntry) as refused:
        service.open_session(patient.id, "1", 70, **bag)
    assert refused.value.field == field
    assert words in str(refused.value)
    assert service.active_session_for(patient.id) is None


@pytest.mark.parametrize("mg_per_kg", [0.1255, 0.05, 1.1])
def test_a_dose_finer_or_outside_is_refused(service, patient, mg_per_kg):
    with pytest.raises(InvalidEntry) as refused:
        service.open_session(patient.id, "1", 70, mg_per_kg)
    assert refused.value.field == "mg_per_kg"
    assert service.active_session_for(patient.id) is None


def test_a_dose_of_0_125_is_kept(service, patient):
    s = service.open_session(patient.id, "1", 70, 0.125)
    assert s.mg_per_kg == 0.125


@pytest.mark.parametrize(("rate", "words"), [
    (float("inf"), "outside the allowed 0.1–600 mL/h"),
    (4.3e16, "outside the allowed 0.1–600 mL/h"),
    (600.1, "outside the allowed 0.1–600 mL/h"),
    (20.85, "resolution of 0.1 mL/h"),
])
def test_a_rate_beyond_the_pump_or_bag_is_refused(service, clock, patient, rate, words):
    s = service.open_session(patient.id, "1", 70, concentration_mg_ml=1, bag_volume_ml=100)
    service.record_vitals(s.id, NORMAL)
    service.start_infusion(s.id)
    with pytest.raises(InvalidEntry, match=words):
        service.change_rate(s.id, rate)
    assert service.change_rate(s.id, 600).value == 600  # the bound itself is allowed
    assert len(service.load(s.id).rates()) == 2


@pytest.mark.parametrize("dose", [float("inf"), 4.3e16, 1000.5])
def test_a_medication_dose_beyond_range_is_refused(service, patient, dose):
    s = service.open_session(patient.id, "1", 70)
    with pytest.raises(InvalidEntry, match="outside the allowed 0.001–1000 mg") as refused:
        service.record_medication(s.id, "Ondansetron", dose, "mg", "IV")
    assert refused.value.field == "dose"
    assert service.load(s.id).medications == []


def test_the_clinics_stored_safety_settings_are_used(service, repo, clock, patient):
    from monitor.safety_settings import SafetySettings
    from monitor.service import SessionService

    service.settings.set_safety(SafetySettings(concentration_high="10"))
    assert service.settings.safety().concentration_high == "10"
    fresh = SessionService(repo, clock).use_stored_safety()
    with pytest.raises(InvalidEntry, match="outside the allowed 0.01–10 mg/mL"):
        fresh.open_session(patient.id, "1", 70, concentration_mg_ml=50, bag_volume_ml=100)
    with pytest.raises(InvalidEntry, match="range must run from above 0"):
        service.settings.set_safety(SafetySettings(concentration_low="5",
                                                   concentration_high="1"))
