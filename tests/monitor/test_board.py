"""The clinic board's chair tiles, from hand-built session records at fixed times."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from monitor.alarms import Alarm
from monitor.board import ChairStatus, chair_statuses
from monitor.records import InfusionSession, Patient
from monitor.session_record import SessionRecord
from monitor.timeline import EventKind, Phase, SessionEvent
from monitor.vitals import Tier, VitalsSet, VitalsValues

UTC = timezone.utc
T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
K = EventKind
NORMAL = VitalsValues(124, 78, 72, 98, 14)


def at(minutes: float, seconds: float = 0) -> datetime:
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def record(session_id: int, chair: str, *steps: tuple, vitals: tuple[float, ...] = (0,),
           alarms: tuple[Alarm, ...] = (), name: str = "Ada Byron Lovelace",
           planned: int = 40, observation: int = 30) -> SessionRecord:
    """A session opened at T0; steps are (kind, minute) or (kind, minute, text); vitals
    are the minutes at which a set was taken."""
    events = [SessionEvent(n, session_id, step[0], at(step[1]), *step[2:])
              for n, step in enumerate(steps, 1)]
    started = next((e.at for e in events if e.kind is K.START), None)
    session = InfusionSession(
        id=session_id, patient_id=session_id, chair=chair, protocol_name="Standard",
        drug="Racemic ketamine IV", mg_per_kg=0.5, weight_kg=70, planned_minutes=planned,
        observation_minutes=observation, vitals_every_infusing_min=10,
        vitals_every_observation_min=15, created_at=T0, phase=Phase.BASELINE,
        started_at=started)
    patient = Patient(f"MRN-{session_id}", name, date(1980, 5, 17), id=session_id)
    sets = [VitalsSet(n, session_id, at(m), NORMAL, "manual", at(m))
            for n, m in enumerate(vitals, 1)]
    return SessionRecord(session, patient, events, sets, alarms=list(alarms))


def alarm(alarm_id: int, tier: Tier, *messages: str, minute: float = 10,
          acknowledged: bool = False) -> Alarm:
    return Alarm(alarm_id, 1, alarm_id, tier, messages, at(minute),
                 acknowledged_at=at(minute + 1) if acknowledged else None)


def only(records: list[SessionRecord], now: datetime, chairs: int = 1) -> ChairStatus:
    return chair_statuses(records, chairs, now)[0]


# --- chairs ---------------------------------------------------------------------------

def test_every_chair_has_a_tile_and_empty_ones_are_free():
    statuses = chair_statuses([], 3, at(0))
    assert [s.chair for s in statuses] == ["1", "2", "3"]
    assert statuses[0] == ChairStatus("1")
    assert all(s.free and s.phase is None and s.phase_label == "Free" for s in statuses)
    assert statuses[0].big_text == statuses[0].vitals_text == statuses[0].alarm_text == ""


def test_a_session_sits_in_its_chair():
    statuses = chair_statuses([record(7, "2")], 3, at(1))
    assert [s.session_id for s in statuses] == [None, 7, None]
    seated = statuses[1]
    assert (seated.chair, seated.initials, seated.mrn) == ("2", "ABL", "MRN-7")


def test_chair_names_are_trimmed_and_leading_zeros_dropped():
    statuses = chair_statuses([record(1, " 03"), record(2, "1 ")], 3, at(1))
    assert [s.session_id for s in statuses] == [2, None, 1]


def test_sessions_outside_the_chairs_get_their_own_tiles_after_them():
    records = [record(1, "Recovery"), record(2, "10"), record(3, "9"), record(4, "1")]
    statuses = chair_statuses(records, 2, at(1))
    assert [(s.chair, s.session_id) for s in statuses] == [
        ("1", 4), ("2", None), ("9", 3), ("10", 2), ("Recovery", 1)]


def test_a_second_session_in_one_chair_is_not_hidden():
    first, second = record(1, "1"), record(2, "1")
    second.session = replace(second.session, created_at=at(5))
    statuses = chair_statuses([second, first], 2, at(6))
    assert [(s.chair, s.session_id) for s in statuses] == [("1", 1), ("2", None), ("1", 2)]


def test_discharged_sessions_are_not_shown():
    gone = record(1, "1", (K.START, 5), (K.END_INFUSION, 45), (K.DISCHARGE, 80))
    assert chair_statuses([gone], 1, at(81)) == [ChairStatus("1")]
    stored_as_discharged = record(2, "1")
    stored_as_discharged.session = replace(stored_as_discharged.session,
                                           phase=Phase.DISCHARGED)
    assert chair_statuses([stored_as_discharged], 1, at(81)) == [ChairStatus("1")]


def test_no_chairs_still_shows_open_sessions():
    assert [s.session_id for s in chair_statuses([record(1, "4")], 0, at(1))] == [1]


# --- clocks ---------------------------------------------------------------------------

def test_baseline_shows_the_planned_time():
    s = only([record(1, "1", vitals=())], at(2))
    assert (s.phase, s.phase_label) == (Phase.BASELINE, "Baseline")
    assert (s.big_text, s.small_text) == ("00:00", "40:00 planned")
    assert s.vitals_text == "Baseline vitals needed before the start"
    assert not s.vitals_overdue


def test_infusing_shows_elapsed_and_time_left():
    s = only([record(1, "1", (K.START, 5))], at(32, 30))
    assert (s.phase, s.phase_label) == (Phase.INFUSING, "Infusing")
    assert (s.big_text, s.small_text, s.over_planned) == ("27:30", "12:30 left", False)


def test_past_the_planned_time_shows_the_time_over():
    r = record(1, "1", (K.START, 5), vitals=(0, 15, 25, 35, 45))
    s = only([r], at(46, 10))
    assert (s.big_text, s.small_text, s.over_planned) == ("41:10", "+01:10 over", True)


def test_paused_time_is_not_counted():
    r = record(1, "1", (K.START, 5), (K.PAUSE, 15, "nausea"))
    s = only([r], at(20))
    assert (s.phase, s.phase_label) == (Phase.PAUSED, "Paused")
    assert (s.big_text, s.small_text) == ("10:00", "30:00 left")


def test_observation_shows_the_observation_clock_and_the_minimum_left():
    r = record(1, "1", (K.START, 5), (K.END_INFUSION, 45), vitals=(0, 15, 25, 35, 45))
    s = only([r], at(50))
    assert (s.phase, s.phase_label) == (Phase.OBSERVATION, "Observation")
    assert (s.big_text, s.small_text) == ("05:00", "25:00 left of 30:00 obs.")
    s = only([r], at(80))
    assert (s.big_text, s.small_text) == ("35:00", "30:00 observation done")
    assert not s.over_planned


def test_stopped_early_says_so():
    r = record(1, "1", (K.START, 5), (K.STOP_EARLY, 20, "anxiety"))
    s = only([r], at(21))
    assert s.phase_label == "Observation (stopped early)"
    assert s.big_text == "01:00"


# --- vitals ---------------------------------------------------------------------------

@pytest.mark.parametrize(("now", "text", "overdue"), [
    (at(10), "Next vitals in 05:00", False),
    (at(16), "Vitals due now (01:00 ago)", False),
    (at(17, 30), "Vitals overdue by 02:30", True),
])
def test_vitals_due_and_overdue(now, text, overdue):
    s = only([record(1, "1", (K.START, 5))], now)
    assert (s.vitals_text, s.vitals_overdue) == (text, overdue)


def test_the_timeline_is_built_once_per_record(monkeypatch):
    import monitor.board as board

    built = []
    real = board.Timeline

    class Counting(real):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr("monitor.session_record.Timeline", Counting)
    chair_statuses([record(1, "1", (K.START, 5)), record(2, "2")], 2, at(10))
    assert len(built) == 2


# --- alarms ---------------------------------------------------------------------------

def test_no_alarm_when_all_are_acknowledged():
    r = record(1, "1", (K.START, 5), alarms=(
        alarm(1, Tier.CRITICAL, "SpO₂ 88 % is below the critical limit of 90.",
              acknowledged=True),))
    s = only([r], at(12))
    assert (s.alarm_tier, s.alarm_text) == (None, "")


def test_the_highest_open_alarm_is_shown_with_its_first_message():
    r = record(1, "1", (K.START, 5), alarms=(
        alarm(1, Tier.ADVISORY, "Heart rate 112 /min is above the advisory limit of 110.",
              minute=20),
        alarm(2, Tier.CRITICAL, "SpO₂ 88 % is below the critical limit of 90.",
              "Respiratory rate 7 /min is below the critical limit of 8.", minute=10),
    ))
    s = only([r], at(21))
    assert s.alarm_tier is Tier.CRITICAL
    assert s.alarm_text == "SpO₂ 88 % is below the critical limit of 90. (+1 more)"


def test_an_advisory_alarm():
    r = record(1, "1", (K.START, 5), alarms=(
        alarm(1, Tier.ADVISORY, "Heart rate 112 /min is above the advisory limit of 110."),))
    s = only([r], at(12))
    assert s.alarm_tier is Tier.ADVISORY
    assert s.alarm_text == "Heart rate 112 /min is above the advisory limit of 110."


def test_statuses_compare_equal_when_nothing_changed():
    r = record(1, "1", (K.START, 5))
    assert chair_statuses([r], 2, at(10)) == chair_statuses([r], 2, at(10))
    assert chair_statuses([r], 2, at(10)) != chair_statuses([r], 2, at(10, 1))
