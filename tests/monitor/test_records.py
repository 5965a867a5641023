"""Patients, sessions and side-effect entries: checks and plain-record helpers."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from monitor.errors import InvalidEntry
from monitor.records import InfusionSession, NewPatient, Patient, check_new_patient
from monitor.side_effects import KINDS, SideEffect, check_side_effect
from monitor.timeline import Phase

TODAY = date(2026, 11, 24)


def patient(**changes) -> NewPatient:
    fields = {"mrn": "CH-1001", "name": "Maria Alvarez", "date_of_birth": date(1979, 3, 14)}
    return NewPatient(**(fields | changes))


# --- patients -------------------------------------------------------------------------

def test_a_new_patient_is_trimmed():
    checked = check_new_patient(
        NewPatient("  ch-1001 ", "  maria   del  Carmen ", date(1979, 3, 14),
                   " Penicillin ", "\tTRD\n"), TODAY)
    assert checked == NewPatient("ch-1001", "maria del Carmen", date(1979, 3, 14),
                                 "Penicillin", "TRD")


@pytest.mark.parametrize("mrn", ["A", "7", "CH-1001", "a" * 20, "00-11-22"])
def test_valid_mrns(mrn):
    assert check_new_patient(patient(mrn=mrn), TODAY).mrn == mrn


@pytest.mark.parametrize("mrn", ["", "   ", "-1001", "a" * 21, "CH 1001", "CH_1001",
                                 "CH/1001", "Ö-1"])
def test_invalid_mrns_are_refused(mrn):
    with pytest.raises(InvalidEntry, match="MRN must be 1–20 letters") as refused:
        check_new_patient(patient(mrn=mrn), TODAY)
    assert refused.value.field == "mrn"


@pytest.mark.parametrize("name", ["", " ", "M", "  M  "])
def test_a_name_is_required(name):
    with pytest.raises(InvalidEntry, match="full name") as refused:
        check_new_patient(patient(name=name), TODAY)
    assert refused.value.field == "name"


@pytest.mark.parametrize(("dob", "message"), [
    (date(2026, 11, 25), "cannot be in the future"),
    (date(1905, 1, 1), "more than 120 years ago"),
])
def test_implausible_dates_of_birth_are_refused(dob, message):
    with pytest.raises(InvalidEntry, match=message) as refused:
        check_new_patient(patient(date_of_birth=dob), TODAY)
    assert refused.value.field == "date_of_birth"


@pytest.mark.parametrize("dob", [TODAY, date(1906, 1, 1)])
def test_dates_of_birth_at_the_limits_are_accepted(dob):
    assert check_new_patient(patient(date_of_birth=dob), TODAY).date_of_birth == dob


@pytest.mark.parametrize(("name", "initials"), [
    ("Maria Alvarez", "MA"), ("james o'connor", "JO"), ("Priya Devi Natarajan Rao", "PDN"),
])
def test_initials(name, initials):
    assert Patient("X1", name, date(1980, 1, 1)).initials == initials


@pytest.mark.parametrize(("day", "age"), [
    (date(2026, 3, 13), 46), (date(2026, 3, 14), 47), (date(2026, 11, 24), 47),
])
def test_age_turns_on_the_birthday(day, age):
    assert Patient("X1", "Maria Alvarez", date(1979, 3, 14)).age_on(day) == age


def test_session_total_dose():
    s = InfusionSession(1, 1, "2", "Standard", "Ketamine", 0.5, 82.3, 40, 30, 10, 15,
                        datetime(2026, 11, 24, 14, tzinfo=timezone.utc), Phase.BASELINE)
    assert s.total_mg == 41.2  # 41.15 rounds half up, as on paper


# --- side effects ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", [k for k in KINDS if k != "other"])
@pytest.mark.parametrize("severity", [0, 5, 10])
def test_every_listed_side_effect_is_accepted(kind, severity):
    assert check_side_effect(kind, severity, "") is None


def test_other_needs_a_description():
    for blank in ("", "   "):
        with pytest.raises(InvalidEntry, match="Say what the other side effect is") as refused:
            check_side_effect("other", 3, blank)
        assert refused.value.field == "description"
    assert check_side_effect("other", 3, "tingling lips") is None


@pytest.mark.parametrize("severity", [11, -1, 2.5, 100])
def test_severity_outside_the_scale_is_refused(severity):
    with pytest.raises(InvalidEntry) as refused:
        check_side_effect("nausea", severity, "")
    assert refused.value.field == "severity"
    assert f"Severity {severity} is outside the scale" in str(refused.value)
    assert "0–10" in str(refused.value)


def test_an_unknown_kind_is_refused():
    with pytest.raises(InvalidEntry, match="Unknown side effect 'itching'") as refused:
        check_side_effect("itching", 2, "")
    assert refused.value.field == "kind"


def test_side_effect_labels_and_summaries():
    at = datetime(2026, 11, 24, 14, tzinfo=timezone.utc)
    nausea = SideEffect(1, 1, "nausea", 4, at)
    other = SideEffect(2, 1, "other", 2, at, "tingling lips", "resolved")
    assert (nausea.label, nausea.summary()) == ("Nausea", "Nausea 4/10 (moderate)")
    assert other.label == "Other: tingling lips"
    assert other.summary() == "Other: tingling lips 2/10 (mild) — resolved"
