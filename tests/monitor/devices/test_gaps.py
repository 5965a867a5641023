from datetime import datetime, timedelta, timezone

from monitor.devices.gaps import Gap, gaps, seconds_ago

T0 = datetime(2025, 1, 1, 10, 0, tzinfo=timezone.utc)
S = timedelta(seconds=60)


def at(*seconds):
    return [T0 + timedelta(seconds=s) for s in seconds]


def test_silences_longer_than_the_setting_are_gaps():
    assert gaps(at(0, 15, 30, 200, 215), S) == [Gap(*at(30, 200))]
    assert gaps(at(0, 60, 120), S) == []  # exactly the setting: not a gap


def test_a_monitor_still_silent_now_is_an_open_gap():
    (gap,) = gaps(at(0, 15), S, now=T0 + timedelta(seconds=100))
    assert gap.end is None and gap.text().endswith("still silent")


def test_last_value_words():
    assert seconds_ago(None, T0) == "no value yet"
    assert seconds_ago(T0, T0 + timedelta(seconds=12)) == "last value 12 s ago"
    assert seconds_ago(T0, T0 + timedelta(minutes=5)) == "last value 5 min ago"
