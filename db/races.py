"""What a session is now, for the workstation whose conditional write found it changed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import convert
from db.models import EventRow, SessionRow
from monitor.concurrency import changed_elsewhere
from monitor.errors import ChairsideError, NotFound


def lost_race(s: Session, session_id: int) -> ChairsideError:
    """The refusal to raise, read in the same transaction as the failed write."""
    current = s.get(SessionRow, session_id)
    if current is None:
        return NotFound(f"No session with id {session_id}.")
    latest = s.scalars(select(EventRow).where(EventRow.session_id == session_id)
                       .order_by(EventRow.id.desc()).limit(1)).first()
    return changed_elsewhere(convert.session(current),
                             convert.event(latest) if latest is not None else None)
