"""SessionService on a real database (SQLite, and PostgreSQL when a server is given)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from monitor.demo import PATIENTS, seed_demo
from monitor.discharge import all_clear
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.records import NewPatient
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsRejected, VitalsValues

UTC = timezone.utc
NORMAL = VitalsValues(124, 78, 72, 98, 14, 36.7)


@pytest.fixture
def patient(service):
    return service.register_patient(NewPatient("CH-2001", "Ana Souza", date(1984, 5, 2)))


@pytest.fixture
def session(service, patient):
    return service.open_session(patient.id, "3", weight_kg=70)


def started(service, clock, session_id: int) -> None:
    service.record_vitals(session_id, NORMAL)
    clock.advance(minutes=2)
    service.start_infusion(session_id)


def discharged(service, clock, session_id: int) -> None:
    started(service, clock, session_id)
    clock.advance(minutes=40)
    service.end_infusion(session_id)
    clock.advance(minutes=30)
    service.discharge(session_id, all_clear())


# --- patients and sessions ------------------------------------------------------------

def test_registering_checks_and_stores_the_patient(service, repo):
    p = service.register_patient(NewPatient(" CH-2002 ", " Li  Wei ", date(1990, 1, 1)))
    assert (p.mrn, p.name) == ("CH-2002", "Li Wei")
    assert repo.patients.get_patient(p.id) == p


def test_a_session_copies_the_protocol_and_dose(service, clock, patient):
    s = service.open_session(patient.id, " 3 ", weight_kg=82, mg_per_kg=0.75,
                             planned_minutes=50)
    assert (s.chair, s.weight_kg, s.mg_per_kg, s.planned_minutes) == ("3", 82, 0.75, 50)
    assert (s.observation_minutes, s.phase, s.created_at) == (30, Phase.BASELINE, clock.now())
    assert s.total_mg == 61.5


def test_a_session_with_a_dose_out_of_range_is_refused(service, repo, patient):
    with pytest.raises(InvalidEntry, match="0.1–1.0 mg/kg"):
        service.open_session(patient.id, "3", weight_kg=70, mg_per_kg=1.5)
    with pytest.raises(InvalidEntry, match="Choose the chair"):
        service.open_session(patient.id, "  ", weight_kg=70)
    assert repo.sessions.sessions_of(patient.id) == []


def test_a_second_open_session_for_the_same_patient_is_refused(service, repo, patient,
                                                               session):
    with pytest.raises(InvalidEntry, match=r"already has an open session \(chair 3\)"):
        service.open_session(patient.id, "5", weight_kg=70)
    assert [s.id for s in repo.sessions.sessions_of(patient.id)] == [session.id]


def test_after_discharge_a_new_session_can_be_opened(service, clock, repo, patient,
                                                     session):
    discharged(service, clock, session.id)
    second = service.open_session(patient.id, "5", weight_kg=71)
    assert [s.id for s in repo.sessions.sessions_of(patient.id)] == [session.id, second.id]


# --- starting -------------------------------------------------------------------------

def test_start_without_baseline_is_refused(service, repo, session):
    with pytest.raises(TransitionRefused, match="Take a baseline vitals set"):
        service.start_infusion(session.id)
    with pytest.raises(TransitionRefused, match="Take a baseline vitals set"):
        service.start_infusion(session.id, override_reason="   ")
    assert repo.sessions.events(session.id) == []
    assert repo.sessions.get_session(session.id).phase is Phase.BASELINE


def test_start_without_baseline_with_a_reason_stores_the_reason(service, clock, repo,
                                                                session):
    event = service.start_infusion(session.id, "  cuff broken, monitor on its way ")
    assert event.kind is EventKind.START
    assert event.text == "Started without baseline vitals: cuff broken, monitor on its way"
    [stored] = repo.sessions.events(session.id)
    assert stored.text == event.text
    s = repo.sessions.get_session(session.id)
    assert (s.phase, s.started_at) == (Phase.INFUSING, clock.now())


def test_start_with_baseline_needs_no_reason(service, clock, repo, session):
    started(service, clock, session.id)
    [event] = repo.sessions.events(session.id)
    assert (event.kind, event.text) == (EventKind.START, "")


def test_starting_twice_is_refused(service, clock, repo, session):
    started(service, clock, session.id)
    with pytest.raises(TransitionRefused, match="only be started from baseline"):
        service.start_infusion(session.id)
    assert len(repo.sessions.events(session.id)) == 1


# --- entry times ----------------------------------------------------------------------

def test_back_dated_vitals_within_the_session_are_accepted(service, clock, repo, session):
    opened = clock.now()
    clock.advance(minutes=20)
    v = service.record_vitals(session.id, NORMAL, taken_at=opened + timedelta(minutes=5))
    assert (v.taken_at, v.entered_at) == (opened + timedelta(minutes=5), clock.now())
    assert repo.sessions.vitals(session.id) == [v]


def test_vitals_at_the_moment_the_session_opened_are_accepted(service, clock, session):
    clock.advance(minutes=3)
    v = service.record_vitals(session.id, NORMAL, taken_at=session.created_at)
    assert v.taken_at == session.created_at


def test_vitals_before_the_session_opened_are_refused(service, clock, repo, session):
    clock.advance(minutes=3)
    with pytest.raises(InvalidEntry, match="before this session was opened") as refused:
        service.record_vitals(session.id, NORMAL,
                              taken_at=session.created_at - timedelta(seconds=1))
    assert refused.value.field == "taken_at"
    assert repo.sessions.vitals(session.id) == []


def test_future_vitals_are_refused(service, clock, repo, session):
    with pytest.raises(InvalidEntry, match="cannot be in the future") as refused:
        service.record_vitals(session.id, NORMAL, taken_at=clock.now() + timedelta(minutes=2))
    assert refused.value.field == "taken_at"
    with pytest.raises(InvalidEntry, match="cannot be in the future"):
        service.record_side_effect(session.id, "nausea", 2,
                                   at=clock.now() + timedelta(hours=1))
    assert repo.sessions.vitals(session.id) == []
    assert repo.sessions.side_effects(session.id) == []


def test_a_little_clock_skew_is_tolerated(service, clock, session):
    ahead = clock.now() + timedelta(seconds=50)
    assert service.record_vitals(session.id, NORMAL, taken_at=ahead).taken_at == ahead


def test_a_time_in_another_zone_is_stored_as_the_same_instant(service, clock, session):
    clock.advance(minutes=10)
    berlin = (clock.now() - timedelta(minutes=4)).astimezone(ZoneInfo("Europe/Berlin"))
    v = service.record_vitals(session.id, NORMAL, taken_at=berlin)
    assert v.taken_at == berlin
    assert v.taken_at.utcoffset() == timedelta(0)


def test_a_naive_time_is_refused_not_guessed(service, clock, repo, session):
    with pytest.raises(ValueError, match="naive"):
        service.record_vitals(session.id, NORMAL, taken_at=datetime(2026, 11, 24, 14, 0))
    assert repo.sessions.vitals(session.id) == []


def test_implausible_vitals_are_not_stored(service, repo, session):
    with pytest.raises(VitalsRejected, match="40–300"):
        service.record_vitals(session.id, VitalsValues(1200, 80, 70, 98, 14))
    assert repo.sessions.vitals(session.id) == []


# --- a discharged session -------------------------------------------------------------

def test_a_discharged_session_takes_no_more_entries(service, clock, repo, session):
    discharged(service, clock, session.id)
    before = (repo.sessions.events(session.id), repo.sessions.vitals(session.id),
              repo.sessions.side_effects(session.id))
    clock.advance(minutes=5)
    attempts = [
        lambda: service.record_vitals(session.id, NORMAL),
        lambda: service.record_vitals(session.id, NORMAL,
                                      taken_at=clock.now() - timedelta(minutes=30)),
        lambda: service.record_side_effect(session.id, "nausea", 3),
        lambda: service.pause(session.id, "late"),
        lambda: service.resume(session.id),
        lambda: service.end_infusion(session.id),
        lambda: service.discharge(session.id, all_clear()),
        lambda: service.start_infusion(session.id),
    ]
    for attempt in attempts:
        with pytest.raises(TransitionRefused, match="discharged"):
            attempt()
    assert (repo.sessions.events(session.id), repo.sessions.vitals(session.id),
            repo.sessions.side_effects(session.id)) == before
    # issue 9 §4: until it is signed, a discharged session still takes a note (refusing
    # it said the session "takes no more entries" while the addendum said it did)
    note = service.add_note(session.id, "called to check on her")
    assert repo.sessions.events(session.id) == [*before[0], note]
    assert service.get_session(session.id).phase is Phase.DISCHARGED


# --- phase changes --------------------------------------------------------------------

@pytest.mark.parametrize("reason", ["", "   "])
def test_pause_needs_a_reason(service, clock, repo, session, reason):
    started(service, clock, session.id)
    with pytest.raises(InvalidEntry, match="Enter a reason.") as refused:
        service.pause(session.id, reason)
    assert refused.value.field == "text"
    assert repo.sessions.get_session(session.id).phase is Phase.INFUSING
    with pytest.raises(InvalidEntry, match="Enter a reason."):
        service.stop_early(session.id, reason)
    with pytest.raises(InvalidEntry, match="Enter a note."):
        service.add_note(session.id, reason)
    assert len(repo.sessions.events(session.id)) == 1


def test_resume_when_not_paused_is_refused(service, clock, repo, session):
    started(service, clock, session.id)
    with pytest.raises(TransitionRefused, match="Only a paused infusion can be resumed"):
        service.resume(session.id)
    assert repo.sessions.get_session(session.id).phase is Phase.INFUSING


def test_discharge_while_infusing_is_refused(service, clock, repo, session):
    started(service, clock, session.id)
    with pytest.raises(TransitionRefused, match="discharged only after the infusion"):
        service.discharge(session.id, all_clear())
    assert repo.sessions.get_session(session.id).phase is Phase.INFUSING


def test_a_whole_session_is_stored_and_timed(service, clock, session):
    service.record_vitals(session.id, NORMAL)
    clock.advance(minutes=2)
    start = clock.now()
    service.start_infusion(session.id)
    clock.advance(minutes=12)
    service.pause(session.id, " nausea ")
    clock.advance(minutes=4)
    service.resume(session.id)
    clock.advance(minutes=10)
    service.add_note(session.id, "calm")
    clock.advance(minutes=18)
    end = clock.now()
    service.end_infusion(session.id)
    clock.advance(minutes=31)
    service.discharge(session.id, all_clear())

    record = service.load(session.id)
    t = record.timeline
    s = record.session
    assert (s.phase, s.started_at, s.infusion_ended_at, s.discharged_at) == (
        Phase.DISCHARGED, start, end, clock.now())
    assert [e.kind for e in record.events] == [
        EventKind.START, EventKind.PAUSE, EventKind.RESUME, EventKind.NOTE,
        EventKind.END_INFUSION, EventKind.DISCHARGE]
    assert record.events[1].text == "nausea"
    assert t.phase is Phase.DISCHARGED
    assert t.elapsed(clock.now()) == timedelta(minutes=40)
    assert t.observation_elapsed(clock.now()) == timedelta(minutes=31)
    assert record.patient.mrn == "CH-2001"


def test_stop_early_is_stored_with_its_reason(service, clock, session):
    started(service, clock, session.id)
    clock.advance(minutes=15)
    service.stop_early(session.id, "vomiting")
    t = service.load(session.id).timeline
    assert t.phase_label == "Observation (stopped early)"
    assert t.stopped_early_reason == "vomiting"
    assert t.elapsed(clock.now()) == timedelta(minutes=15)


# --- alarm flags on stored vitals -----------------------------------------------------

def test_baseline_relative_flags_are_stored_on_the_vitals_row(service, clock, repo, session):
    service.record_vitals(session.id, VitalsValues(150, 95, 80, 98, 14))
    clock.advance(minutes=1)
    service.record_vitals(session.id, VitalsValues(110, 70, 72, 98, 14))  # the baseline
    clock.advance(minutes=1)
    service.start_infusion(session.id)
    clock.advance(minutes=10)
    high = service.record_vitals(session.id, VitalsValues(150, 95, 84, 97, 15))
    [stored] = [v for v in repo.sessions.vitals(session.id) if v.id == high.id]
    assert stored.flags == high.flags
    assert stored.flags == (
        "Systolic BP 150 is +40 mmHg over baseline 110 (critical limit: rise of 40 or more).",
        "Diastolic BP 95 is +25 mmHg over baseline 70 (critical limit: rise of 25 or more).",
    )
    assert service.load(session.id).baseline().values == VitalsValues(110, 70, 72, 98, 14)


def test_absolute_flags_are_stored_before_the_start_too(service, repo, session):
    v = service.record_vitals(session.id, VitalsValues(185, 95, 72, 98, 14))
    assert repo.sessions.vitals(session.id)[0].flags == (
        "Systolic BP 185 mmHg is at or above the critical limit of 180.",)
    assert v.flags == repo.sessions.vitals(session.id)[0].flags


def test_no_rise_is_flagged_for_readings_before_the_start(service, clock, repo, session):
    service.record_vitals(session.id, VitalsValues(110, 70, 72, 98, 14))
    clock.advance(minutes=2)
    start = clock.now()
    service.start_infusion(session.id)
    clock.advance(minutes=10)
    late_baseline = service.record_vitals(session.id, VitalsValues(150, 95, 72, 98, 14),
                                          taken_at=start - timedelta(minutes=1))
    assert late_baseline.flags == ()
    assert repo.sessions.vitals(session.id)[-1].flags == ()


def test_normal_vitals_store_no_flags(service, clock, repo, session):
    started(service, clock, session.id)
    clock.advance(minutes=10)
    service.record_vitals(session.id, NORMAL)
    assert [v.flags for v in repo.sessions.vitals(session.id)] == [(), ()]


# --- side effects ---------------------------------------------------------------------

def test_side_effects_are_checked_and_stored(service, clock, repo, session):
    started(service, clock, session.id)
    clock.advance(minutes=5)
    other = service.record_side_effect(session.id, "other", 2, description=" tingling ",
                                       note=" resolved ")
    with pytest.raises(InvalidEntry, match="Say what"):
        service.record_side_effect(session.id, "other", 2)
    with pytest.raises(InvalidEntry, match="outside the scale"):
        service.record_side_effect(session.id, "nausea", 11)
    assert repo.sessions.side_effects(session.id) == [other]
    assert other.summary() == "Other: tingling 2/10 (mild) — resolved"


# --- demo -----------------------------------------------------------------------------

def test_seed_demo_leaves_three_chairs_busy(service, repo, clock):
    sid = seed_demo(service, clock.now())
    open_now = repo.sessions.open_sessions()
    assert [(s.chair, s.phase) for s, _ in open_now] == [
        ("3", Phase.OBSERVATION), ("2", Phase.INFUSING), ("1", Phase.INFUSING)]
    assert open_now[1][0].id == sid
    record = service.load(sid)
    assert record.patient.mrn == PATIENTS[1].mrn
    assert record.timeline.phase is Phase.INFUSING
    # started 26.5 min ago with a 3 min pause
    assert record.timeline.elapsed(clock.now()) == timedelta(minutes=23, seconds=30)
    assert record.baseline() is not None
    assert record.open_alarm() is not None and record.open_alarm().tier.value == "critical"
    assert record.vitals_due(clock.now()).overdue is False
    priya = service.load(open_now[2][0].id)
    assert priya.vitals_due(clock.now()).overdue is True
    assert {p.mrn for p in repo.patients.find_patients("")} == {p.mrn for p in PATIENTS}
    maria = repo.patients.find_patients(PATIENTS[0].mrn)[0]
    past = repo.sessions.sessions_of(maria.id)
    assert len(past) == 6
    assert {s.phase for s in past} == {Phase.DISCHARGED}
    assert all(s.created_at < clock.now() for s in past)
