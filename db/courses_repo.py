"""Treatment courses: started, ended, and sessions put in one by hand."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from db.models import CourseRow, CourseSessionRow, PatientRow, SessionRow
from db.storage import Storage
from monitor.errors import NotFound
from monitor.treatment_course import TreatmentCourse


def _course(r: CourseRow) -> TreatmentCourse:
    return TreatmentCourse(r.id, r.patient_id, r.name, r.kind, r.started_at, r.ended_at,
                           r.created_at)


class CourseRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def courses_of(self, patient_id: int) -> list[TreatmentCourse]:
        """A patient's courses, oldest first."""
        query = (select(CourseRow).where(CourseRow.patient_id == patient_id)
                 .order_by(CourseRow.started_at, CourseRow.id))
        with self.storage.transaction() as s:
            return [_course(r) for r in s.scalars(query)]

    def get_course(self, course_id: int) -> TreatmentCourse:
        with self.storage.transaction() as s:
            row = s.get(CourseRow, course_id)
            if row is None:
                raise NotFound(f"No course with id {course_id}.")
            return _course(row)

    def assignments(self, patient_id: int) -> dict[int, int]:
        """Session id → course id, for the patient's sessions put in a course by hand."""
        query = (select(CourseSessionRow.session_id, CourseSessionRow.course_id)
                 .join(SessionRow, SessionRow.id == CourseSessionRow.session_id)
                 .where(SessionRow.patient_id == patient_id))
        with self.storage.transaction() as s:
            return {sid: cid for sid, cid in s.execute(query)}

    def start_course(self, patient_id: int, name: str, kind: str, started_at: datetime,
                     at: datetime, end_running: TreatmentCourse | None = None
                     ) -> TreatmentCourse:
        """Stores a new course; ``end_running``, the course still running, is ended at
        the new one's start in the same transaction."""
        with self.storage.transaction() as s:
            if s.get(PatientRow, patient_id) is None:
                raise NotFound(f"No patient with id {patient_id}.")
            if end_running is not None:
                running = s.get(CourseRow, end_running.id)
                if running is not None and running.ended_at is None:
                    running.ended_at = started_at
            row = CourseRow(patient_id=patient_id, name=name, kind=kind,
                            started_at=started_at, created_at=at)
            s.add(row)
            s.flush()
            return _course(row)

    def end_course(self, course_id: int, ended_at: datetime) -> TreatmentCourse:
        with self.storage.transaction() as s:
            row = s.get(CourseRow, course_id)
            if row is None:
                raise NotFound(f"No course with id {course_id}.")
            row.ended_at = ended_at
            s.flush()
            return _course(row)

    def assign_session(self, session_id: int, course_id: int, at: datetime) -> None:
        """Puts a session in a course (replacing any earlier choice)."""
        with self.storage.transaction() as s:
            row = s.get(CourseSessionRow, session_id)
            if row is None:
                s.add(CourseSessionRow(session_id=session_id, course_id=course_id,
                                       assigned_at=at))
            else:
                row.course_id, row.assigned_at = course_id, at
