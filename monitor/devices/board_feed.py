"""A chair's monitor as the board shows it: how long since it last sent, and whether it
has been silent longer than the clinic's setting (the disconnect state). Calm words, no
alarm: the monitor's own alarms remain the alarm system; the board only says whether its
values still reach the chart. No names: the locked board shows it too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ChairFeed:
    device_key: str
    last_seen_at: datetime  # the last message received from it (written once a second)


def ago(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


def feed_line(feed: ChairFeed | None, now: datetime,
              silence: timedelta) -> tuple[str, bool]:
    """('Monitor: last value 12 s ago', False), or ('Monitor silent 3 min', True) when
    silent longer than ``silence``; ('', False) with no monitor. One short line: it must
    fit the narrowest tile (the chair view says what to check)."""
    if feed is None:
        return "", False
    seconds = max(0, int((now - feed.last_seen_at).total_seconds()))
    if seconds > silence.total_seconds():
        return f"Monitor silent {ago(seconds)}", True
    return f"Monitor: last value {ago(seconds)} ago", False
