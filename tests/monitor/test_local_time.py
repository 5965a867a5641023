"""A typed time of day becomes the right instant across Europe/Berlin's 2026 changes
(29 March: 02:00 CET → 03:00 CEST; 25 October: 03:00 CEST → 02:00 CET), with the zone
injected and with the process zone (TZ) — never the offset in force now."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from monitor.errors import InvalidEntry
from monitor.local_time import instants_at, latest_at_or_before

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture(params=["injected", "process TZ"])
def zone(request, monkeypatch):
    """Europe/Berlin handed in, or as the computer's zone (tz=None)."""
    if request.param == "injected":
        yield BERLIN
        return
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield None
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(("now", "typed", "expected"), [
    # spring: at 04:00 CEST, 01:30 was CET (+1), not CEST (+2)
    (utc(2026, 3, 29, 2, 0), (1, 30), utc(2026, 3, 29, 0, 30)),
    (utc(2026, 3, 29, 2, 0), (3, 15), utc(2026, 3, 29, 1, 15)),
    # autumn: at 04:00 CET, 01:30 was CEST (+2), not CET (+1)
    (utc(2026, 10, 25, 3, 0), (1, 30), utc(2026, 10, 24, 23, 30)),
    # the repeated hour: the later 02:30 (CET) when both have passed ...
    (utc(2026, 10, 25, 3, 0), (2, 30), utc(2026, 10, 25, 1, 30)),
    # ... the earlier (CEST) when the later one is still to come (now 02:10 CET)
    (utc(2026, 10, 25, 1, 10), (2, 50), utc(2026, 10, 25, 0, 50)),
    # later than now: yesterday's (a session past midnight), with yesterday's offset
    (utc(2026, 10, 25, 4, 0), (6, 0), utc(2026, 10, 24, 4, 0)),
    (utc(2026, 3, 29, 3, 0), (6, 0), utc(2026, 3, 28, 5, 0)),
    (utc(2026, 10, 25, 23, 10), (23, 50), utc(2026, 10, 25, 22, 50)),
])
def test_a_time_set_back_across_a_change_is_stored_with_that_hours_offset(zone, now, typed,
                                                                         expected):
    assert latest_at_or_before(now, *typed, zone) == expected


def test_a_time_skipped_when_the_clocks_went_forward_is_refused(zone):
    with pytest.raises(InvalidEntry, match="02:30 did not exist on 29 Mar 2026") as refused:
        latest_at_or_before(utc(2026, 3, 29, 2, 0), 2, 30, zone)
    assert refused.value.field == "taken_at"


def test_one_two_or_no_instants_for_a_wall_time(zone):
    assert len(instants_at(date(2026, 3, 29), 1, 30, zone)) == 1
    assert instants_at(date(2026, 3, 29), 2, 30, zone) == []
    assert instants_at(date(2026, 10, 25), 2, 30, zone) == [utc(2026, 10, 25, 0, 30),
                                                           utc(2026, 10, 25, 1, 30)]


@pytest.mark.parametrize("start", [utc(2026, 3, 28, 12), utc(2026, 10, 24, 12)])
def test_every_minute_around_a_change_reads_back_as_itself(start):
    """The time shown on the clock at any minute, typed at that minute, is that minute."""
    for minute in range(0, 36 * 60):
        instant = start + timedelta(minutes=minute)
        local = instant.astimezone(BERLIN)
        assert latest_at_or_before(instant, local.hour, local.minute, BERLIN) == instant
