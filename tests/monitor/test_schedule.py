"""When the next vitals set is due, when it is overdue, and the gaps in the record."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from monitor.schedule import Schedule, VitalsDue
from monitor.timeline import EventKind, SessionEvent, Timeline

UTC = timezone.utc
T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
K = EventKind
DEFAULT = Schedule.minutes(10, 15, 2)


def at(minutes: float, seconds: float = 0) -> datetime:
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def timeline(*steps: tuple, planned: int = 40) -> Timeline:
    """Steps are (kind, minute) or (kind, minute, text)."""
    events = [SessionEvent(n, 1, step[0], at(step[1]), *step[2:])
              for n, step in enumerate(steps, 1)]
    return Timeline(planned, events)


def times(*minutes: float) -> list[datetime]:
    return [at(m) for m in minutes]


def test_the_schedule_in_minutes():
    expected = Schedule(timedelta(minutes=10), timedelta(minutes=15), timedelta(minutes=2))
    assert expected == DEFAULT


# --- baseline -------------------------------------------------------------------------

def test_baseline_is_due_before_any_vitals():
    due = DEFAULT.due(timeline(), [], at(3))
    assert due == VitalsDue(at(3), False, baseline=True)
    assert due.text(at(3)) == "Baseline vitals needed before the start"


def test_nothing_is_due_once_the_baseline_is_taken():
    assert DEFAULT.due(timeline(), times(1), at(3)) is None


# --- infusing -------------------------------------------------------------------------

def test_first_set_is_due_ten_minutes_after_the_start():
    # baseline at 0, started at 5: the baseline does not count towards the schedule
    due = DEFAULT.due(timeline((K.START, 5)), times(0), at(6))
    assert due.due_at == at(15)
    assert not due.overdue
    assert not due.baseline


def test_next_set_is_due_ten_minutes_after_the_last():
    due = DEFAULT.due(timeline((K.START, 5)), times(0, 12, 21), at(23))
    assert due.due_at == at(31)


def test_readings_out_of_order_use_the_latest():
    due = DEFAULT.due(timeline((K.START, 0)), [at(21), at(8), at(14)], at(22))
    assert due.due_at == at(31)


@pytest.mark.parametrize(("now", "overdue"), [
    (at(10), False),
    (at(11, 59), False),
    (at(12), False),  # due + 2:00 exactly: still within the grace
    (at(12, 1), True),  # due + 2:01
    (at(40), True),
])
def test_overdue_only_once_the_grace_has_passed(now, overdue):
    due = DEFAULT.due(timeline((K.START, 0)), [], now)
    assert due.due_at == at(10)
    assert due.overdue is overdue


def test_a_longer_grace_moves_the_overdue_point():
    schedule = Schedule.minutes(10, 15, 5)
    tl = timeline((K.START, 0))
    assert not schedule.due(tl, [], at(15)).overdue
    assert schedule.due(tl, [], at(15, 1)).overdue


@pytest.mark.parametrize(("now", "text"), [
    (at(0), "Next vitals in 10:00"),
    (at(6, 30), "Next vitals in 03:30"),
    (at(9, 59), "Next vitals in 00:01"),
    (at(11, 30), "Vitals due now (01:30 ago)"),
    (at(12), "Vitals due now (02:00 ago)"),
    (at(12, 1), "Vitals overdue by 02:01"),
    (at(25, 15), "Vitals overdue by 15:15"),
])
def test_text(now, text):
    due = DEFAULT.due(timeline((K.START, 0)), [], now)
    assert due.text(now) == text


def test_paused_keeps_the_infusing_schedule():
    tl = timeline((K.START, 0), (K.PAUSE, 12, "nausea"))
    due = DEFAULT.due(tl, times(8), at(20))
    assert due.due_at == at(18)
    assert not due.overdue
    assert DEFAULT.due(tl, times(8), at(20, 1)).overdue


def test_resumed_after_a_pause_keeps_counting_from_the_last_set():
    tl = timeline((K.START, 0), (K.PAUSE, 12, "nausea"), (K.RESUME, 25))
    assert DEFAULT.due(tl, times(8, 16), at(26)).due_at == at(26)


# --- observation ----------------------------------------------------------------------

def test_observation_is_anchored_at_the_end_of_the_infusion():
    # the last infusing set at 38 would be due again at 48; observation starts afresh
    tl = timeline((K.START, 0), (K.END_INFUSION, 40))
    due = DEFAULT.due(tl, times(10, 20, 30, 38), at(41))
    assert due.due_at == at(55)
    assert not due.overdue


def test_observation_sets_every_fifteen_minutes():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40))
    due = DEFAULT.due(tl, times(38, 50), at(60))
    assert due.due_at == at(65)
    assert not DEFAULT.due(tl, times(38, 50), at(67)).overdue
    assert DEFAULT.due(tl, times(38, 50), at(67, 1)).overdue


def test_a_set_taken_at_the_end_counts_for_observation():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40))
    assert DEFAULT.due(tl, times(40), at(41)).due_at == at(55)


def test_stopped_early_anchors_observation_at_the_stop():
    tl = timeline((K.START, 0), (K.STOP_EARLY, 22, "BP"))
    assert DEFAULT.due(tl, times(10, 20), at(23)).due_at == at(37)


def test_observation_uses_its_own_interval():
    schedule = Schedule.minutes(5, 30, 2)
    tl = timeline((K.START, 0), (K.END_INFUSION, 40))
    assert schedule.due(tl, times(35), at(41)).due_at == at(70)


def test_nothing_is_due_after_discharge():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 75))
    assert DEFAULT.due(tl, times(10, 20, 30, 40, 55, 70), at(90)) is None
    assert DEFAULT.due(tl, [], at(200)) is None


# --- gaps -----------------------------------------------------------------------------

def test_no_gaps_before_the_start():
    assert DEFAULT.gaps(timeline(), times(0), at(60)) == []


def test_no_gaps_when_the_sets_are_regular():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 70))
    assert DEFAULT.gaps(tl, times(-5, 10, 20, 30, 55, 70), at(200)) == []


def test_no_gap_when_a_set_is_late_by_the_grace_exactly():
    tl = timeline((K.START, 0))
    assert DEFAULT.gaps(tl, times(10, 22, 32), at(34)) == []


def test_one_gap_when_a_set_is_late_by_more_than_the_grace():
    tl = timeline((K.START, 0))
    late = at(22, 30)
    assert DEFAULT.gaps(tl, [at(10), late, at(32, 30)], at(35)) == [(at(20), late)]


def test_an_open_gap_runs_to_now():
    tl = timeline((K.START, 0))
    assert DEFAULT.gaps(tl, [], at(12)) == []
    assert DEFAULT.gaps(tl, [], at(15)) == [(at(10), at(15))]


def test_an_infusing_gap_closes_at_the_end_and_an_observation_gap_follows():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40))
    assert DEFAULT.gaps(tl, times(10), at(60)) == [(at(20), at(40)), (at(55), at(60))]


def test_an_observation_gap_closes_at_the_next_set():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 90))
    gaps = DEFAULT.gaps(tl, times(10, 20, 30, 40, 62, 77), at(200))
    assert gaps == [(at(55), at(62))]


def test_sets_after_discharge_do_not_close_a_gap():
    tl = timeline((K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 70))
    gaps = DEFAULT.gaps(tl, times(10, 20, 30, 40, 80), at(200))
    assert gaps == [(at(55), at(70))]
