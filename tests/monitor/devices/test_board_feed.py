"""The board's line for a chair's monitor: "last value n s ago", calm words when silent
longer than the clinic's setting, on free and seated chairs alike."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from monitor.board import chair_statuses
from monitor.devices.board_feed import ChairFeed, feed_line

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
MINUTE = timedelta(seconds=60)


def test_seconds_then_minutes_and_the_silent_state():
    feed = ChairFeed("MON-1", T0)
    assert feed_line(feed, T0 + timedelta(seconds=12), MINUTE) == (
        "Monitor: last value 12 s ago", False)
    assert feed_line(feed, T0 + MINUTE, MINUTE) == ("Monitor: last value 60 s ago", False)
    assert feed_line(feed, T0 + timedelta(seconds=61), MINUTE) == (
        "Monitor silent 61 s", True)
    assert feed_line(feed, T0 + timedelta(minutes=5), MINUTE)[0] == (
        "Monitor silent 5 min")
    assert feed_line(None, T0, MINUTE) == ("", False)


def test_a_chair_with_a_bound_monitor_says_it_on_its_tile():
    feeds = {"02": ChairFeed("MON-2", T0), "9": ChairFeed("MON-9", T0)}  # "02" is chair 2
    statuses = chair_statuses([], 3, T0 + timedelta(seconds=90), feeds, MINUTE)
    assert [(s.chair, s.monitor_text, s.monitor_silent) for s in statuses] == [
        ("1", "", False), ("2", "Monitor silent 90 s", True),
        ("3", "", False)]
    assert chair_statuses([], 3, T0) == chair_statuses([], 3, T0, {}, MINUTE)
