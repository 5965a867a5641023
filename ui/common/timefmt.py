"""Times are stored in UTC and shown in the workstation's local time."""

from __future__ import annotations

from datetime import datetime, tzinfo


def local(when: datetime, tz: tzinfo | None = None) -> datetime:
    return when.astimezone(tz)


def hhmm(when: datetime | None, tz: tzinfo | None = None) -> str:
    return "—" if when is None else local(when, tz).strftime("%H:%M")


def hhmmss(when: datetime | None, tz: tzinfo | None = None) -> str:
    return "—" if when is None else local(when, tz).strftime("%H:%M:%S")
