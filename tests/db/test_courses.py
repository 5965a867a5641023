"""Treatment courses stored on SQLite and PostgreSQL: started, ended, sessions grouped by
their dates or put in a course by hand, the implicit course of older sessions, refusals
that store nothing, and every write audited with who made it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.models import AuditRow, CourseRow, CourseSessionRow
from monitor.accounts.permissions import PermissionRefused
from monitor.discharge import all_clear
from monitor.errors import InvalidEntry
from monitor.records import NewPatient
from monitor.treatment_course import BEFORE_COURSES, OUTSIDE_COURSES
from monitor.vitals import VitalsValues


@pytest.fixture
def patient(service):
    return service.register_patient(NewPatient("C-1", "Cal Course", date(1970, 3, 4)))


def opened(service, clock, patient, days=0):
    """A whole session opened ``days`` from now (so that the next one can be opened)."""
    clock.advance(days=days)
    sid = service.open_session(patient.id, "1", 70).id
    service.record_vitals(sid, VitalsValues(120, 80, 70, 98, 14))
    service.start_infusion(sid)
    clock.advance(minutes=40)
    service.end_infusion(sid)
    clock.advance(minutes=30)
    service.record_aldrete(sid, all_clear().items, True, True)
    service.discharge(sid, all_clear())
    return sid


def groups(service, patient):
    return [(c.label, c.session_ids) for c in service.course_choices(patient.id)]


def test_without_courses_every_session_is_in_the_implicit_course(service, clock, patient):
    assert service.course_choices(patient.id) == []
    a = opened(service, clock, patient)
    service.discharge_concerns(a)  # a read: nothing else needed to group
    assert groups(service, patient) == [(BEFORE_COURSES, (a,))]
    assert service.courses_of(patient.id) == []


def test_sessions_belong_to_the_course_current_when_they_were_opened(service, clock,
                                                                     patient, storage):
    old = opened(service, clock, patient)
    clock.advance(days=1)
    induction = service.start_course(patient.id, "  Induction, six infusions ", "induction")
    assert (induction.name, induction.kind, induction.started_at, induction.ended_at) == (
        "Induction, six infusions", "induction", clock.now(), None)
    first = opened(service, clock, patient, days=1)
    second = opened(service, clock, patient, days=3)
    clock.advance(days=20)
    maintenance = service.start_course(patient.id, "Maintenance", "maintenance",
                                       started_at=clock.now() - timedelta(days=2))
    later = opened(service, clock, patient, days=1)
    courses = service.courses_of(patient.id)
    # the induction ended where maintenance started, in the same transaction
    assert [(c.name, c.ended_at) for c in courses] == [
        ("Induction, six infusions", maintenance.started_at), ("Maintenance", None)]
    assert groups(service, patient) == [
        (BEFORE_COURSES, (old,)),
        ("Induction, six infusions (induction)", (first, second)),
        ("Maintenance (maintenance)", (later,))]


def test_a_session_put_in_a_course_by_hand_stays_there(service, clock, patient):
    induction = service.start_course(patient.id, "Induction", "induction")
    a = opened(service, clock, patient, days=1)
    clock.advance(days=10)
    service.start_course(patient.id, "Maintenance", "maintenance")
    b = opened(service, clock, patient, days=1)  # a catch-up infusion of the induction
    service.assign_to_course(b, induction.id)
    assert groups(service, patient) == [("Induction (induction)", (a, b)),
                                        ("Maintenance (maintenance)", ())]
    service.assign_to_course(b, service.courses_of(patient.id)[1].id)  # changed back
    assert groups(service, patient)[1] == ("Maintenance (maintenance)", (b,))


def test_sessions_after_a_course_ended_are_outside_a_course(service, clock, patient):
    course = service.start_course(patient.id, "Induction", "induction")
    a = opened(service, clock, patient, days=1)
    clock.advance(days=1)
    ended = service.end_course(course.id)
    assert ended.ended_at == clock.now()
    b = opened(service, clock, patient, days=30)
    assert groups(service, patient) == [(OUTSIDE_COURSES, (b,)),
                                        ("Induction (induction)", (a,))]


def test_refused_courses_store_nothing(service, clock, patient, storage):
    course = service.start_course(patient.id, "Induction", "induction")
    refusals = [
        (lambda: service.start_course(patient.id, "   ", "induction"), "Name the course"),
        (lambda: service.start_course(patient.id, "X", "weekly"), "kind of course"),
        (lambda: service.start_course(patient.id, "X", "other",
                                      clock.now() + timedelta(days=1)), "today or on an"),
        (lambda: service.start_course(patient.id, "X", "other",
                                      clock.now() - timedelta(days=1)), "starts on or after"),
        (lambda: service.start_course(patient.id, "X" * 121, "other"), "121 characters"),
        (lambda: service.end_course(course.id, clock.now() - timedelta(hours=1)),
         "cannot end before it started"),
    ]
    for attempt, message in refusals:
        with pytest.raises(InvalidEntry, match=message):
            attempt()
    clock.advance(days=5)
    service.end_course(course.id)
    with pytest.raises(InvalidEntry, match="already ended"):
        service.end_course(course.id)
    with pytest.raises(InvalidEntry, match="ran until after"):
        service.start_course(patient.id, "X", "other", clock.now() - timedelta(days=1))
    other = service.register_patient(NewPatient("C-2", "Other One", date(1980, 1, 1)))
    theirs = service.open_session(other.id, "2", 60).id
    with pytest.raises(InvalidEntry, match="another patient"):
        service.assign_to_course(theirs, course.id)
    with storage.transaction() as s:
        assert s.scalars(select(CourseRow.name)).all() == ["Induction"]
        assert s.scalars(select(CourseSessionRow)).all() == []


def test_only_a_psychiatrist_starts_a_course_and_it_is_audited(storage, service, clock,
                                                               staff, current_user,
                                                               guarded):
    current_user.sign_in(staff["nurse"])
    patient = guarded.register_patient(NewPatient("C-3", "Nia Nurse", date(1990, 5, 6)))
    with pytest.raises(PermissionRefused, match="Only a psychiatrist can start a course"):
        guarded.start_course(patient.id, "Induction", "induction")
    assert guarded.courses_of(patient.id) == []  # reading is anyone's
    current_user.sign_in(staff["psychiatrist"])
    course = guarded.start_course(patient.id, "Induction", "induction")
    sid = guarded.open_session(patient.id, "1", 70).id
    guarded.assign_to_course(sid, course.id)
    with storage.transaction() as s:
        row = s.get(CourseRow, course.id)
        assert row.created_by == staff["psychiatrist"].user_id
        audited = s.scalars(select(AuditRow.table_name).where(
            AuditRow.table_name.in_(["treatment_course", "course_session"]))).all()
    assert sorted(audited) == ["course_session", "treatment_course"]
