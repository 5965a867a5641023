"""Two workstations on one session: the words for the one that lost the race.

A phase change or a sign-off is written only if the session is still at the version the
workstation read (``InfusionSession.version``); when it is not, the repository reports
what the session is now and this module says it plainly.
"""

from __future__ import annotations

from datetime import datetime

from monitor.errors import ChangedElsewhere
from monitor.ports import SessionStore
from monitor.records import InfusionSession
from monitor.timeline import EventKind, SessionEvent

_DONE = {
    EventKind.START: "started", EventKind.PAUSE: "paused", EventKind.RESUME: "resumed",
    EventKind.STOP_EARLY: "stopped early", EventKind.END_INFUSION: "ended",
    EventKind.DISCHARGE: "discharged",
}


def _clock(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")  # the workstation's local time


def check_seen(sessions: SessionStore, session: InfusionSession,
               seen_version: int | None) -> None:
    """Refuses a change decided on a screen that showed an older version of the session."""
    if seen_version is not None and seen_version != session.version:
        events = sessions.events(session.id)
        raise changed_elsewhere(session, events[-1] if events else None)


def changed_elsewhere(now: InfusionSession, latest: SessionEvent | None) -> ChangedElsewhere:
    """The refusal for a change that lost the race, naming what happened instead."""
    if now.signed_at is not None:
        what = f"{now.chair}: this session was signed by {now.signed_by} at " \
               f"{_clock(now.signed_at)} on another workstation."
    elif latest is not None and latest.kind in _DONE:
        what = f"{now.chair} was {_DONE[latest.kind]} on another workstation at " \
               f"{_clock(latest.at)}."
    else:
        what = f"{now.chair} was changed on another workstation."
    return ChangedElsewhere(f"{what} Nothing was changed here; the screen now shows the "
                            f"session as it is.", now.id)
