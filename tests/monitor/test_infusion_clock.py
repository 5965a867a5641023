"""Elapsed and remaining from one reading: they add up to the planned time at every
fraction of a second; a pause shows how long it has lasted."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from monitor.clock import mmss
from monitor.infusion_clock import infusion_clock, observation_clock
from monitor.timeline import EventKind, SessionEvent, Timeline

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)


def seconds_of(text: str) -> int:
    m, s = text.split(":")
    return int(m) * 60 + int(s)


def timeline(*events) -> Timeline:
    return Timeline(40, [SessionEvent(n, 1, kind, T0 + timedelta(seconds=at), text)
                         for n, (kind, at, text) in enumerate(events, 1)])


def test_eight_and_a_half_seconds_in_shows_00_08_and_39_52():
    clock = infusion_clock(timeline((EventKind.START, 0, "")), T0 + timedelta(seconds=8.6))
    assert (mmss(clock.elapsed), clock.remaining_text()) == ("00:08", "39:52")


@given(st.floats(min_value=0, max_value=2399.999))
def test_elapsed_and_remaining_always_add_up_to_the_planned_time(after):
    clock = infusion_clock(timeline((EventKind.START, 0, "")),
                           T0 + timedelta(seconds=after))
    shown = seconds_of(mmss(clock.elapsed)) + seconds_of(clock.remaining_text())
    assert shown == 40 * 60


def test_past_the_planned_time_the_remaining_is_over():
    clock = infusion_clock(timeline((EventKind.START, 0, "")), T0 + timedelta(minutes=41))
    assert clock.over and clock.remaining_text() == "+01:00"


def test_paused_the_clock_says_how_long_the_pause_has_lasted():
    tl = timeline((EventKind.START, 0, ""), (EventKind.PAUSE, 600, "nausea"))
    clock = infusion_clock(tl, T0 + timedelta(seconds=600 + 192.7))
    assert (clock.elapsed, clock.paused_for) == (600, 192)
    resumed = timeline((EventKind.START, 0, ""), (EventKind.PAUSE, 600, "nausea"),
                       (EventKind.RESUME, 700, ""))
    assert infusion_clock(resumed, T0 + timedelta(seconds=800)).paused_for is None


@given(st.floats(min_value=0, max_value=1799.999))
def test_observation_and_its_minimum_left_add_up(observed):
    seconds, left = observation_clock(observed, 1800)
    assert seconds_of(mmss(seconds)) + seconds_of(mmss(left)) == 1800
