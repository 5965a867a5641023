"""The clinic at work through the real main window on a real SQLite file: two chairs
infusing at once, overdue vitals, and a critical alarm that stays until acknowledged.

The window's one-second timer is stopped: each test moves the clock and calls
``window.tick()`` as the timer would.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from db.models import SessionRow, SideEffectRow, VitalsRow
from monitor.timeline import Phase
from tests.ui.conftest import answer_dialog
from tests.ui.session.test_session_flow import click, register, type_vitals
from ui.board.chair_tile import ChairTile

OK = QDialogButtonBox.StandardButton.Ok


# --- the helpers: everything through the window's own widgets --------------------------


def open_session(qtbot, window, chair: str, weight: str = "70") -> int:
    """New session… for the selected patient: weight, bag 1 mg/mL × 100 mL, ``chair``.

    Returns the new session's id (the window switches to its session view)."""
    def fill(dialog):
        qtbot.keyClicks(dialog.weight, weight)
        qtbot.keyClicks(dialog.concentration, "1")
        qtbot.keyClicks(dialog.bag_volume, "100")
        dialog.chair.setCurrentText(chair)
        click(qtbot, dialog.buttons.button(OK))

    seen = answer_dialog(qtbot, fill)
    click(qtbot, window.patients.start_button)
    assert seen, "the New session dialog was not shown"
    view = window.session_view
    assert window.stack.currentWidget() is view
    assert view.record.session.chair == chair
    return view.session_id


def seat_and_start(qtbot, window, clock, mrn: str, name: str, chair: str) -> int:
    """Registers the patient, opens a session in ``chair``, takes a baseline set and
    starts the infusion at the clock's time (the baseline is taken at the same time)."""
    register(qtbot, window, mrn=mrn, name=name)
    sid = open_session(qtbot, window, chair)
    view = window.session_view
    type_vitals(qtbot, view, 122, 78, 70, 98, 14, "36.6")
    assert view.vitals_form.message.text().startswith("Saved:")
    click(qtbot, view.controls.buttons["start"])
    window.tick()
    assert view.clock_view.phase.text() == "INFUSING"
    assert window.service.get_session(sid).started_at == clock.now()
    return sid


def to_board(qtbot, window) -> None:
    click(qtbot, window.session_view.back_button)
    assert window.stack.currentWidget() is window.board
    window.tick()


def tile_of(window, chair: str) -> ChairTile:
    [tile] = [t for t in window.board.tiles if t.status and t.status.chair == chair]
    return tile


def open_from_board(qtbot, window, chair: str) -> None:
    """Clicks the chair's tile, as a nurse does, and lands in its session view."""
    if window.stack.currentWidget() is not window.board:
        to_board(qtbot, window)
    tile = tile_of(window, chair)
    click(qtbot, tile)
    assert window.stack.currentWidget() is window.session_view
    assert window.session_view.session_id == tile.status.session_id
    window.tick()


def strip_buttons(window) -> list:
    """The alarm strip's buttons (those in its row; a replaced one is deleted later)."""
    return window.alarm_strip.buttons()


def log_texts(view) -> list[str]:
    model = view.log_model
    return [f"{model.entry(i).what}: {model.entry(i).detail}"
            for i in range(model.rowCount())]


# --- two chairs at once --------------------------------------------------------------


def test_two_chairs_infusing_at_once(qtbot, window, ui_service, clock, sqlite_storage, ui_repo):
    t0 = clock.now()
    first = seat_and_start(qtbot, window, clock, "MRN-77", "Alex Rivera", "1")
    clock.advance(minutes=7, seconds=30)
    second = seat_and_start(qtbot, window, clock, "MRN-78", "Bea Chen", "2")
    assert first != second

    # the board: both tiles, each with its own patient, phase and clock
    clock.advance(minutes=5)
    to_board(qtbot, window)
    one, two = tile_of(window, "1"), tile_of(window, "2")
    assert (one.initials.text(), one.mrn.text()) == ("AR", "MRN MRN-77")
    assert (two.initials.text(), two.mrn.text()) == ("BC", "MRN MRN-78")
    assert one.phase.text() == two.phase.text() == "INFUSING"
    assert one.property("phase") == two.property("phase") == "infusing"
    assert (one.clock.text(), one.small.text()) == ("12:30", "27:30 left")
    assert (two.clock.text(), two.small.text()) == ("05:00", "35:00 left")
    assert one.status.session_id == first and two.status.session_id == second
    assert [t.phase.text() for t in window.board.tiles[2:]] == ["FREE", "FREE"]

    # the clocks keep their 7:30 apart as time goes on
    clock.advance(seconds=45)
    window.tick()
    assert (one.clock.text(), two.clock.text()) == ("13:15", "05:45")

    # entries on chair 1 stay on chair 1
    open_from_board(qtbot, window, "1")
    view = window.session_view
    type_vitals(qtbot, view, 148, 92, 84, 97, 16)
    click(qtbot, view.side_effects.kind_buttons["nausea"])
    click(qtbot, view.side_effects.severity_buttons[4])
    click(qtbot, view.side_effects.log_button)
    assert view.side_effects.message.text().startswith("Logged: Nausea 4/10")
    chair1_log = log_texts(view)
    assert any("BP 148/92" in line for line in chair1_log)
    assert any(line.startswith("Side effect: Nausea 4/10") for line in chair1_log)

    open_from_board(qtbot, window, "2")
    assert view.session_id == second and "Bea Chen" in view.header.text()
    chair2_log = log_texts(view)
    assert not any("148/92" in line or "Nausea" in line for line in chair2_log)
    assert list(view.charts.curves["sbp"].getData()[1]) == [122]  # the baseline only
    assert view.charts.effect_points.data.size == 0
    assert view.clock_view.elapsed.text() == "05:45"

    to_board(qtbot, window)
    assert one.vitals.text() == "Next vitals in 10:00"  # the set just taken on chair 1
    assert two.vitals.text() == "Next vitals in 04:15"  # 10:00 after its start
    assert (one.clock.text(), two.clock.text()) == ("13:15", "05:45")

    with sqlite_storage.transaction() as s:
        sessions = s.scalars(select(SessionRow).order_by(SessionRow.id)).all()
        vitals = s.scalars(select(VitalsRow).order_by(VitalsRow.taken_at)).all()
        effects = s.scalars(select(SideEffectRow)).all()
        rows = [(r.id, r.chair, r.phase, r.started_at) for r in sessions]
        taken = [(v.session_id, v.sbp) for v in vitals]
        logged = [(e.session_id, e.kind, e.severity) for e in effects]
    assert rows == [(first, "1", "infusing", t0),
                    (second, "2", "infusing", t0 + timedelta(minutes=7, seconds=30))]
    assert taken == [(first, 122), (second, 122), (first, 148)]
    assert logged == [(first, "nausea", 4)]
    assert [(s.id, s.phase) for s, _p in ui_repo.sessions.open_sessions()] == [
        (first, Phase.INFUSING), (second, Phase.INFUSING)]


# --- overdue vitals ------------------------------------------------------------------


def test_overdue_vitals_on_the_chair_and_the_board_until_a_set_is_taken(
        qtbot, window, clock):
    seat_and_start(qtbot, window, clock, "MRN-77", "Alex Rivera", "1")
    view = window.session_view
    due = view.clock_view.vitals_due

    clock.advance(minutes=12)  # due at 10:00, the 2 minutes' grace just used up
    window.tick()
    assert due.text() == "Vitals due now (02:00 ago)"
    assert due.property("state") == "due" and not view.clock_view.overdue

    clock.advance(seconds=1)
    window.tick()
    assert due.isVisible()
    assert due.text() == "Vitals overdue by 02:01"
    assert due.property("state") == "overdue" and view.clock_view.overdue

    to_board(qtbot, window)
    tile = tile_of(window, "1")
    assert tile.vitals.text() == "Vitals overdue by 02:01"
    assert tile.vitals.property("overdue") is True and tile.status.vitals_overdue
    clock.advance(seconds=30)
    window.tick()
    assert tile.vitals.text() == "Vitals overdue by 02:31"

    open_from_board(qtbot, window, "1")
    assert due.property("state") == "overdue"
    type_vitals(qtbot, view, 128, 80, 72, 98, 14)
    assert due.text() == "Next vitals in 10:00"
    assert due.property("state") == "due" and not view.clock_view.overdue

    to_board(qtbot, window)
    assert tile.vitals.text() == "Next vitals in 10:00"
    assert tile.vitals.property("overdue") is False and not tile.status.vitals_overdue


# --- a critical alarm ----------------------------------------------------------------


def test_critical_alarm_stays_until_acknowledged_through_the_dialog(
        qtbot, window, ui_service, clock, ui_repo):
    first = seat_and_start(qtbot, window, clock, "MRN-77", "Alex Rivera", "1")
    clock.advance(minutes=2)
    second = seat_and_start(qtbot, window, clock, "MRN-78", "Bea Chen", "2")
    open_from_board(qtbot, window, "1")
    view, banner = window.session_view, window.session_view.alarm_banner
    assert banner.isHidden()

    clock.advance(minutes=8)
    raised_at = clock.now()
    type_vitals(qtbot, view, 186, 96, 84, 97, 16)
    assert banner.isVisible()
    assert "CRITICAL ALARM" in banner.text.text()
    assert "Systolic BP 186 mmHg is at or above the critical limit of 180" in banner.text.text()
    assert banner.property("tier") == "critical"
    assert banner.button.isVisible() and banner.button.isEnabled()
    assert view.vitals_form.message.text().startswith("Saved and flagged")
    assert window.alarm_strip.isHidden()  # its chair is the one on screen

    def still_raised() -> None:
        assert banner.isVisible(), "the banner went away before the acknowledgement"
        assert "CRITICAL ALARM" in banner.text.text()
        assert "critical limit of 180" in banner.text.text()

    for _ in range(3):  # ticks
        clock.advance(seconds=20)
        window.tick()
        still_raised()
    type_vitals(qtbot, view, 150, 88, 80, 97, 15)  # more entries, within limits
    click(qtbot, view.side_effects.kind_buttons["dizziness"])
    click(qtbot, view.side_effects.severity_buttons[2])
    click(qtbot, view.side_effects.log_button)
    window.tick()
    still_raised()

    # the board flags the chair; reopening the session shows the banner again
    to_board(qtbot, window)
    tile = tile_of(window, "1")
    assert tile.property("alarm") == "critical"
    assert tile.alarm.isVisible()
    assert tile.alarm.text().startswith("Critical alarm: Systolic BP 186")
    assert tile_of(window, "2").alarm.isHidden()
    assert window.alarm_strip.isVisible()  # nothing on screen is its chair: the strip
    open_from_board(qtbot, window, "1")
    still_raised()

    # looking at chair 2, the strip names chair 1's alarm and leads back to it
    open_from_board(qtbot, window, "2")
    assert view.session_id == second and banner.isHidden()
    strip = window.alarm_strip
    [button] = strip_buttons(window)
    assert strip.isVisible() and button.isVisible()
    assert button.text().startswith("Chair 1: critical alarm — Systolic BP 186")
    assert "critical limit of 180" in button.text()
    click(qtbot, button)
    assert view.session_id == first
    window.tick()
    still_raised()
    assert strip.isHidden()

    # acknowledged through the real dialog: who, the action taken, a note
    clock.advance(minutes=1)
    seen: dict[str, object] = {}

    def answer(dialog):
        seen["tier"] = dialog.tier.text()
        seen["messages"] = dialog.messages.text()
        qtbot.keyClicks(dialog.by, "RN Kim")
        dialog.action.set_checked(["Slowed the infusion"])
        qtbot.keyClicks(dialog.note, "BP recheck in 5 min")
        click(qtbot, dialog.buttons.button(OK))

    dialogs = answer_dialog(qtbot, answer)
    click(qtbot, banner.button)
    assert dialogs and not dialogs[0].isVisible()
    assert seen["tier"] == f"Critical alarm, raised at {raised_at.astimezone():%H:%M}"
    assert "Systolic BP 186 mmHg is at or above the critical limit of 180." in seen[
        "messages"]
    assert banner.isHidden()
    assert log_texts(view)[0] == ("Alarm acknowledged: Critical alarm, by RN Kim: "
                                  "Slowed the infusion. BP recheck in 5 min")
    window.tick()
    assert banner.isHidden()

    [stored] = ui_repo.care.alarms(first)
    assert stored.acknowledged_by == "RN Kim"
    assert stored.action == "Slowed the infusion"
    assert stored.note == "BP recheck in 5 min"
    assert stored.acknowledged_at == clock.now()
    assert stored.raised_at == raised_at
    assert ui_repo.care.alarms(second) == []

    # gone from the board and the strip as well
    to_board(qtbot, window)
    assert tile.property("alarm") == "" and tile.alarm.isHidden()
    open_from_board(qtbot, window, "2")
    assert window.alarm_strip.isHidden()


def test_entries_from_another_workstation_reach_the_board_and_the_chair_view(
        qtbot, window, ui_service, clock, sqlite_storage):
    """Two workstations on one database: what one stores, the other shows on reload."""
    from db.repository import ClinicRepository
    from db.storage import Storage
    from monitor.records import NewPatient
    from monitor.service import SessionService
    from monitor.vitals import VitalsValues

    other = Storage(str(sqlite_storage.url))
    elsewhere = SessionService(ClinicRepository(other), clock)
    patient = elsewhere.register_patient(NewPatient("W-2", "Wren Other", date(1975, 4, 4)))
    sid = elsewhere.open_session(patient.id, "3", 66, concentration_mg_ml=1, bag_volume_ml=100)
    elsewhere.record_vitals(sid.id, VitalsValues(120, 80, 70, 98, 14))
    elsewhere.start_infusion(sid.id)
    window.reload()
    assert window.board.tiles[2].status.session_id == sid.id
    window.open_session(sid.id)
    view = window.session_view
    assert view.log_model.rowCount() == 2
    clock.advance(minutes=5)
    elsewhere.record_vitals(sid.id, VitalsValues(186, 96, 90, 97, 16))  # critical, elsewhere
    window.reload()
    assert view.record is window.clinic.record(sid.id)
    assert len(view.record.vitals) == 2 and view.log_model.rowCount() == 3
    assert not view.alarm_banner.isHidden()
    other.close()
