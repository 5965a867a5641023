"""The chair's monitor in the session view, on a real SQLite file: an unassigned monitor
offered and assigned, its values drawn as hollow markers apart from typed ones, "last
value n s ago", the disconnect alert, and Ctrl+Shift+V recording the set."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from db.devices_repo import DeviceRepository
from db.models import VitalsRow
from monitor.devices.records import ToStore
from monitor.devices.simulator import pcd01_message
from monitor.devices.understand import understand
from tests.ui.session.test_entries import start_a_session

DEVICE = "0000MONITOR42"


def send(storage, clock, n: int, seconds_ago: float, **values) -> None:
    at = clock.now() - timedelta(seconds=seconds_ago)
    u = understand(pcd01_message(DEVICE, f"m{n}", at, values).encode())
    DeviceRepository(storage).store([ToStore(u.report, u.text)], clock.now())


def typed_points(view) -> list[int]:
    return [len(c.getData()[0] if c.getData()[0] is not None else [])
            for c in view.charts.curves.values()]


def test_assign_chart_and_validate_the_monitor_set(qtbot, window, sqlite_storage, clock):
    view = start_a_session(qtbot, window)  # chair 3
    panel = view.monitor
    clock.advance(minutes=2)
    send(sqlite_storage, clock, 1, 5, hr=70)  # before it is assigned: not this chair's
    view.tick()
    assert panel.unbound.currentText() == DEVICE
    assert "No monitor assigned to chair 3" in panel.status.text()
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    assert panel.device is not None and panel.device.chair == "3"

    send(sqlite_storage, clock, 2, 40, sbp=131, dbp=84, map=100)
    send(sqlite_storage, clock, 3, 12, hr=76, spo2=97, rr=15)
    view.tick()
    assert panel.points.count == 5  # SBP, DBP, HR, SpO₂, RR (the mean is not drawn)
    assert typed_points(view) == [0] * 5
    assert "last value 12 s ago" in panel.status.text()
    assert "BP 131/84" in panel.latest_label.text()

    # the dialogs before left no window active on the offscreen platform: as the nurse
    # would, bring the chair's window back to the front
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    field = view.vitals_form.inputs["sbp"]  # the nurse's focus: a field of the form
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert panel.message.text(), "the shortcut did nothing"
    with sqlite_storage.transaction() as s:
        row = s.scalars(select(VitalsRow)).one()
    assert (row.sbp, row.dbp, row.hr, row.spo2, row.rr) == (131, 84, 76, 97, 15)
    assert row.source == f"monitor {DEVICE}"
    assert row.taken_at == (clock.now() - timedelta(seconds=40)).replace(microsecond=0)
    assert "Monitor set validated" in panel.message.text()
    assert view.record.vitals[-1].source == f"monitor {DEVICE}"  # in the record
    assert typed_points(view) == [1] * 5


def test_values_beyond_a_limit_prompt_documentation_until_validated(qtbot, window,
                                                                   sqlite_storage, clock):
    view = start_a_session(qtbot, window)
    panel = view.monitor
    clock.advance(minutes=1)
    send(sqlite_storage, clock, 1, 0, hr=70)
    view.tick()
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    send(sqlite_storage, clock, 2, 5, sbp=171, dbp=92, hr=88, spo2=96, rr=16)
    view.tick()
    assert "Systolic BP 171 mmHg (advisory)" in panel.prompt.text()
    assert not view.record.alarms  # Chairside does not alarm on what it was not given
    panel.validate()
    view.tick()
    assert panel.prompt.text() == ""
    assert view.record.vitals[-1].flags  # validated: flagged and alarmed like a typed set


def test_a_silent_monitor_raises_the_disconnect_alert(qtbot, window, sqlite_storage, clock):
    view = start_a_session(qtbot, window)
    panel = view.monitor
    clock.advance(minutes=1)
    send(sqlite_storage, clock, 1, 0, hr=70)
    view.tick()
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    send(sqlite_storage, clock, 2, 0, hr=71)
    view.tick()
    assert "MONITOR SILENT" not in panel.status.text()
    clock.advance(seconds=61)  # the clinic's setting: 60 s
    view.tick()
    assert "MONITOR SILENT" in panel.status.text() and panel.property("silent") is True
    assert any(b.getRegion() != (0, 0) for b in panel.points.bands)  # drawn as a band


def test_mark_as_artifact_takes_the_set_out_of_reach(qtbot, window, sqlite_storage, clock):
    view = start_a_session(qtbot, window)
    panel = view.monitor
    clock.advance(minutes=1)
    send(sqlite_storage, clock, 1, 0, hr=70)
    view.tick()
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    send(sqlite_storage, clock, 2, 20, sbp=128, dbp=80)
    send(sqlite_storage, clock, 3, 5, sbp=250, dbp=30)  # the arm moved
    view.tick()
    assert "BP 250/30" in panel.latest_label.text()
    qtbot.mouseClick(panel.artifact_button, Qt.MouseButton.LeftButton)
    assert "Marked as artifact" in panel.message.text()
    assert "BP 128/80" in panel.latest_label.text()
    assert list(panel.points.points["sbp"].getData()[1]) == [128]


def test_the_panel_keeps_out_of_the_way_until_a_monitor_exists(qtbot, window,
                                                               sqlite_storage, clock):
    """Off by default, the feed's controls take no room from the charts; a monitor that
    sends (e.g. to a shared server's `chairside listen`) brings them back."""
    view = start_a_session(qtbot, window)
    panel = view.monitor
    view.tick()
    assert not panel.feed_on and not panel.isVisible()
    send(sqlite_storage, clock, 1, 5, hr=70)
    view.tick()
    assert panel.isVisible() and panel.unbound.currentText() == DEVICE


def test_a_decimal_monitor_value_is_shown_as_it_will_be_stored(qtbot, window,
                                                               sqlite_storage, clock):
    """Seen at the chair: "HR 74.2" shown, HR 74 stored without a word."""
    view = start_a_session(qtbot, window)
    panel = view.monitor
    clock.advance(minutes=2)
    send(sqlite_storage, clock, 1, 5, hr=70)
    view.tick()
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    send(sqlite_storage, clock, 2, 30, sbp=120, dbp=78, map=92)
    send(sqlite_storage, clock, 3, 4, hr=74.5, spo2=97.9, rr=13.2)
    view.tick()
    shown = panel.latest_label.text()
    assert "HR 75 " in shown + " " and "SpO₂ 98" in shown and "RR 13" in shown
    assert "74.5" not in shown and "97.9" not in shown
    qtbot.mouseClick(panel.validate_button, Qt.MouseButton.LeftButton)
    with sqlite_storage.transaction() as s:
        row = s.scalars(select(VitalsRow)).one()
    assert (row.hr, row.spo2, row.rr) == (75, 98, 13)
