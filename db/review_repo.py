"""Reading whole courses quickly, sign-off and addenda."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import func, or_, select

from db import convert
from db.models import AddendumRow, PatientRow, SessionRow
from db.record_query import records_of
from db.storage import Storage
from monitor.errors import NotFound
from monitor.records import Patient
from monitor.review import Addendum
from monitor.session_record import SessionRecord


class ReviewRepository:
    """Whole courses, the review's patient list, sign-off and addenda."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

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
            return records_of(s, list(sessions), patient)

    def patients_overview(self, text: str = "", limit: int = 200
                          ) -> list[tuple[Patient, int, datetime | None]]:
        """Patients matching name, MRN or date of birth (YYYY-MM-DD), each with its
        number of sessions and the time of the latest."""
        counts = (select(SessionRow.patient_id, func.count(SessionRow.id).label("n"),
                         func.max(SessionRow.created_at).label("last"))
                  .group_by(SessionRow.patient_id).subquery())
        query = (select(PatientRow, counts.c.n, counts.c.last)
                 .outerjoin(counts, counts.c.patient_id == PatientRow.id))
        query = matching(query, text).order_by(PatientRow.name).limit(limit)
        with self.storage.transaction() as s:
            return [(convert.patient(p), n or 0, _utc(last)) for p, n, last in s.execute(query)]

    def sign_session(self, session_id: int, by: str, at: datetime) -> None:
        with self.storage.transaction() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"No session with id {session_id}.")
            row.signed_at, row.signed_by = at, by

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


def matching(query, text: str):
    """Each word narrows: a date matches the date of birth, anything else name or MRN."""
    for word in text.split():
        born = _as_date(word)
        if born is not None:
            query = query.where(PatientRow.date_of_birth == born)
            continue
        pattern = f"%{word}%"
        query = query.where(or_(PatientRow.name.ilike(pattern), PatientRow.mrn.ilike(pattern)))
    return query


def _as_date(word: str) -> date | None:
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def _utc(value):
    """max() over a UTCDateTime column comes back without the type's conversion."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value
