"""Guards at their boundaries, with a fixed clock, on SQLite and PostgreSQL: ending before
the planned time, discharging before the protocol's observation, and discharging with a
severe side effect or deep sedation not reassessed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from monitor.discharge import all_clear
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.records import NewPatient
from monitor.safety_settings import SafetySettings
from monitor.service import SessionService
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsValues

NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)


@pytest.fixture
def sid(service, clock):
    """72 kg × 0.5 = 36 mg at 1 mg/mL over 40 min (54 mL/h), started at the clock."""
    patient = service.register_patient(NewPatient("G-1", "Gus Guard", date(1980, 1, 1)))
    s = service.open_session(patient.id, "1", 72, concentration_mg_ml=1, bag_volume_ml=100)
    service.record_vitals(s.id, NORMAL)
    service.start_infusion(s.id)
    return s.id


def test_ending_at_2_55_of_40_is_refused_naming_the_shortfall(service, clock, sid):
    clock.advance(minutes=2, seconds=55)
    with pytest.raises(TransitionRefused) as refused:
        service.end_infusion(sid)
    assert str(refused.value).startswith(
        "The infusion has run 2:55 of the planned 40 min: 37:05 short, ≈ 2.6 of 36 mg "
        "delivered (33.4 mg short).")
    assert service.get_session(sid).phase is Phase.INFUSING
    service.stop_early(sid, "Anxious; asked to stop")
    record = service.load(sid)
    assert record.events[-1].kind is EventKind.STOP_EARLY
    assert record.timeline.phase_label == "Observation (stopped early)"


@pytest.mark.parametrize(("run", "early"), [
    (timedelta(minutes=39), True),  # 1 min short: the tolerance itself is still early
    (timedelta(minutes=39, seconds=1), False),  # within the 1 min tolerance
    (timedelta(minutes=40), False),
    (timedelta(minutes=55), False),
])
def test_the_early_end_tolerance_boundary(service, clock, sid, run, early):
    clock.advance(seconds=run.total_seconds())
    assert (service.early_end(sid) is not None) is early
    if early:
        with pytest.raises(TransitionRefused, match="stop early, with the reason"):
            service.end_infusion(sid)
    else:
        assert service.end_infusion(sid).kind is EventKind.END_INFUSION


def test_the_tolerance_is_a_setting(repo, clock, sid):
    lenient = SessionService(repo, clock, safety=SafetySettings(early_end_tolerance_min=5))
    clock.advance(minutes=35, seconds=1)
    assert lenient.end_infusion(sid).kind is EventKind.END_INFUSION


def test_a_pause_counts_against_the_run(service, clock, sid):
    clock.advance(minutes=20)
    service.pause(sid, "nausea")
    clock.advance(minutes=20)  # 40 min on the wall clock, 20 min run
    assert service.early_end(sid).short == timedelta(minutes=20)


def ended(service, clock, sid):
    clock.advance(minutes=40)
    service.end_infusion(sid)


@pytest.mark.parametrize(("watched", "refused"), [
    (timedelta(seconds=41), True),
    (timedelta(minutes=29, seconds=59), True),
    (timedelta(minutes=30), False),
])
def test_discharge_before_the_protocols_observation_needs_a_reason(service, clock, sid,
                                                                   watched, refused):
    ended(service, clock, sid)
    clock.advance(seconds=watched.total_seconds())
    if not refused:
        assert service.discharge(sid, all_clear()).kind is EventKind.DISCHARGE
        return
    with pytest.raises(InvalidEntry, match="of the protocol's 30 min") as no:
        service.discharge(sid, all_clear())
    assert no.value.field == "override_reason"
    assert service.get_session(sid).phase is Phase.OBSERVATION
    event = service.discharge(sid, all_clear(), "Ride waiting; psychiatrist agreed")
    minutes, seconds = divmod(int(watched.total_seconds()), 60)
    assert event.text == (f"Aldrete 10/10; escort present; no driving confirmed. Observation "
                          f"{minutes}:{seconds:02d} of the protocol's 30 min. Override: Ride "
                          "waiting; psychiatrist agreed")


@pytest.mark.parametrize(("entries", "concern"), [
    ([("effect", "nausea", 7)], "Severe side effect, nausea 7/10, with no later reassessment."),
    ([("effect", "nausea", 6)], None),
    ([("effect", "nausea", 8), ("effect", "nausea", 3)], None),  # reassessed, better
    ([("effect", "nausea", 3), ("effect", "nausea", 9)],
     "Severe side effect, nausea 9/10, with no later reassessment."),
    ([("moaas", "moaas", 4)], "MOAA/S 4 (below 5) with no later reassessment."),
    ([("moaas", "moaas", 4), ("moaas", "moaas", 5)], None),
    ([("moaas", "moaas", 5)], None),
])
def test_unresolved_severe_effects_and_sedation_stop_a_plain_discharge(
        service, clock, sid, entries, concern):
    ended(service, clock, sid)
    for what, kind, value in entries:
        clock.advance(minutes=5)
        if what == "effect":
            service.record_side_effect(sid, kind, value)
        else:
            service.record_assessment(sid, kind, value)
    clock.advance(minutes=30)
    assert service.discharge_concerns(sid) == ([concern] if concern else [])
    if concern is None:
        assert service.discharge(sid, all_clear()).kind is EventKind.DISCHARGE
        return
    with pytest.raises(InvalidEntry, match="no later reassessment"):
        service.discharge(sid, all_clear())
    event = service.discharge(sid, all_clear(), "Reviewed by Dr Lee")
    assert concern.rstrip(".") in event.text and event.text.endswith("Override: Reviewed by Dr Lee")
