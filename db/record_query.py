"""Reading sessions with everything in them: one query per child table, for any number
of sessions (one chair's record, or a course of sixty)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import convert
from db.models import (
    AddendumRow,
    AlarmRow,
    AssessmentRow,
    CorrectionRow,
    EventRow,
    MedicationRow,
    SessionRow,
    SideEffectRow,
    UserRow,
    VitalsRow,
)
from monitor.records import Patient
from monitor.session_record import SessionRecord

# child table → (the SessionRecord list it fills, converter, time column for ordering)
CHILDREN: tuple[tuple[Any, str, Callable[[Any], Any], Any], ...] = (
    (EventRow, "events", convert.event, EventRow.id),  # commit order, not a clock
    (VitalsRow, "vitals", convert.vitals, VitalsRow.taken_at),
    (SideEffectRow, "side_effects", convert.side_effect, SideEffectRow.at),
    (AlarmRow, "alarms", convert.alarm, AlarmRow.raised_at),
    (AssessmentRow, "assessments", convert.assessment, AssessmentRow.at),
    (MedicationRow, "medications", convert.medication, MedicationRow.at),
    (AddendumRow, "addenda", convert.addendum, AddendumRow.at),
    (CorrectionRow, "corrections", convert.correction, CorrectionRow.id),  # 0008
)


def records_of(s: Session, sessions: list[SessionRow], patient: Patient
               ) -> list[SessionRecord]:
    """The sessions (of one patient), each complete, in the order given — read inside
    the caller's transaction."""
    records = {r.id: SessionRecord(convert.session(r), patient) for r in sessions}
    ids = list(records)
    if not ids:
        return []
    for table, attr, to_record, at in CHILDREN:
        rows = s.scalars(select(table).where(table.session_id.in_(ids))
                         .order_by(at, table.id))
        grouped: defaultdict[int, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[row.session_id].append(to_record(row))
        for sid, items in grouped.items():
            setattr(records[sid], attr, items)
    _name_users(s, list(records.values()))
    return list(records.values())


WHO = ("entered_by", "acknowledged_by_user", "author_user")


def _name_users(s: Session, records: list[SessionRecord]) -> None:
    """Each record's ``users``: the names of those who made its entries (one query)."""
    ids = {getattr(item, who) for r in records
           for part in (r.events, r.vitals, r.side_effects, r.alarms, r.assessments,
                        r.medications, r.addenda)
           for item in part for who in WHO if getattr(item, who, None)}
    if not ids:
        return
    names = {row.id: (f"{row.printed_name}, {row.credentials}" if row.credentials
                      else row.printed_name)
             for row in s.scalars(select(UserRow).where(UserRow.id.in_(ids)))}
    for r in records:
        r.users = names
