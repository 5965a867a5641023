"""Reading whole courses quickly, sign-off and addenda."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult

from db import convert, patient_search
from db.models import (
    AddendumRow,
    AlarmRow,
    AssessmentRow,
    EventRow,
    MedicationRow,
    PatientRow,
    SessionRow,
    SideEffectRow,
    VitalsRow,
)
from db.races import lost_race
from db.storage import Storage
from monitor.alarms import Alarm
from monitor.errors import NotFound
from monitor.records import Patient
from monitor.review import Addendum
from monitor.session_record import SessionRecord

# child table → (the SessionRecord list it fills, converter, time column for ordering);
# Any: the row classes share session_id and id, but no common base declares them
_CHILDREN: tuple[tuple[Any, str, Callable[[Any], Any], Any], ...] = (
    (EventRow, "events", convert.event, EventRow.id),  # commit order, not a clock
    (VitalsRow, "vitals", convert.vitals, VitalsRow.taken_at),
    (SideEffectRow, "side_effects", convert.side_effect, SideEffectRow.at),
    (AlarmRow, "alarms", convert.alarm, AlarmRow.raised_at),
    (AssessmentRow, "assessments", convert.assessment, AssessmentRow.at),
    (MedicationRow, "medications", convert.medication, MedicationRow.at),
    (AddendumRow, "addenda", convert.addendum, AddendumRow.at),
)


class ReviewRepository:
    storage: Storage  # set by ClinicRepository

    def course_records(self, patient_id: int) -> list[SessionRecord]:
        """Every session of a patient with everything in it, in one query per table
        (not one per session: a course of 60 opens in a few queries)."""
        with self.storage.transaction() as s:
            patient_row = s.get(PatientRow, patient_id)
            if patient_row is None:
                raise NotFound(f"No patient with id {patient_id}.")
            patient = convert.patient(patient_row)
            sessions = s.scalars(select(SessionRow).where(SessionRow.patient_id == patient_id)
                                 .order_by(SessionRow.created_at, SessionRow.id)).all()
            records = {r.id: SessionRecord(convert.session(r), patient) for r in sessions}
            ids = list(records)
            if not ids:
                return []
            for table, attr, to_record, at in _CHILDREN:
                rows = s.scalars(select(table).where(table.session_id.in_(ids))
                                 .order_by(at, table.id))
                grouped = defaultdict(list)
                for row in rows:
                    grouped[row.session_id].append(to_record(row))
                for sid, items in grouped.items():
                    setattr(records[sid], attr, items)
            return list(records.values())

    def entry_counts(self, session_ids: list[int]) -> dict[int, tuple[int, ...]]:
        """How many entries of each kind every session holds, and how many of its alarms
        are acknowledged: a cheap fingerprint to notice entries made on another
        workstation (one grouped query per table)."""
        counts: dict[int, list[int]] = {sid: [0] * (len(_CHILDREN) + 1) for sid in session_ids}
        if not session_ids:
            return {}
        with self.storage.transaction() as s:
            for i, (table, _attr, _conv, _at) in enumerate(_CHILDREN):
                query = (select(table.session_id, func.count()).where(
                    table.session_id.in_(session_ids)).group_by(table.session_id))
                for sid, n in s.execute(query):
                    counts[sid][i] = n
            acked = (select(AlarmRow.session_id, func.count())
                     .where(AlarmRow.session_id.in_(session_ids),
                            AlarmRow.acknowledged_at.is_not(None))
                     .group_by(AlarmRow.session_id))
            for sid, n in s.execute(acked):
                counts[sid][-1] = n
        return {sid: tuple(c) for sid, c in counts.items()}

    def patients_overview(self, text: str = "", limit: int = 200
                          ) -> list[tuple[Patient, int, datetime | None]]:
        """Patients matching name, MRN or date of birth (YYYY-MM-DD), an exact MRN first,
        each with its number of sessions and the time of the latest."""
        with self.storage.transaction() as s:
            return [(convert.patient(p), n, last)
                    for p, n, last in patient_search.overview(s, text, limit)]

    def get_alarm(self, alarm_id: int) -> Alarm:
        with self.storage.transaction() as s:
            row = s.get(AlarmRow, alarm_id)
            if row is None:
                raise NotFound(f"No alarm with id {alarm_id}.")
            return convert.alarm(row)

    def sign_session(self, session_id: int, by: str, at: datetime,
                     expected_version: int | None = None) -> None:
        """Signs, only if still unsigned (and at ``expected_version`` when given)."""
        with self.storage.transaction() as s:
            conditions = [SessionRow.id == session_id, SessionRow.signed_at.is_(None)]
            if expected_version is not None:
                conditions.append(SessionRow.version == expected_version)
            done = s.execute(update(SessionRow).where(*conditions)
                             .values(signed_at=at, signed_by=by, version=SessionRow.version + 1)
                             .execution_options(synchronize_session=False))
            if cast("CursorResult[Any]", done).rowcount != 1:
                raise lost_race(s, session_id)

    def add_addendum(self, session_id: int, text: str, reason: str, author: str,
                     at: datetime) -> Addendum:
        row = AddendumRow(session_id=session_id, text=text, reason=reason, author=author,
                          at=at)
        with self.storage.transaction() as s:
            s.add(row)
            s.flush()
            return convert.addendum(row)

    def addenda(self, session_id: int) -> list[Addendum]:
        query = (select(AddendumRow).where(AddendumRow.session_id == session_id)
                 .order_by(AddendumRow.at, AddendumRow.id))
        with self.storage.transaction() as s:
            return [convert.addendum(r) for r in s.scalars(query)]

