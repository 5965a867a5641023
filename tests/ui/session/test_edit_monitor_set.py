"""Edit before validating, in the chair view on a real SQLite file: the latest monitor
set opened in the vitals form pre-filled, one value corrected (the cuff misread), saved:
the stored set keeps its source (monitor, its time, who validated it) and says what was
edited, in the log; plain validation (Ctrl+Shift+V) is unchanged."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from db.models import VitalsRow
from tests.ui.session.test_entries import start_a_session
from tests.ui.session.test_monitor_panel import DEVICE, send
from ui.session.session_log import entry_for


def assigned_with_a_set(qtbot, view, storage, clock):
    panel = view.monitor
    clock.advance(minutes=2)
    send(storage, clock, 1, 60, hr=70)
    view.tick()
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    send(storage, clock, 2, 40, sbp=182, dbp=84, map=117)
    send(storage, clock, 3, 12, hr=76, spo2=97, temp_c=36.8)  # no respiratory rate
    view.tick()
    return panel


def test_a_misread_value_is_corrected_and_the_set_says_so(qtbot, window, sqlite_storage,
                                                          clock):
    view = start_a_session(qtbot, window)
    panel = assigned_with_a_set(qtbot, view, sqlite_storage, clock)
    form = view.vitals_form
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert form.monitor_set is not None
    assert {k: e.text() for k, e in form.inputs.items()} == {
        "sbp": "182", "dbp": "84", "hr": "76", "spo2": "97", "rr": "", "temp_c": "36.8"}
    assert window.focusWidget() is form.inputs["rr"]  # what the monitor did not send
    assert not form.time_field.isEnabled()  # the monitor's time, held
    assert DEVICE in form.recheck_label.text()
    qtbot.keyClicks(form.inputs["rr"], "15")
    form.inputs["sbp"].setText("142")  # the cuff misread
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    with sqlite_storage.transaction() as s:
        row = s.scalars(select(VitalsRow)).one()
    assert (row.sbp, row.dbp, row.hr, row.spo2, row.rr) == (142, 84, 76, 97, 15)
    assert row.source == f"monitor {DEVICE}"
    assert row.taken_at == (clock.now() - timedelta(seconds=40)).replace(microsecond=0)
    assert row.device_edits == "sbp 182 142\nrr - 15"
    assert form.monitor_set is None and form.time_field.isEnabled()  # back to typing
    assert "edited before validating: SBP 182 → 142" in form.message.text()
    line = entry_for(view.record.vitals[-1], view.record).detail
    assert "from monitor 0000MONITOR42, validated" in line
    assert "SBP 182 → 142; RR not sent → 15 (monitor → entered)" in line


def test_the_set_she_opened_is_validated_though_newer_values_arrived(qtbot, window,
                                                                     sqlite_storage, clock):
    view = start_a_session(qtbot, window)
    panel = assigned_with_a_set(qtbot, view, sqlite_storage, clock)
    form = view.vitals_form
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    form.inputs["rr"].setText("15")
    send(sqlite_storage, clock, 4, 2, sbp=150, dbp=90, hr=99)  # the monitor went on
    view.tick()
    assert "BP 150/90" in panel.latest_label.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    with sqlite_storage.transaction() as s:
        row = s.scalars(select(VitalsRow)).one()
    assert (row.sbp, row.dbp, row.hr, row.rr) == (182, 84, 76, 15)  # what she saw
    assert row.taken_at == (clock.now() - timedelta(seconds=40)).replace(microsecond=0)
    assert row.device_edits == "rr - 15"


def test_a_set_marked_as_an_artifact_meanwhile_is_not_validated(qtbot, window,
                                                                sqlite_storage, clock):
    view = start_a_session(qtbot, window)
    panel = assigned_with_a_set(qtbot, view, sqlite_storage, clock)
    form = view.vitals_form
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    form.inputs["rr"].setText("15")
    qtbot.mouseClick(panel.artifact_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "no longer this chair's to validate" in form.message.text()
    with sqlite_storage.transaction() as s:
        assert s.scalars(select(VitalsRow)).all() == []


def test_not_from_the_monitor_returns_to_a_plain_entry(qtbot, window, sqlite_storage,
                                                       clock):
    view = start_a_session(qtbot, window)
    panel = assigned_with_a_set(qtbot, view, sqlite_storage, clock)
    form = view.vitals_form
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.cancel_recheck_button, Qt.MouseButton.LeftButton)
    assert form.monitor_set is None and form.inputs["sbp"].text() == ""
    assert form.time_field.isEnabled() and not form.recheck_label.isVisible()
