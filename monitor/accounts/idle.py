"""Automatic lock after a time without input (HIPAA §164.312(a)(2)(iii)): names hidden,
the board still shows each chair's phase, clock, vitals due and alarm tier."""

from __future__ import annotations

from datetime import datetime, timedelta

# The default; a clinic may shorten or lengthen it (``clinic_setting``).
DEFAULT_IDLE_LOCK_MINUTES = 10


def should_lock(last_input: datetime, now: datetime,
                minutes: int = DEFAULT_IDLE_LOCK_MINUTES) -> bool:
    return minutes > 0 and now - last_input >= timedelta(minutes=minutes)
