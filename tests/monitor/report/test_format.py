"""The report's building blocks: rows, levels, and times in one zone."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from monitor.report.format import (
    ADVISORY,
    CRITICAL,
    LEVELS,
    PLAIN,
    Row,
    Table,
    Times,
    duration_text,
    minutes_text,
    times_word,
)
from monitor.vitals import Tier

AT = datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc)


def test_a_cell_takes_its_own_level_else_the_rows():
    row = Row(("a", "b", "c"), ADVISORY, (PLAIN, CRITICAL, PLAIN))
    assert [row.cell_level(i) for i in range(3)] == [ADVISORY, CRITICAL, ADVISORY]
    assert Row(("a",), CRITICAL).cell_level(0) == CRITICAL


def test_an_empty_table_says_so():
    assert Table(("Time",)).empty == "None." and Table(("Time",)).rows == []


def test_an_alarm_tier_has_its_level():
    assert LEVELS == {None: PLAIN, Tier.ADVISORY: ADVISORY, Tier.CRITICAL: CRITICAL}


def test_times_in_a_zone_carry_the_date_only_off_the_reports_day():
    paris = Times(ZoneInfo("Europe/Paris"))
    assert paris.full(AT) == "2026-11-25 00:30"  # already the next day in Paris
    day = paris.for_day(datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc))
    assert day.hm(AT) == "2026-11-25 00:30"
    assert day.hm(datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)) == "13:00"
    assert paris.date(AT) == "2026-11-25"
    assert paris.hm(None) == "—" and paris.full(None) == "—"


def test_the_zone_is_named_once_with_its_offset():
    assert Times(ZoneInfo("Europe/Paris")).zone(AT) == "CET (UTC+01:00)"
    assert Times(timezone.utc).zone(AT) == "UTC+00:00"
    assert Times(ZoneInfo("America/St_Johns")).zone(AT) == "NST (UTC−03:30)"


def test_durations_and_counts_in_words():
    assert duration_text(40 * 60) == "40 min 00 s"
    assert duration_text(125.4) == "2 min 05 s"
    assert minutes_text(None) == "—" and minutes_text(29.6) == "30 min"
    assert [times_word(n) for n in (1, 2, 3)] == ["once", "twice", "3 times"]
