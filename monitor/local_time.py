"""A time of day a nurse types ("taken at 01:30") turned into an instant, with the time
zone's rules for that day, not the offset in force now: set back across a daylight-saving
change, a fixed offset would be an hour wrong.

``tz`` is a zone with rules (``zoneinfo.ZoneInfo``), or None for the computer's own zone
(the C library's rules, as ``datetime.astimezone()`` applies them to a naive time).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

from monitor.errors import InvalidEntry

UTC = timezone.utc
# A time up to a minute ahead of the clock is today's (the minute being typed), not
# yesterday's.
AHEAD = timedelta(minutes=1)


def instants_at(day: date, hour: int, minute: int, tz: tzinfo | None) -> list[datetime]:
    """Every UTC instant whose local time in ``tz`` is ``day hour:minute``, earliest first:
    one on most days, two in the hour repeated when clocks go back, none in the hour
    skipped when they go forward."""
    found: list[datetime] = []
    for fold in (0, 1):
        wall = datetime(day.year, day.month, day.day, hour, minute, fold=fold)
        aware = wall.replace(tzinfo=tz) if tz is not None else wall.astimezone()
        instant = aware.astimezone(UTC)
        if _wall(instant, tz) == wall and instant not in found:
            found.append(instant)
    return sorted(found)


def latest_at_or_before(now: datetime, hour: int, minute: int,
                        tz: tzinfo | None) -> datetime:
    """The most recent instant, up to ``now`` (and a minute ahead), at which the local
    time in ``tz`` read ``hour:minute`` — today, or yesterday for a session that runs past
    midnight. In the repeated hour it is the later of the two that is not in the future.

    Raises:
        InvalidEntry: the time did not exist on that day (the clocks went forward).
    """
    today = _wall(now, tz).date()
    for day in (today, today - timedelta(days=1)):
        candidates = instants_at(day, hour, minute, tz)
        if not candidates:
            if day == today and (hour, minute) > _wall(now, tz).timetuple()[3:5]:
                continue  # later than now: yesterday's, and yesterday had it
            raise InvalidEntry(
                f"{hour:02d}:{minute:02d} did not exist on {day:%d %b %Y}: the clocks went "
                "forward an hour. Check the time.", "taken_at")
        passed = [c for c in candidates if c <= now + AHEAD]
        if passed:
            return max(passed)
    raise AssertionError("yesterday's time is always before now")


def _wall(instant: datetime, tz: tzinfo | None) -> datetime:
    """The local wall-clock time of ``instant`` in ``tz``, naive."""
    local = instant.astimezone(tz) if tz is not None else instant.astimezone()
    return local.replace(tzinfo=None)
