"""Runs ``monitor.audit.verify`` on a database (the CLI's ``audit verify``)."""

from __future__ import annotations

from sqlalchemy import func, select

from db import audit_log
from db.models import AuditRow, Base, UserRow
from db.repository import ClinicRepository
from db.signature_repo import SignatureRepository
from db.storage import Storage
from monitor.audit.chain import ChainBreak, first_break
from monitor.audit.replay import USER_CHANGES, Replay
from monitor.audit.verify import VerifyReport, changed_row_line, verify
from monitor.clock import SystemClock
from monitor.service import SessionService


def verify_database(storage: Storage) -> VerifyReport:
    sessions = SessionService(ClinicRepository(storage), SystemClock())
    signatures = SignatureRepository(storage)
    with storage.transaction() as s:  # the trail read in batches, not all at once
        return verify(audit_log.entries(s), signatures.signed_session_ids(), sessions.load,
                      signatures.signature, lambda table: table_rows(storage, table))


def table_rows(storage: Storage, table: str) -> dict[int, dict]:
    """A table's rows by id, in the plain form the trail stores them (secrets left out)."""
    mapped = next(m.class_ for m in Base.registry.mappers
                  if getattr(m.class_, "__tablename__", None) == table)
    with storage.transaction() as s:
        return {row.id: audit_log.plain(audit_log.snapshot(row)) or {}
                for row in s.scalars(select(mapped))}


def altered_users(storage: Storage) -> list[str]:
    """Accounts not as the trail's account entries say (roles, name, active, or added
    with SQL): quick enough for every start-up (one indexed read of those entries)."""
    with storage.transaction() as s:
        rows = s.scalars(select(AuditRow).where(AuditRow.table_name == "app_user",
                                                AuditRow.action.in_(USER_CHANGES))
                         .order_by(AuditRow.seq)).all()
        replayed = Replay()
        for row in rows:
            replayed.add(audit_log.to_entry(row))
    now = table_rows(storage, UserRow.__tablename__)
    return [changed_row_line("app_user", str((now.get(i) or {}).get("username", i)), what)
            for i, what in replayed.differences("app_user", now)]


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
