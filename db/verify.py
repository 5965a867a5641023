"""Runs ``monitor.audit.verify`` on a database (the CLI's ``audit verify``)."""

from __future__ import annotations

from sqlalchemy import func, select

from db import audit_log
from db.models import AuditRow
from db.repository import ClinicRepository
from db.signature_repo import SignatureRepository
from db.storage import Storage
from monitor.audit.chain import ChainBreak, first_break
from monitor.audit.verify import VerifyReport, verify
from monitor.clock import SystemClock
from monitor.service import SessionService


def verify_database(storage: Storage) -> VerifyReport:
    sessions = SessionService(ClinicRepository(storage), SystemClock())
    signatures = SignatureRepository(storage)
    with storage.transaction() as s:  # the trail read in batches, not all at once
        return verify(audit_log.entries(s), signatures.signed_session_ids(), sessions.load,
                      signatures.signature)


def tail_break(storage: Storage, entries: int = 1000) -> ChainBreak | None:
    """The newest ``entries`` of the trail checked (quick enough for every start-up); the
    whole trail is ``chairside audit verify``'s."""
    with storage.transaction() as s:
        newest = s.scalar(select(func.max(AuditRow.seq))) or 0
        first = max(newest - entries + 1, 1)
        anchor = s.execute(select(AuditRow.seq, AuditRow.hash)
                           .where(AuditRow.seq == first - 1)).first()
        if first > 1 and anchor is None:
            return ChainBreak(first - 1, "missing")
        rows = s.scalars(select(AuditRow).where(AuditRow.seq >= first)
                         .order_by(AuditRow.seq)).all()
        start = (anchor.seq, anchor.hash) if anchor is not None else None
        return first_break([audit_log.to_entry(r) for r in rows], start)
