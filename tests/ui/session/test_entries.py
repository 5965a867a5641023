"""What the nurse sees when an entry is refused, flagged, back-dated or overridden."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTime
from sqlalchemy import func, select

from db.models import EventRow, VitalsRow
from monitor.vitals import VitalsValues
from tests.ui.session.test_session_flow import (
    click,
    give_reason,
    open_session,
    register,
    type_vitals,
)


def vitals_rows(storage):
    with storage.transaction() as s:
        return s.scalars(select(VitalsRow).order_by(VitalsRow.taken_at)).all()


def start_a_session(qtbot, window):
    register(qtbot, window)
    open_session(qtbot, window)
    return window.session_view


def test_typo_is_refused_inline_and_nothing_stored(qtbot, window, sqlite_storage):
    view = start_a_session(qtbot, window)
    type_vitals(qtbot, view, 1200, 80, 72, 98, 14)
    message = view.vitals_form.message.text()
    assert "Systolic BP 1200 is not plausible: allowed 40–300 mmHg." in message
    assert "Nothing was saved" in message
    assert view.vitals_form.inputs["sbp"].property("invalid") is True
    assert view.vitals_form.inputs["sbp"].text() == "1200"  # left on screen to correct
    assert vitals_rows(sqlite_storage) == []
    assert view.log_model.rowCount() == 0
    # corrected, it is stored
    view.vitals_form.inputs["sbp"].clear()
    qtbot.keyClicks(view.vitals_form.inputs["sbp"], "120")
    click(qtbot, view.vitals_form.save_button)
    assert [r.sbp for r in vitals_rows(sqlite_storage)] == [120]
    assert view.vitals_form.inputs["sbp"].property("invalid") is False


def test_missing_value_and_dbp_above_sbp_are_named(qtbot, window, sqlite_storage):
    view = start_a_session(qtbot, window)
    type_vitals(qtbot, view, 120, "", 72, 98, 14)
    assert "Enter Diastolic BP." in view.vitals_form.message.text()
    type_vitals(qtbot, view, 120, 130, 72, 98, 14)
    assert "Diastolic BP 130 must be below systolic BP 120." in view.vitals_form.message.text()
    assert vitals_rows(sqlite_storage) == []


def test_abnormal_value_is_stored_and_flagged(qtbot, window, sqlite_storage):
    view = start_a_session(qtbot, window)
    type_vitals(qtbot, view, 186, 96, 72, 92, 14)
    rows = vitals_rows(sqlite_storage)
    assert [(r.sbp, r.spo2) for r in rows] == [(186, 92)]
    assert "Systolic BP 186 mmHg is at or above the critical limit of 180." in rows[0].flags
    assert "SpO₂ 92 % is below the advisory limit of 94." in rows[0].flags
    message = view.vitals_form.message
    assert message.text().startswith("Saved and flagged:")
    assert "critical limit of 180" in message.text()
    assert view.log_model.entry(0).flagged == "critical"


def test_vitals_can_be_dated_back_within_the_session(qtbot, window, ui_service, clock,
                                                     sqlite_storage):
    view = start_a_session(qtbot, window)
    opened = clock.now()
    clock.advance(minutes=25)
    view.tick()
    local_opened = opened.astimezone()
    earlier = local_opened + timedelta(minutes=10)
    view.vitals_form.taken_at.setTime(QTime(earlier.hour, earlier.minute))
    assert view.vitals_form.now_button.isEnabled()
    type_vitals(qtbot, view, 120, 80, 70, 98, 14)
    assert vitals_rows(sqlite_storage)[0].taken_at == opened + timedelta(minutes=10)
    # after saving the field follows the clock again
    assert not view.vitals_form.now_button.isEnabled()
    # before the session was opened: refused with a reason, nothing stored
    before = local_opened - timedelta(minutes=5)
    view.vitals_form.taken_at.setTime(QTime(before.hour, before.minute))
    type_vitals(qtbot, view, 121, 80, 70, 98, 14)
    assert "before this session was opened" in view.vitals_form.message.text()
    assert len(vitals_rows(sqlite_storage)) == 1


def test_start_without_baseline_needs_a_reason(qtbot, window, sqlite_storage):
    view = start_a_session(qtbot, window)
    seen = give_reason(qtbot, "Monitor cuff failed; manual BP to follow")
    click(qtbot, view.controls.buttons["start"])
    assert seen and view.clock_view.phase.text() == "INFUSING"
    with sqlite_storage.transaction() as s:
        text = s.scalars(select(EventRow.text).where(EventRow.kind == "start")).one()
    assert text == "Started without baseline vitals: Monitor cuff failed; manual BP to follow"


def test_stop_early_then_observation(qtbot, window, ui_service, clock, sqlite_storage):
    view = start_a_session(qtbot, window)
    ui_service.record_vitals(view.session_id, VitalsValues(120, 80, 70, 98, 14))
    view.show_session(view.session_id)
    click(qtbot, view.controls.buttons["start"])
    clock.advance(minutes=18)
    seen = give_reason(qtbot, "Severe nausea despite ondansetron")
    click(qtbot, view.controls.buttons["stop_early"])
    assert seen
    clock.advance(minutes=5)
    view.tick()
    assert view.clock_view.phase.text() == "OBSERVATION (STOPPED EARLY)"
    assert view.clock_view.elapsed.text() == "05:00"  # observation clock
    assert view.clock_view.remaining.text() == "18:00"  # infused
    assert not view.controls.buttons["resume"].isEnabled()
    assert view.controls.buttons["discharge"].isEnabled()
    with sqlite_storage.transaction() as s:
        count = s.scalar(select(func.count()).select_from(EventRow))
    assert count == 2
