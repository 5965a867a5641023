"""One path for every entry: the service reports what it stored, ClinicState folds it into
every record held in memory and emits ``entry_stored`` once; the chair view, the board,
the alarm strip and the review follow that one signal (no screen patches a record)."""

from __future__ import annotations

from sqlalchemy import event

from monitor.changes import Change
from monitor.timeline import Phase
from monitor.vitals import VitalsValues
from tests.ui.app.test_clinic import log_texts, seat_and_start, strip_buttons, to_board
from tests.ui.session.test_session_flow import click, discharge_all_clear, type_vitals


def test_a_set_typed_at_the_chair_reaches_every_screen_through_one_signal(
        qtbot, window, clock):
    sid = seat_and_start(qtbot, window, clock, "CS-1", "Dana Shared", "2")
    shared = window.clinic.records[sid]
    window.show_review(shared.patient.id)  # the review holds a course record of its own
    course_record = window.review.records[sid]
    assert course_record is not shared
    window.open_session(sid)
    view = window.session_view
    emitted: list[tuple[int, Change]] = []
    window.clinic.entry_stored.connect(lambda s, c: emitted.append((s, c)))
    clock.advance(minutes=5)

    type_vitals(qtbot, view, 184, 96, 92, 95, 16)

    [(changed, change)] = emitted
    stored = change.entry
    assert changed == sid and change == Change(sid, stored)
    assert view.record is shared and shared.vitals[-1] is stored
    assert course_record.vitals[-1] is stored  # the review's copy too
    assert shared.open_alarm() == course_record.open_alarm() == stored.alarm
    assert window.review.summaries[-1].peak_bp == (184, 96)
    assert any(t.startswith("Vitals") and "184/96" in t for t in log_texts(view))
    to_board(qtbot, window)
    assert [b.text() for b in strip_buttons(window)] == [
        f"Chair 2: critical alarm — {stored.alarm.messages[0]}"]


def test_discharge_at_the_chair_reads_nothing_back(qtbot, window, ui_service, clock,
                                                   sqlite_storage):
    """The Aldrete score and the discharged session reach the record as the service
    stored them: nothing is read again once the discharge event is stored."""
    sid = seat_and_start(qtbot, window, clock, "CS-2", "Eli Phase", "1")
    view = window.session_view
    clock.advance(minutes=40)
    ui_service.end_infusion(sid)
    assert view.record.session.phase is Phase.OBSERVATION  # through the same path
    clock.advance(minutes=30)
    statements: list[str] = []

    def listener(*args):
        statements.append(" ".join(args[2].split()))

    event.listen(sqlite_storage.engine, "before_cursor_execute", listener)
    try:
        seen = discharge_all_clear(qtbot)
        click(qtbot, view.controls.buttons["discharge"])
        assert seen
    finally:
        event.remove(sqlite_storage.engine, "before_cursor_execute", listener)
    [stored_at] = [i for i, s in enumerate(statements)
                   if s.startswith("INSERT INTO session_event")]
    after = statements[stored_at + 1:]
    assert not [s for s in after if s.startswith("SELECT") and (
        "FROM assessment" in s or "WHERE infusion_session.id =" in s)]
    assert view.record.session == ui_service.get_session(sid)
    assert view.record.session.phase is Phase.DISCHARGED
    assert view.record.assessments == ui_service.load(sid).assessments
    assert view.record.assessments[-1].kind == "aldrete"
    assert view.timeline.phase is Phase.DISCHARGED


def test_entries_stored_elsewhere_in_this_app_are_not_counted_as_from_elsewhere(
        qtbot, window, ui_service, clock):
    sid = seat_and_start(qtbot, window, clock, "CS-3", "Fay Counted", "3")
    ui_service.record_vitals(sid, VitalsValues(130, 80, 75, 97, 14))
    assert window.clinic.reload() == set()  # the record already matched what is stored
