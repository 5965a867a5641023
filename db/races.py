"""Writes that race: what a session is now, for the workstation whose conditional write
found it changed, and the check that a session still takes entries, made in the entry's
own transaction."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from db import convert
from db.models import EventRow, SessionRow
from monitor.concurrency import changed_elsewhere
from monitor.errors import ChairsideError, NotFound, TransitionRefused
from monitor.review import check_writable
from monitor.timeline import Phase


def lost_race(s: Session, session_id: int) -> ChairsideError:
    """The refusal to raise, read in the same transaction as the failed write."""
    current = s.get(SessionRow, session_id)
    if current is None:
        return NotFound(f"No session with id {session_id}.")
    latest = s.scalars(select(EventRow).where(EventRow.session_id == session_id)
                       .order_by(EventRow.id.desc()).limit(1)).first()
    return changed_elsewhere(convert.session(current),
                             convert.event(latest) if latest is not None else None)


def still_open(s: Session, session_id: int, discharged_ok: bool = False) -> None:
    """Takes the session's row for this transaction, and refuses the entry unless the
    session is still open (neither discharged nor signed) as of now; with
    ``discharged_ok`` (notes and corrections, issue 9 §4) only unless it is signed.

    A no-op conditional UPDATE rather than a read: on SQLite it takes the write lock before
    anything is read (so the check sees the newest commit, and a discharge cannot commit
    between the check and the insert); on PostgreSQL it waits for a concurrent discharge's
    row lock and re-checks the row as that left it. The version is left alone: an entry
    moves no phase, and must not make another workstation's phase change look stale."""
    where = [SessionRow.id == session_id, SessionRow.signed_at.is_(None)]
    if not discharged_ok:
        where.append(SessionRow.phase != Phase.DISCHARGED.value)
    done = s.execute(update(SessionRow)
                     .where(*where)
                     .values(version=SessionRow.version)
                     .execution_options(synchronize_session=False))
    if cast("CursorResult[Any]", done).rowcount == 1:
        return
    current = s.get(SessionRow, session_id)
    if current is None:
        return  # no such session: the entry's foreign key refuses it
    check_writable(convert.session(current))
    raise TransitionRefused("This session is discharged; it takes no more entries.")
