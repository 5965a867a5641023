"""When an entry is dated: now, or a time the nurse gives within the session."""

from __future__ import annotations

from datetime import datetime, timedelta

from monitor.clock import as_utc
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.records import InfusionSession
from monitor.review import check_writable
from monitor.timeline import Phase

# A reading stamped a little ahead of the clock (clock skew between workstations) is
# accepted; anything further ahead is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=1)


def entry_time(session: InfusionSession, at: datetime | None, now: datetime) -> datetime:
    """The time to store an entry at; refuses entries into a closed session and times
    outside it."""
    check_writable(session)
    if session.phase is Phase.DISCHARGED:
        raise TransitionRefused("This session is discharged; it takes no more entries.")
    if at is None:
        return now
    at = as_utc(at)
    if at > now + FUTURE_TOLERANCE:
        raise InvalidEntry("The time cannot be in the future.", "taken_at")
    if at < session.created_at:
        raise InvalidEntry("The time is before this session was opened; "
                           "entries can be dated back only within the session.",
                           "taken_at")
    return at
