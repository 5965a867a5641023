"""Courses in the review through the real widgets: a psychiatrist starts a maintenance
course from the keyboard, the table and the overview then read that course only (its own
baseline), a relapse reads "lost response", and the older sessions stay one choice away."""

from __future__ import annotations

from datetime import date, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from db.models import CourseRow
from export.colours import LIGHT
from monitor.records import NewPatient
from tests.monitor.report.test_course import quick
from tests.ui.conftest import answer_dialog
from ui.review.review_view import ReviewView
from ui.review.start_course_dialog import StartCourseDialog


@pytest.fixture
def review(qtbot, ui_service):
    view = ReviewView(ui_service, LIGHT, timezone.utc)
    qtbot.addWidget(view)
    view.resize(1440, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def phq9_column(view) -> list[str]:
    return [view.course_model.cell(r, "phq9") for r in range(view.course_model.rowCount())]


def test_starting_a_course_in_the_review(qtbot, review, ui_service, ui_repo, clock):
    patient = ui_service.register_patient(NewPatient("MC-1", "Mo Course", date(1970, 1, 1)))
    for total in (20, 14, 9, 4):  # an induction before courses existed
        quick(ui_service, clock, patient.id, rise=10, phq9=total)
    review.show_patient(patient.id)
    assert review.course_box.count() == 1 and not review.course_box.isEnabled()
    assert review.course_box.currentText() == "All sessions before courses · 4 sessions"
    assert phq9_column(review) == ["20", "14 (−30%)", "9 (−55%) response",
                                   "4 (−80%) remission"]
    assert "now in remission since session 4" in review.course_header.text()

    # "Start course…" from the keyboard: Tab reaches it, Space presses it
    button = review.start_course_button
    assert button.isEnabled() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = review.findChild(StartCourseDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Maintenance, monthly")
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # Induction → Maintenance
    assert dialog.kind.currentData() == "maintenance"
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.course is not None
    with ui_repo.storage.transaction() as s:
        assert s.scalars(select(CourseRow.name)).all() == ["Maintenance, monthly"]

    # the new course is the one shown, empty so far
    assert review.course_box.count() == 2 and review.course_box.isEnabled()
    assert review.course_box.currentText().startswith(
        "Maintenance, monthly (maintenance) · 0 sessions · from ")
    assert review.course_model.rowCount() == 0

    for total in (4, 3, 8):  # in remission from its start, then PHQ-9 8: a relapse
        quick(ui_service, clock, patient.id, rise=10, phq9=total)
    review.refresh()
    assert review.course_box.currentText().startswith("Maintenance, monthly (maintenance) · 3")
    # measured from this course's first score (4), not the induction's 20
    assert phq9_column(review) == ["4 remission", "3 (−25%) remission", "8 (+100%)"]
    header = review.course_header.text()
    assert ("PHQ-9 4 → 8 (+100 %): first remission at session 1; now lost response since "
            "session 3.") in header
    assert LIGHT.advisory in header  # said in the advisory colour
    assert [review.course_model.cell(r, "days") for r in range(3)] == ["7", "7", "7"]

    # the induction is still there, from the keyboard
    review.course_box.setFocus()
    qtbot.keyClick(review.course_box, Qt.Key.Key_Up)
    assert review.course_box.currentIndex() == 0
    assert review.course_model.rowCount() == 4
    assert "now in remission since session 4" in review.course_header.text()


def test_a_refused_course_keeps_the_dialog_open_and_stores_nothing(qtbot, review,
                                                                   ui_service, ui_repo):
    patient = ui_service.register_patient(NewPatient("MC-2", "No Name", date(1970, 1, 1)))
    review.show_patient(patient.id)
    dialog = review.start_course()
    assert dialog is not None
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # no name typed
    assert dialog.isVisible()
    assert "Name the course" in dialog.message.text()
    with ui_repo.storage.transaction() as s:
        assert s.scalars(select(CourseRow)).all() == []


def test_ending_the_course_shown(qtbot, review, ui_service, ui_repo, clock):
    patient = ui_service.register_patient(NewPatient("MC-3", "En Ding", date(1970, 1, 1)))
    quick(ui_service, clock, patient.id, rise=10, phq9=20)
    review.show_patient(patient.id)
    assert not review.end_course_button.isEnabled()  # nothing started: nothing to end
    course = ui_service.start_course(patient.id, "Induction", "induction")
    quick(ui_service, clock, patient.id, rise=10, phq9=14)
    review.refresh()  # started elsewhere: the course shown stays the one shown
    assert review.course_box.currentText() == "All sessions before courses · 1 session"
    assert not review.end_course_button.isEnabled()
    review.course_box.setFocus()
    qtbot.keyClick(review.course_box, Qt.Key.Key_Down)  # the new course
    assert review.end_course_button.isEnabled()

    def no(box):
        box.reject()

    seen = answer_dialog(qtbot, no)
    assert review.end_course() is False and seen
    assert ui_service.courses_of(patient.id)[0].ended_at is None

    def yes(box):
        assert "End the course \"Induction\" now?" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    seen = answer_dialog(qtbot, yes)
    qtbot.mouseClick(review.end_course_button, Qt.MouseButton.LeftButton)
    assert seen
    assert ui_service.courses_of(patient.id)[0].ended_at == clock.now()
    assert review.course_box.currentText().startswith("Induction (induction) · 1 session · "
                                                      "from ")
    assert f"to {clock.now():%Y-%m-%d}" in review.course_box.currentText()
    assert not review.end_course_button.isEnabled()
    assert course.id == ui_service.courses_of(patient.id)[0].id


def test_a_nurse_sees_the_courses_but_cannot_start_or_end_one(qtbot, ui_service, clock):
    from monitor.accounts.actor import Actor
    from monitor.accounts.current_user import CurrentUser
    from monitor.accounts.guard import GuardedService
    from monitor.accounts.roles import Role

    patient = ui_service.register_patient(NewPatient("MC-4", "Nu Rse", date(1970, 1, 1)))
    ui_service.start_course(patient.id, "Induction", "induction")
    quick(ui_service, clock, patient.id, rise=10, phq9=20)
    nurse = CurrentUser(Actor(7, "kim", "Kim Rivera", "RN", frozenset({Role.NURSE})))
    view = ReviewView(GuardedService(ui_service, nurse), LIGHT, timezone.utc)
    qtbot.addWidget(view)
    view.show_patient(patient.id)
    assert view.course_box.currentText().startswith("Induction (induction) · 1 session")
    assert view.course_model.rowCount() == 1
    assert not view.start_course_button.isEnabled()
    assert not view.end_course_button.isEnabled()
    psychiatrist = CurrentUser(Actor(8, "dana", "Dana Whitfield", "MD",
                                     frozenset({Role.PSYCHIATRIST})))
    other = ReviewView(GuardedService(ui_service, psychiatrist), LIGHT, timezone.utc)
    qtbot.addWidget(other)
    other.show_patient(patient.id)
    assert other.start_course_button.isEnabled() and other.end_course_button.isEnabled()


def test_moving_a_session_to_another_course(qtbot, review, ui_service, clock):
    patient = ui_service.register_patient(NewPatient("MC-5", "Mo Ving", date(1970, 1, 1)))
    ui_service.start_course(patient.id, "Induction", "induction")
    quick(ui_service, clock, patient.id, rise=10, phq9=20)
    ui_service.start_course(patient.id, "Maintenance", "maintenance")
    quick(ui_service, clock, patient.id, rise=10, phq9=9)  # a late induction infusion
    review.show_patient(patient.id)
    assert review.course_box.currentText().startswith("Maintenance (maintenance) · 1 session")
    review.course_table.setCurrentIndex(review.course_proxy.index(0, 0))

    def to_induction(dialog):
        [choice] = dialog.comboBoxItems()
        assert choice.startswith("Induction (induction) · 1 session")
        assert "Put session 1 of this course" in dialog.labelText()
        dialog.setTextValue(choice)
        dialog.accept()

    seen = answer_dialog(qtbot, to_induction)
    qtbot.mouseClick(review.move_button, Qt.MouseButton.LeftButton)
    assert seen
    assert review.course_box.currentText().startswith("Maintenance (maintenance) · 0 sessions")
    assert review.course_model.rowCount() == 0 and not review.move_button.isEnabled()
    qtbot.keyClick(review.course_box, Qt.Key.Key_Up)
    assert phq9_column(review) == ["20", "9 (−55%) response"]  # one course, one baseline
    [induction, _maintenance] = ui_service.course_choices(patient.id)
    assert len(induction.session_ids) == 2
