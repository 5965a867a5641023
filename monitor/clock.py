"""Clocks. Domain code never reads the wall clock itself; it is handed one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Protocol

UTC = timezone.utc


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The workstation's clock, never going backwards.

    When the wall clock is stepped back (NTP, a nurse fixing the time), ``now`` stays at
    the latest time it gave until the wall clock catches up: elapsed time on screen stands
    still for a moment instead of running backwards, and entries keep their order.
    """

    def __init__(self, wall: Callable[[], datetime] | None = None) -> None:
        self._wall = wall or (lambda: datetime.now(UTC))
        self._latest: datetime | None = None

    def now(self) -> datetime:
        wall = self._wall()
        if self._latest is None or wall > self._latest:
            self._latest = wall
        return self._latest


class FixedClock:
    """A clock that moves only when told to (tests, demo seeding, benchmarks)."""

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now

    def set(self, when: datetime) -> None:
        self._now = as_utc(when)


def as_utc(when: datetime) -> datetime:
    """``when`` in UTC; a naive datetime is refused, never guessed."""
    if when.tzinfo is None:
        raise ValueError("naive datetime: give a timezone")
    return when.astimezone(UTC)


def mmss(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss past an hour); negative values keep their sign."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"
