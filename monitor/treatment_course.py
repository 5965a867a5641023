"""Treatment courses: a named, dated run of sessions (an induction, a maintenance course)
that response and remission are measured within.

A session belongs to the course it was assigned to, or else to the course current when
it was opened (started on or before, not yet ended). Sessions that belong to none form
an implicit course, so a clinic that never starts one keeps seeing every session together.
Courses of one patient never overlap: starting one ends the course still running.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.errors import InvalidEntry
from monitor.records import InfusionSession

# key → label, in the order the course dialog offers them
KINDS: dict[str, str] = {
    "induction": "Induction",
    "maintenance": "Maintenance",
    "other": "Other",
}
BEFORE_COURSES = "All sessions before courses"
OUTSIDE_COURSES = "Sessions outside a course"


@dataclass(frozen=True)
class TreatmentCourse:
    id: int
    patient_id: int
    name: str
    kind: str
    started_at: datetime
    ended_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def running(self) -> bool:
        return self.ended_at is None

    def holds(self, at: datetime) -> bool:
        """Whether a session opened at ``at`` falls within this course's dates."""
        return self.started_at <= at and (self.ended_at is None or at < self.ended_at)


@dataclass(frozen=True)
class CourseChoice:
    """One entry of the course selector: a stored course, or the implicit one (id None)."""

    course: TreatmentCourse | None
    session_ids: tuple[int, ...]
    label: str

    @property
    def id(self) -> int | None:
        return self.course.id if self.course else None


def course_of(session: InfusionSession, courses: list[TreatmentCourse],
              assigned: dict[int, int]) -> int | None:
    """The id of the course ``session`` belongs to (None: outside every course).

    ``assigned`` maps a session id to the course it was put in explicitly."""
    if session.id in assigned:
        return assigned[session.id]
    holding = [c for c in courses if c.holds(session.created_at)]
    return max(holding, key=lambda c: c.started_at).id if holding else None


def course_choices(sessions: list[InfusionSession], courses: list[TreatmentCourse],
                   assigned: dict[int, int]) -> list[CourseChoice]:
    """The courses to choose from, oldest first: the implicit course (only when some
    session is outside every course), then each stored course with its sessions."""
    members: dict[int | None, list[int]] = {None: []}
    members.update({c.id: [] for c in courses})
    for s in sorted(sessions, key=lambda s: (s.created_at, s.id)):
        members.setdefault(course_of(s, courses, assigned), []).append(s.id)
    choices = []
    if members[None]:
        first_start = min((c.started_at for c in courses), default=None)
        before = first_start is None or all(
            s.created_at < first_start for s in sessions if s.id in members[None])
        choices.append(CourseChoice(None, tuple(members[None]),
                                    BEFORE_COURSES if before else OUTSIDE_COURSES))
    for c in sorted(courses, key=lambda c: (c.started_at, c.id)):
        choices.append(CourseChoice(c, tuple(members[c.id]), course_label(c)))
    return choices


def course_label(c: TreatmentCourse) -> str:
    """"Induction, six infusions (induction)": its name and kind."""
    return f"{c.name} ({c.kind_label.lower()})"


def current_choice(choices: list[CourseChoice]) -> CourseChoice | None:
    """What the review opens on: the running course, else the latest."""
    running = [c for c in choices if c.course is not None and c.course.running]
    return running[-1] if running else (choices[-1] if choices else None)


def check_new_course(name: str, kind: str, started_at: datetime, now: datetime,
                     courses: list[TreatmentCourse]) -> None:
    """Refuses a course with no name, an unknown kind, a start in the future, or one that
    would start inside (or before) a course already stored."""
    if not name.strip():
        raise InvalidEntry("Name the course (for example \"Induction, six infusions\").",
                           "name")
    if kind not in KINDS:
        raise InvalidEntry(f"Choose the kind of course: {', '.join(KINDS.values())}.", "kind")
    if started_at > now:
        raise InvalidEntry("A course starts today or on an earlier day.", "started_at")
    for c in courses:
        if started_at <= c.started_at:
            raise InvalidEntry(f"The course \"{c.name}\" starts on or after that day; a new "
                               "course starts after the latest one.", "started_at")
        if c.ended_at is not None and started_at < c.ended_at:
            raise InvalidEntry(f"The course \"{c.name}\" ran until after that day; a new "
                               "course starts once it has ended.", "started_at")


def check_end(course: TreatmentCourse, ended_at: datetime, now: datetime) -> None:
    if course.ended_at is not None:
        raise InvalidEntry(f"The course \"{course.name}\" has already ended.")
    if ended_at > now:
        raise InvalidEntry("A course ends today or on an earlier day.", "ended_at")
    if ended_at <= course.started_at:
        raise InvalidEntry(f"The course \"{course.name}\" cannot end before it started.",
                           "ended_at")
