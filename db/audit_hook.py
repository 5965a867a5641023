"""Every row the app creates, changes or deletes through the ORM is audited in the same
transaction (before and after), and every new entry records who entered it: hooked on the
storage's sessions, so that no repository method can forget.

Tables with their own, more telling entries (users, signatures) and the trail itself are
left to those; phase changes written as Core UPDATEs are audited through the event row
they always come with.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import event
from sqlalchemy import inspect as orm_inspect
from sqlalchemy.orm import Session

from db import audit_log
from db.storage import Storage
from monitor.accounts.actor import SYSTEM
from monitor.accounts.current_user import CurrentUser
from monitor.audit.entry import AuditEvent
from monitor.clock import Clock

AUDITED_ELSEWHERE = {"audit_log", "app_user", "session_signature", "cli_credential"}
# the column, on each kind of row, that names who entered it
WHO_COLUMNS = ("entered_by", "created_by", "author_user")


def install(storage: Storage, user: CurrentUser, clock: Clock | None = None) -> None:
    """Audits every ORM write made through ``storage`` as ``user`` (the system when no
    one is signed in: start-up, the demo clinic)."""
    sessions = storage._sessions  # noqa: SLF001 (the storage's own factory)

    def now() -> datetime:
        return clock.now() if clock is not None else datetime.now(timezone.utc)

    @event.listens_for(sessions, "before_flush")
    def stamp_who(s: Session, _context: Any, _instances: Any) -> None:
        actor = user.actor
        if actor is None or not actor.user_id:
            return
        for row in s.new:
            for column in WHO_COLUMNS:
                if hasattr(row, column) and getattr(row, column) is None:
                    setattr(row, column, actor.user_id)
        for row in s.dirty:  # an acknowledgement is a change to the alarm row
            if hasattr(row, "acknowledged_by_user") and row.acknowledged_at is not None \
                    and row.acknowledged_by_user is None:
                row.acknowledged_by_user = actor.user_id

    @event.listens_for(sessions, "after_flush")
    def record(s: Session, _context: Any) -> None:
        actor = user.actor or SYSTEM
        at = now()
        for kind, rows in (("create", s.new), ("update", s.dirty), ("delete", s.deleted)):
            for row in sorted(rows, key=_order):
                table = row.__table__.name
                if table in AUDITED_ELSEWHERE:
                    continue
                changed = kind != "update" or s.is_modified(row, include_collections=False)
                if changed:
                    audit_log.append(s, actor, at, _event(kind, table, row))


def _event(kind: str, table: str, row: Any) -> AuditEvent:
    state = orm_inspect(row)
    now = audit_log.snapshot(row)
    row_id = ",".join(str(v) for v in state.mapper.primary_key_from_instance(row))
    if kind == "create":
        return AuditEvent(kind, table, row_id, after=now)
    if kind == "delete":
        return AuditEvent(kind, table, row_id, before=now)
    before = dict(now)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.deleted:
            before[attr.key] = history.deleted[0]
    changed = {k for k in now if before.get(k) != now[k]}
    return AuditEvent(kind, table, row_id, {k: before[k] for k in changed},
                      {k: now[k] for k in changed})


def _order(row: Any) -> tuple[str, str]:
    return row.__table__.name, str(orm_inspect(row).mapper.primary_key_from_instance(row))
