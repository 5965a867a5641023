"""What a psychiatrist does to a patient's courses: start one, end it, put a session in
another; and the reads that group a patient's sessions by course."""

from __future__ import annotations

from datetime import datetime

from monitor.clock import Clock
from monitor.errors import InvalidEntry
from monitor.ports import CourseStore, SessionStore
from monitor.text_limits import clean_text
from monitor.treatment_course import (
    CourseChoice,
    TreatmentCourse,
    check_end,
    check_new_course,
    course_choices,
)


class CourseActions:
    def __init__(self, sessions: SessionStore, courses: CourseStore, clock: Clock) -> None:
        self._sessions = sessions
        self._courses = courses
        self.clock = clock

    def courses_of(self, patient_id: int) -> list[TreatmentCourse]:
        return self._courses.courses_of(patient_id)

    def course_choices(self, patient_id: int) -> list[CourseChoice]:
        """The patient's sessions grouped by course, oldest course first (the implicit
        "All sessions before courses" first when there are such sessions)."""
        return course_choices(self._sessions.sessions_of(patient_id),
                              self._courses.courses_of(patient_id),
                              self._courses.assignments(patient_id))

    def start_course(self, patient_id: int, name: str, kind: str,
                     started_at: datetime | None = None) -> TreatmentCourse:
        """A new course from ``started_at`` (now when None); the course still running,
        if any, ends where this one starts."""
        name = clean_text("course_name", name).strip()
        now = self.clock.now()
        start = started_at or now
        courses = self._courses.courses_of(patient_id)
        check_new_course(name, kind, start, now, courses)
        running = next((c for c in courses if c.running), None)
        return self._courses.start_course(patient_id, name, kind, start, now, running)

    def end_course(self, course_id: int, ended_at: datetime | None = None
                   ) -> TreatmentCourse:
        now = self.clock.now()
        course = self._courses.get_course(course_id)
        end = ended_at or now
        check_end(course, end, now)
        return self._courses.end_course(course_id, end)

    def assign_to_course(self, session_id: int, course_id: int) -> None:
        """Puts a session in a course of the same patient, whatever its dates say."""
        session = self._sessions.get_session(session_id)
        course = self._courses.get_course(course_id)
        if course.patient_id != session.patient_id:
            raise InvalidEntry("That course belongs to another patient.")
        self._courses.assign_session(session_id, course_id, self.clock.now())
