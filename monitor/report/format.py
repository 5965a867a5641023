"""Plain building blocks of a printed report: rows, tables, and local-time formatting.

Times are stored in UTC and printed in the workstation's local zone (or one given); the
zone is named once per report, not beside every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from monitor.vitals import Tier

# How a row (or a cell) is to be shown: plain, or in the advisory / critical colour.
PLAIN, ADVISORY, CRITICAL, OK = "", "advisory", "critical", "ok"
STRUCK = "struck"  # an entry marked entered in error or artifact: kept, struck through
LEVELS = {None: PLAIN, Tier.ADVISORY: ADVISORY, Tier.CRITICAL: CRITICAL}  # an alarm tier's


@dataclass(frozen=True)
class Row:
    """One table row. A cell may hold several lines ("\\n"); ``cell_levels`` colours
    single cells (same length as ``cells`` when given), ``level`` the whole row."""

    cells: tuple[str, ...]
    level: str = PLAIN
    cell_levels: tuple[str, ...] = ()

    def cell_level(self, i: int) -> str:
        if self.cell_levels and self.cell_levels[i]:
            return self.cell_levels[i]
        return self.level


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    empty: str = "None."  # said instead of the table when it has no rows


@dataclass(frozen=True)
class Times:
    """Formats UTC times in one zone; a time on another day than ``day`` gets its date."""

    tz: tzinfo | None = None
    day: date | None = None

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.tz)

    def hm(self, at: datetime | None) -> str:
        if at is None:
            return "—"
        t = self.local(at)
        if self.day is not None and t.date() != self.day:
            return f"{t:%Y-%m-%d %H:%M}"
        return f"{t:%H:%M}"

    def full(self, at: datetime | None) -> str:
        return "—" if at is None else f"{self.local(at):%Y-%m-%d %H:%M}"

    def date(self, at: datetime) -> str:
        return f"{self.local(at):%Y-%m-%d}"

    def zone(self, at: datetime) -> str:
        """The zone's name and offset at ``at``, e.g. "CET (UTC+01:00)"."""
        t = self.local(at)
        offset = t.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "+" if minutes >= 0 else "−"
        hours, mins = divmod(abs(minutes), 60)
        utc = f"UTC{sign}{hours:02d}:{mins:02d}"
        name = t.tzname() or ""
        if not name or name == "UTC" or name.startswith(("UTC", "+", "-")):
            return utc
        return f"{name} ({utc})"

    def for_day(self, at: datetime) -> Times:
        return Times(self.tz, self.local(at).date())


def minutes_text(minutes: float | None) -> str:
    return "—" if minutes is None else f"{round(minutes)} min"


def duration_text(seconds: float) -> str:
    """"40 min 00 s" (minutes and seconds, for the infusion's running time)."""
    whole = int(round(seconds))
    return f"{whole // 60} min {whole % 60:02d} s"


def times_word(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
