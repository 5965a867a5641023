"""Clocks and the m:ss format."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from monitor.clock import FixedClock, SystemClock, as_utc, mmss

UTC = timezone.utc


def test_fixed_clock_moves_only_when_told():
    clock = FixedClock(datetime(2026, 11, 24, 14, 0, tzinfo=UTC))
    assert clock.now() == clock.now() == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    assert clock.advance(minutes=10, seconds=30) == datetime(2026, 11, 24, 14, 10, 30,
                                                             tzinfo=UTC)
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("America/New_York")))
    assert clock.now() == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)


def test_fixed_clock_refuses_a_naive_start():
    with pytest.raises(ValueError, match="naive"):
        FixedClock(datetime(2026, 11, 24, 14, 0))


def test_system_clock_is_aware_utc():
    now = SystemClock().now()
    assert now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_as_utc_keeps_the_instant():
    berlin = datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert as_utc(berlin) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert as_utc(berlin).tzinfo is UTC


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "00:00"),
    (59.9, "00:59"),
    (60, "01:00"),
    (754, "12:34"),
    (3599, "59:59"),
    (3600, "1:00:00"),
    (3725, "1:02:05"),
    (-300, "-05:00"),
    (-3725, "-1:02:05"),
])
def test_mmss(seconds, text):
    assert mmss(seconds) == text


def test_the_system_clock_never_runs_backwards_when_the_wall_clock_is_stepped_back():
    t0 = datetime(2026, 11, 30, 14, 0, tzinfo=timezone.utc)
    wall = [t0]
    clock = SystemClock(lambda: wall[0])
    assert clock.now() == t0
    wall[0] = t0 - timedelta(minutes=2)  # stepped back
    assert clock.now() == t0  # stands still
    wall[0] = t0 + timedelta(seconds=1)
    assert clock.now() == t0 + timedelta(seconds=1)  # and goes on once it catches up
