"""Searching the audit trail for the admin's audit view (``monitor.audit.query``).

An entry is "about" a session when it touched the session's row, or a row whose before
or after names it (``"session_id":N`` in the canonical JSON, which has no spaces); about
a patient when it touched the patient's row or is about any of their sessions.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from db import audit_log
from db.models import AuditRow, SessionRow
from db.storage import Storage
from monitor.audit.entry import AuditEntry
from monitor.audit.query import AuditQuery


class AuditQueryRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        conditions = []
        if query.username:
            conditions.append(AuditRow.username == query.username)
        if query.action:
            conditions.append(AuditRow.action == query.action)
        if query.since is not None:
            conditions.append(AuditRow.at >= query.since)
        if query.until is not None:
            conditions.append(AuditRow.at < query.until)
        order = AuditRow.seq.desc() if query.newest_first else AuditRow.seq
        with self.storage.transaction() as s:
            if query.session_id is not None:
                conditions.append(_about_sessions([query.session_id]))
            if query.patient_id is not None:
                sessions = list(s.scalars(select(SessionRow.id)
                                          .where(SessionRow.patient_id == query.patient_id)))
                conditions.append(or_(_row(("patient",), [query.patient_id]),
                                      _about_sessions(sessions)))
            rows = s.scalars(select(AuditRow).where(*conditions).order_by(order)
                             .limit(query.limit))
            return [audit_log.to_entry(r) for r in rows]

    def actions(self) -> list[str]:
        with self.storage.transaction() as s:
            return list(s.scalars(select(AuditRow.action).distinct().order_by(AuditRow.action)))

    def usernames(self) -> list[str]:
        with self.storage.transaction() as s:
            return list(s.scalars(select(AuditRow.username).distinct()
                                  .order_by(AuditRow.username)))


def _row(tables: tuple[str, ...], ids: list[int]):
    return and_(AuditRow.table_name.in_(tables), AuditRow.row_id.in_([str(i) for i in ids]))


def _about_sessions(session_ids: list[int]):
    if not session_ids:
        return AuditRow.seq.is_(None)  # matches nothing
    named = [column.like(f'%"session_id":{sid}{end}%')
             for sid in session_ids for end in (",", "}")
             for column in (AuditRow.after_json, AuditRow.before_json)]
    return or_(_row(("infusion_session",), session_ids), *named)
