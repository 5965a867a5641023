"""Session phases and the infusion clock, derived from events and a given time."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.errors import TransitionRefused
from monitor.timeline import EventKind, Phase, SessionEvent, Timeline, next_phase

UTC = timezone.utc
T0 = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")

BASE, INF, PAU, OBS, DIS = (Phase.BASELINE, Phase.INFUSING, Phase.PAUSED,
                            Phase.OBSERVATION, Phase.DISCHARGED)
K = EventKind


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def timeline(*steps: tuple, planned: int = 40) -> Timeline:
    """Steps are (kind, minute) or (kind, minute, text); ids follow the order given."""
    events = [SessionEvent(n, 1, step[0], at(step[1]), *step[2:])
              for n, step in enumerate(steps, 1)]
    return Timeline(planned, events)


# --- phases and transitions -----------------------------------------------------------

ALLOWED = [
    (BASE, K.START, INF),
    (INF, K.PAUSE, PAU),
    (PAU, K.RESUME, INF),
    (INF, K.STOP_EARLY, OBS),
    (PAU, K.STOP_EARLY, OBS),
    (INF, K.END_INFUSION, OBS),
    (PAU, K.END_INFUSION, OBS),
    (OBS, K.DISCHARGE, DIS),
    (INF, K.RATE_CHANGE, INF),
    (PAU, K.RATE_CHANGE, PAU),
]
CHANGES = [k for k in EventKind if k is not K.NOTE]
REFUSED = [(phase, kind) for phase in Phase for kind in CHANGES
           if (phase, kind) not in {(a, k) for a, k, _ in ALLOWED}]


@pytest.mark.parametrize(("before", "kind", "after"), ALLOWED)
def test_every_allowed_transition(before, kind, after):
    assert next_phase(before, kind) is after


@pytest.mark.parametrize("phase", list(Phase))
def test_a_note_never_changes_the_phase(phase):
    assert next_phase(phase, K.NOTE) is phase


@pytest.mark.parametrize(("phase", "kind"), REFUSED)
def test_every_other_transition_is_refused_naming_the_phase(phase, kind):
    with pytest.raises(TransitionRefused) as refused:
        next_phase(phase, kind)
    assert phase.value in str(refused.value)


@pytest.mark.parametrize(("phase", "kind", "message"), [
    (INF, K.RESUME, "Only a paused infusion can be resumed; the session is infusing."),
    (BASE, K.RESUME, "Only a paused infusion can be resumed; the session is baseline."),
    (INF, K.START, "The infusion can only be started from baseline; it is infusing now."),
    (OBS, K.START, "The infusion can only be started from baseline; it is observation now."),
    (PAU, K.PAUSE, "Only a running infusion can be paused; the session is paused."),
    (INF, K.DISCHARGE, "A patient can be discharged only after the infusion has ended "
                     "(observation); the session is infusing."),
    (PAU, K.DISCHARGE, "A patient can be discharged only after the infusion has ended "
                     "(observation); the session is paused."),
    (BASE, K.END_INFUSION, "Only a running or paused infusion can be ended; "
                        "the session is baseline."),
    (OBS, K.STOP_EARLY, "Only a running or paused infusion can be stopped; "
                      "the session is observation."),
    (DIS, K.DISCHARGE, "A patient can be discharged only after the infusion has ended "
                     "(observation); the session is discharged."),
])
def test_refusal_messages_are_plain(phase, kind, message):
    with pytest.raises(TransitionRefused) as refused:
        next_phase(phase, kind)
    assert str(refused.value) == message


# A stored record is never refused (issue 8 §2): the rule broken is named in a warning,
# with the same words a live refusal uses, and the record is replayed as stored.

def test_a_timeline_with_two_starts_loads_and_says_why():
    t = timeline((K.START, 0), (K.START, 5))
    assert len(t.warnings) == 1
    assert "only be started from baseline" in t.warnings[0]
    assert t.phase is INF and t.started_at == at(0)  # the infusion began at the first


def test_a_timeline_with_resume_without_pause_loads_and_says_why():
    t = timeline((K.START, 0), (K.RESUME, 5))
    assert len(t.warnings) == 1
    assert "Only a paused infusion can be resumed" in t.warnings[0]
    assert t.phase is INF and t.pauses == []
    assert t.elapsed(at(10)) == minutes(10)


def test_a_valid_record_has_no_warnings():
    assert timeline((K.START, 0), (K.PAUSE, 5, "nausea"), (K.RESUME, 7)).warnings == []


def test_two_pauses_from_two_workstations_load_as_one_pause():
    """Both workstations paused within a millisecond (before the version check existed)."""
    t = timeline((K.START, 0), (K.PAUSE, 10, "nausea"), (K.PAUSE, 10, "nausea"),
                 (K.RESUME, 14))
    assert t.phase is INF and len(t.warnings) == 1
    assert t.elapsed(at(20)) == minutes(16)


def test_a_discharge_on_a_stale_screen_still_shows_discharged():
    t = timeline((K.START, 0), (K.DISCHARGE, 30))
    assert t.phase is DIS and len(t.warnings) == 1 and t.discharged_at == at(30)


def test_events_are_replayed_in_commit_order_not_clock_order():
    """A workstation whose clock is 2 minutes behind pauses 1 minute after the start: its
    pause is stamped before the start, yet it came after it."""
    t = timeline((K.START, 10), (K.PAUSE, 9, "nausea"), (K.RESUME, 15))
    assert t.warnings == []
    assert t.phase is INF
    assert t.pauses[0].start == at(10)  # counted from the start, never before it
    assert t.elapsed(at(20)) == minutes(5)


def test_elapsed_never_negative_when_every_clock_disagrees():
    t = timeline((K.START, 10), (K.PAUSE, 8, "x"), (K.RESUME, 7), (K.END_INFUSION, 6))
    assert t.warnings == [] and t.phase is OBS
    assert t.elapsed(at(30)) == minutes(0)
    assert t.observation_elapsed(at(30)) == minutes(20)


@pytest.mark.parametrize(("steps", "phase", "label"), [
    ((), BASE, "Baseline"),
    (((K.START, 0),), INF, "Infusing"),
    (((K.START, 0), (K.PAUSE, 5, "break")), PAU, "Paused"),
    (((K.START, 0), (K.END_INFUSION, 40)), OBS, "Observation"),
    (((K.START, 0), (K.STOP_EARLY, 20, "vomiting")), OBS, "Observation (stopped early)"),
    (((K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 70)), DIS, "Discharged"),
    (((K.START, 0), (K.STOP_EARLY, 20, "x"), (K.DISCHARGE, 50)), DIS, "Discharged"),
    (((K.NOTE, 0, "anxious"), (K.START, 1), (K.NOTE, 2, "calm")), INF, "Infusing"),
])
def test_phase_and_label(steps, phase, label):
    t = timeline(*steps)
    assert t.phase is phase
    assert t.phase_label == label


# --- clock arithmetic -----------------------------------------------------------------

def test_before_the_start_nothing_runs():
    t = timeline()
    assert t.elapsed(at(10)) == timedelta(0)
    assert t.remaining(at(10)) == minutes(40)
    assert t.planned_end(at(10)) is None
    assert t.observation_elapsed(at(10)) is None
    assert t.infusion_segments(at(10)) == []
    assert t.pause_spans(at(10)) == []
    assert not t.planned_time_reached(at(10))


def test_running_infusion_counts_wall_time():
    t = timeline((K.START, 0))
    assert t.elapsed(at(25)) == minutes(25)
    assert t.remaining(at(25)) == minutes(15)
    assert t.planned_end(at(25)) == at(40)
    assert t.elapsed(at(12.5)) == timedelta(minutes=12, seconds=30)


def test_elapsed_excludes_several_pauses():
    t = timeline((K.START, 0), (K.PAUSE, 10, "a"), (K.RESUME, 13),
                 (K.PAUSE, 20, "b"), (K.RESUME, 25))
    assert t.phase is INF
    assert t.elapsed(at(30)) == minutes(22)
    assert t.remaining(at(30)) == minutes(18)
    assert t.planned_end(at(30)) == at(48)


def test_an_open_pause_stops_the_clock():
    t = timeline((K.START, 0), (K.PAUSE, 10, "break"))
    assert t.elapsed(at(10)) == minutes(10)
    assert t.elapsed(at(18)) == minutes(10)
    assert t.elapsed(at(90)) == minutes(10)


def test_an_open_pause_after_earlier_pauses():
    t = timeline((K.START, 0), (K.PAUSE, 5, "a"), (K.RESUME, 7), (K.PAUSE, 20, "b"))
    assert t.elapsed(at(30)) == minutes(18)


def test_elapsed_at_a_moment_during_an_earlier_pause():
    t = timeline((K.START, 0), (K.PAUSE, 10, "a"), (K.RESUME, 20))
    assert t.elapsed(at(15)) == minutes(10)
    assert t.elapsed(at(25)) == minutes(15)


def test_remaining_goes_negative_past_the_planned_time():
    t = timeline((K.START, 0))
    assert t.remaining(at(39)) == minutes(1)
    assert not t.planned_time_reached(at(39))
    assert t.remaining(at(40)) == timedelta(0)
    assert t.planned_time_reached(at(40))
    assert t.remaining(at(45)) == minutes(-5)
    assert t.planned_time_reached(at(45))


def test_planned_time_is_not_reached_while_paused():
    t = timeline((K.START, 0), (K.PAUSE, 41, "break"))
    assert t.remaining(at(50)) == minutes(-1)
    assert not t.planned_time_reached(at(50))


def test_planned_end_moves_on_while_paused():
    t = timeline((K.START, 0), (K.PAUSE, 10, "break"))
    assert t.planned_end(at(15)) == at(45)
    assert t.planned_end(at(20)) == at(50)


@pytest.mark.parametrize("planned", [40, 50, 60])
def test_planned_end_follows_the_planned_minutes(planned):
    t = timeline((K.START, 0), planned=planned)
    assert t.planned_end(at(5)) == at(planned)


def test_after_the_end_planned_end_is_when_it_ended():
    t = timeline((K.START, 0), (K.PAUSE, 10, "x"), (K.RESUME, 12), (K.END_INFUSION, 42))
    assert t.planned_end(at(60)) == at(42)
    assert t.elapsed(at(60)) == minutes(40)
    assert t.remaining(at(60)) == timedelta(0)


def test_observation_clock_runs_from_the_end_of_the_infusion():
    t = timeline((K.START, 0), (K.END_INFUSION, 40))
    assert t.observation_elapsed(at(40)) == timedelta(0)
    assert t.observation_elapsed(at(55)) == minutes(15)
    assert t.elapsed(at(55)) == minutes(40)


def test_observation_clock_stops_at_discharge():
    t = timeline((K.START, 0), (K.END_INFUSION, 40), (K.DISCHARGE, 70))
    assert t.discharged_at == at(70)
    assert t.observation_elapsed(at(200)) == minutes(30)


def test_stop_early_goes_to_observation_with_its_reason():
    t = timeline((K.START, 0), (K.STOP_EARLY, 25, "BP 190/112 despite pause"))
    assert t.phase is OBS
    assert t.stopped_early_reason == "BP 190/112 despite pause"
    assert t.phase_label == "Observation (stopped early)"
    assert t.infusion_ended_at == at(25)
    assert t.elapsed(at(60)) == minutes(25)
    assert t.remaining(at(60)) == minutes(15)
    assert t.observation_elapsed(at(60)) == minutes(35)
    assert not t.planned_time_reached(at(60))


def test_a_normal_end_has_no_stop_reason():
    t = timeline((K.START, 0), (K.END_INFUSION, 40))
    assert t.stopped_early_reason is None
    assert t.phase_label == "Observation"


@pytest.mark.parametrize("kind", [K.STOP_EARLY, K.END_INFUSION])
def test_ending_while_paused_closes_the_pause(kind):
    t = timeline((K.START, 0), (K.PAUSE, 10, "nausea"), (kind, 15, "stopped"))
    assert t.phase is OBS
    assert t.elapsed(at(60)) == minutes(10)
    assert t.pause_spans(at(60)) == [(at(10), at(15), "nausea")]
    assert t.observation_elapsed(at(60)) == minutes(45)
    assert t.infusion_segments(at(60)) == [(at(0), at(10))]


def test_infusion_segments_and_pause_spans():
    t = timeline((K.START, 0), (K.PAUSE, 10, "bathroom"), (K.RESUME, 13),
                 (K.PAUSE, 20, "anxious"), (K.RESUME, 25), (K.END_INFUSION, 43))
    assert t.infusion_segments(at(90)) == [(at(0), at(10)), (at(13), at(20)),
                                           (at(25), at(43))]
    assert t.pause_spans(at(90)) == [(at(10), at(13), "bathroom"),
                                     (at(20), at(25), "anxious")]
    assert t.elapsed(at(90)) == minutes(35)


def test_segments_and_spans_of_a_running_infusion_end_now():
    t = timeline((K.START, 0), (K.PAUSE, 10, "break"), (K.RESUME, 12))
    assert t.infusion_segments(at(30)) == [(at(0), at(10)), (at(12), at(30))]
    assert t.pause_spans(at(30)) == [(at(10), at(12), "break")]


def test_an_open_pause_span_ends_now_and_no_segment_follows_it():
    t = timeline((K.START, 0), (K.PAUSE, 10, "break"))
    assert t.infusion_segments(at(30)) == [(at(0), at(10))]
    assert t.pause_spans(at(30)) == [(at(10), at(30), "break")]


def test_a_pause_at_the_start_leaves_no_empty_segment():
    t = timeline((K.START, 0), (K.PAUSE, 0, "line blocked"), (K.RESUME, 5))
    assert t.infusion_segments(at(20)) == [(at(5), at(20))]
    assert t.elapsed(at(20)) == minutes(15)


# --- events in any order --------------------------------------------------------------

SESSION = [
    SessionEvent(1, 1, K.NOTE, at(-5), "consented"),
    SessionEvent(2, 1, K.START, at(0)),
    SessionEvent(3, 1, K.PAUSE, at(10), "nausea"),
    SessionEvent(4, 1, K.RESUME, at(14)),
    SessionEvent(5, 1, K.PAUSE, at(30), "BP"),
    SessionEvent(6, 1, K.RESUME, at(31)),
    SessionEvent(7, 1, K.END_INFUSION, at(45)),
]


def summary(t: Timeline, now: datetime) -> tuple:
    return (t.phase, t.elapsed(now), t.remaining(now), t.planned_end(now),
            t.observation_elapsed(now), t.infusion_segments(now), t.pause_spans(now),
            [e.id for e in t.events])


@given(st.permutations(SESSION))
def test_events_in_any_order_give_the_same_timeline(shuffled):
    now = at(60)
    assert summary(Timeline(40, list(shuffled)), now) == summary(Timeline(40, SESSION), now)


def test_events_at_the_same_moment_keep_their_id_order():
    same = [SessionEvent(2, 1, K.RESUME, at(10)), SessionEvent(1, 1, K.PAUSE, at(10), "x"),
            SessionEvent(0, 1, K.START, at(0))]
    for order in itertools.permutations(same):
        t = Timeline(40, list(order))
        assert t.phase is INF
        assert t.elapsed(at(20)) == minutes(20)


def test_the_reference_session():
    t = Timeline(40, SESSION)
    assert t.elapsed(at(60)) == minutes(40)
    assert t.observation_elapsed(at(60)) == minutes(15)


# --- time zones -----------------------------------------------------------------------

def zoned(when: datetime, zone: ZoneInfo) -> datetime:
    return when.astimezone(zone)


def test_events_from_different_zones_give_the_same_elapsed():
    in_utc = Timeline(40, SESSION)
    zones = itertools.cycle([NEW_YORK, BERLIN, UTC])
    mixed = Timeline(40, [SessionEvent(e.id, e.session_id, e.kind, zoned(e.at, next(zones)),
                                       e.text) for e in SESSION])
    for now in (at(20), at(40), at(60)):
        assert mixed.elapsed(now) == in_utc.elapsed(now)
        assert mixed.elapsed(zoned(now, BERLIN)) == in_utc.elapsed(now)
        assert mixed.observation_elapsed(zoned(now, NEW_YORK)) == in_utc.observation_elapsed(now)
        assert mixed.infusion_segments(now) == in_utc.infusion_segments(now)


def test_a_session_across_the_fall_back_change_counts_real_minutes():
    # 2026-11-01 in New York: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
    start = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)  # first 01:30, EDT
    end = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=NEW_YORK)  # second 01:10, EST
    assert end.astimezone(UTC) - start.astimezone(UTC) == minutes(40)
    t = Timeline(40, [SessionEvent(1, 1, K.START, start), SessionEvent(2, 1, K.END_INFUSION, end)])
    assert t.phase is OBS
    assert t.elapsed(end) == minutes(40)
    assert t.remaining(end) == timedelta(0)
    later = datetime(2026, 11, 1, 1, 25, fold=1, tzinfo=NEW_YORK)
    assert t.observation_elapsed(later) == minutes(15)


def test_a_running_session_across_the_fall_back_change():
    start = datetime(2026, 11, 1, 1, 20, tzinfo=NEW_YORK)  # EDT, 05:20 UTC
    t = Timeline(40, [SessionEvent(1, 1, K.START, start)])
    now = datetime(2026, 11, 1, 1, 50, tzinfo=NEW_YORK)  # EDT, 05:50 UTC
    assert t.elapsed(now) == minutes(30)
    assert t.planned_end(now) == datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
    after_change = datetime(2026, 11, 1, 1, 5, fold=1, tzinfo=NEW_YORK)  # EST, 06:05 UTC
    assert t.elapsed(after_change) == minutes(45)
    assert t.remaining(after_change) == minutes(-5)


def test_a_session_across_the_spring_forward_change_counts_real_minutes():
    # 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST.
    start = datetime(2026, 3, 29, 1, 50, tzinfo=BERLIN)  # 00:50 UTC
    end = datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)  # 01:30 UTC
    t = Timeline(40, [SessionEvent(1, 1, K.START, start), SessionEvent(2, 1, K.END_INFUSION, end)])
    assert t.elapsed(end) == minutes(40)


def test_naive_times_are_refused_not_guessed():
    with pytest.raises(ValueError, match="naive"):
        Timeline(40, [SessionEvent(1, 1, K.START, datetime(2026, 11, 24, 14, 0))])
    with pytest.raises(ValueError, match="naive"):
        timeline((K.START, 0)).elapsed(datetime(2026, 11, 24, 14, 30))
