"""Appending to and reading the audit trail, always inside the caller's transaction so
that the entry and the change it records are committed together or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import insert, select, text
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import Session

from db.models import AuditRow
from monitor.accounts.actor import Actor
from monitor.accounts.content_digest import canonical
from monitor.audit.entry import GENESIS, AuditEntry, AuditEvent

# any constant: the advisory lock that puts PostgreSQL's appends in one line
_PG_APPEND_LOCK = 0x0CA1_A0D1


def append(s: Session, actor: Actor, at: datetime, event: AuditEvent) -> AuditEntry:
    """Adds one entry after the current tail (serialised between workstations)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_APPEND_LOCK})
    else:  # SQLite: the write lock before the tail is read (a read alone runs outside
        # the transaction, so two workstations' audit-only writes took the same seq)
        s.execute(text("UPDATE audit_log SET seq = seq WHERE 0 = 1"))
    tail = s.execute(select(AuditRow.seq, AuditRow.hash)
                     .order_by(AuditRow.seq.desc()).limit(1)).first()
    seq, prev = (tail.seq + 1, tail.hash) if tail else (1, GENESIS)
    # stored as JSON, hashed as read back: both go through the same plain form
    event = AuditEvent(event.action, event.table, event.row_id, plain(event.before),
                       plain(event.after), event.detail)
    entry = AuditEntry(seq, at, actor.user_id, actor.username, actor.workstation,
                       actor.os_user, event, prev)
    entry = AuditEntry(**{**entry.__dict__, "hash": entry.expected_hash()})
    # a Core insert: also allowed while the session flushes (``db.audit_hook``)
    s.execute(insert(AuditRow).values(
        seq=seq, at=at, user_id=actor.user_id, username=actor.username,
        workstation=actor.workstation, os_user=actor.os_user, action=event.action,
        table_name=event.table, row_id=event.row_id, before_json=_dump(event.before),
        after_json=_dump(event.after), detail=event.detail, prev_hash=prev,
        hash=entry.hash))
    return entry


def entries(s: Session, batch: int = 2000) -> Iterator[AuditEntry]:
    """Every entry in sequence order, read in batches (a clinic's trail grows long)."""
    after = 0
    while True:
        rows = s.scalars(select(AuditRow).where(AuditRow.seq > after)
                         .order_by(AuditRow.seq).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield to_entry(row)
        after = rows[-1].seq


def to_entry(row: AuditRow) -> AuditEntry:
    event = AuditEvent(row.action, row.table_name, row.row_id, _load(row.before_json),
                       _load(row.after_json), row.detail)
    return AuditEntry(row.seq, row.at, row.user_id, row.username, row.workstation,
                      row.os_user, event, row.prev_hash, row.hash)


def snapshot(row) -> dict:
    """An ORM row's columns as a plain dict (secrets left out), for before/after."""
    mapper = orm_inspect(row).mapper
    return {c.key: getattr(row, c.key) for c in mapper.column_attrs
            if not c.key.endswith("_hash")}


def plain(value: dict | None) -> dict | None:
    """A dict as the trail stores it: through canonical JSON and back."""
    return None if value is None else json.loads(canonical(value))


def _dump(value: dict | None) -> str:
    return "" if value is None else canonical(value)


def _load(text_value: str) -> dict | None:
    return json.loads(text_value) if text_value else None
