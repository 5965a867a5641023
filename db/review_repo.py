"""Reading whole courses quickly, sign-off and addenda."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult

from db import convert, patient_search
from db.models import AddendumRow, PatientRow, SessionRow
from db.races import lost_race
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
        """Patients matching name, MRN or date of birth (YYYY-MM-DD), an exact MRN first,
        each with its number of sessions and the time of the latest."""
        with self.storage.transaction() as s:
            return [(convert.patient(p), n, last)
                    for p, n, last in patient_search.overview(s, text, limit)]

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
                     at: datetime, author_user: int | None = None, meaning: str = "",
                     digest: str = "", corrects: tuple[str, int] | None = None) -> Addendum:
        kind, entry_id = corrects if corrects is not None else ("", None)
        row = AddendumRow(session_id=session_id, text=text, reason=reason, author=author,
                          at=at, author_user=author_user, meaning=meaning, digest=digest,
                          corrects_kind=kind, corrects_id=entry_id)
        with self.storage.transaction() as s:
            s.add(row)
            s.flush()
            return convert.addendum(row)

    def addenda(self, session_id: int) -> list[Addendum]:
        query = (select(AddendumRow).where(AddendumRow.session_id == session_id)
                 .order_by(AddendumRow.at, AddendumRow.id))
        with self.storage.transaction() as s:
            return [convert.addendum(r) for r in s.scalars(query)]

