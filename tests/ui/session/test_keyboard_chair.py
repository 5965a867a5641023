"""A chair worked by keyboard alone: every key goes where the focus is, as on a real
display, and the keys are counted (real window, real SQLite file)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from db.models import SideEffectRow, VitalsRow
from tests.ui.session.test_session_flow import open_session, register
from ui.session.side_effect_panel import next_severity
from ui.session.vitals_form import is_complete

KEYS = {"Enter": Qt.Key.Key_Return, "Tab": Qt.Key.Key_Tab, "F2": Qt.Key.Key_F2,
        "F3": Qt.Key.Key_F3, "Shift+Tab": Qt.Key.Key_Backtab}


def press(qtbot, keys: list[str]) -> int:
    """Each key to the widget holding the focus now (the window's, as xdotool would);
    returns how many were pressed."""
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None, f"no focus for {key!r}"
        if key in KEYS:
            qtbot.keyClick(target, KEYS[key])
        else:
            qtbot.keyClick(target, key)
    return len(keys)


def digits(text: str) -> list[str]:
    return list(text)


def stored_vitals(storage):
    with storage.transaction() as s:
        return [(v.sbp, v.dbp, v.hr, v.spo2, v.rr, v.temp_c)
                for v in s.scalars(select(VitalsRow).order_by(VitalsRow.id))]


def active(qtbot, window) -> None:
    """The window manager gives the window back the keyboard once a dialog closes."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def chair(qtbot, window):
    register(qtbot, window)
    open_session(qtbot, window)
    active(qtbot, window)
    view = window.session_view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.vitals_form.inputs["sbp"])
    return view


def test_a_routine_vitals_set_is_twelve_keys_from_a_chair_just_opened(
        qtbot, window, sqlite_storage):
    """After New session the focus is in SBP: 120 80 72 98 16 and Enter, 12 keys."""
    chair(qtbot, window)
    count = press(qtbot, digits("120" "80" "72" "98" "16") + ["Enter"])
    assert count == 12
    assert stored_vitals(sqlite_storage) == [(120, 80, 72, 98, 16, None)]
    # and the focus is back in SBP for the next set: another 12 keys
    count = press(qtbot, digits("118" "76" "70" "97" "14") + ["Enter"])
    assert count == 12
    assert stored_vitals(sqlite_storage)[-1] == (118, 76, 70, 97, 14, None)


def test_f2_reaches_sbp_from_anywhere_and_a_habitual_tab_is_not_a_skip(
        qtbot, window, sqlite_storage):
    view = chair(qtbot, window)
    window.patients.search.setFocus()
    press(qtbot, ["F2"])
    assert QApplication.focusWidget() is view.vitals_form.inputs["sbp"]
    # a value that could still grow (DBP "10" → "100"?) waits for Tab; a Tab pressed
    # after a field moved on by itself is not counted twice
    press(qtbot, digits("130") + ["Tab"] + digits("100") + ["Tab"] + digits("88")
          + digits("99") + ["Tab"] + digits("18") + digits("37.2") + ["Enter"])
    assert stored_vitals(sqlite_storage) == [(130, 100, 88, 99, 18, 37.2)]


def test_enter_saves_from_every_vitals_field_and_from_taken_at(qtbot, window,
                                                              sqlite_storage):
    view = chair(qtbot, window)
    form = view.vitals_form
    targets = [*form.inputs.values(), form.taken_at]
    for n, target in enumerate(targets):
        for key, value in zip(("sbp", "dbp", "hr", "spo2", "rr"),
                              ("121", "81", "71", "97", "15"), strict=True):
            form.inputs[key].setText(value)
        target.setFocus()
        qtbot.keyClick(target, Qt.Key.Key_Return)
        assert len(stored_vitals(sqlite_storage)) == n + 1, target.objectName()


def test_a_side_effect_by_keyboard_f3_letter_digits_enter(qtbot, window, sqlite_storage):
    view = chair(qtbot, window)
    count = press(qtbot, ["F3", "N", "1", "0", "Enter"])
    assert count == 5
    with sqlite_storage.transaction() as s:
        assert [(e.kind, e.severity) for e in s.scalars(select(SideEffectRow))] == [
            ("nausea", 10)]
    assert QApplication.focusWidget() is view.vitals_form.inputs["sbp"]
    press(qtbot, ["F3", "D", "4"])
    view.side_effects.note.setFocus()  # a note is typed in its field; Enter logs from it
    press(qtbot, digits("calm") + ["Enter"])
    with sqlite_storage.transaction() as s:
        rows = s.scalars(select(SideEffectRow).order_by(SideEffectRow.id)).all()
        assert [(e.kind, e.severity, e.note) for e in rows][-1] == ("dissociation", 4, "calm")


def test_keys_the_panel_does_not_know_log_nothing(qtbot, window, sqlite_storage):
    view = chair(qtbot, window)
    press(qtbot, ["F3", "Enter"])
    assert "Choose a side effect and its severity first." in view.side_effects.message.text()
    with sqlite_storage.transaction() as s:
        assert s.scalars(select(SideEffectRow)).all() == []


def test_the_rules_behind_the_keys():
    assert [is_complete("sbp", t) for t in ("12", "120", "95", "30")] == [
        False, True, True, False]
    assert [is_complete("spo2", t) for t in ("98", "10", "100")] == [True, False, True]
    assert not is_complete("temp_c", "37")
    assert next_severity("", "1") == ("1", 1)
    assert next_severity("1", "0") == ("10", 10)
    assert next_severity("7", "3") == ("3", 3)
    assert next_severity("10", "5") == ("5", 5)


def test_a_discharged_sessions_forms_are_read_only(qtbot, window):
    view = chair(qtbot, window)
    from monitor.timeline import Phase

    view.controls.show_phase(Phase.DISCHARGED)
    view._forms_open(False)
    assert not view.vitals_form.isEnabled() and not view.side_effects.isEnabled()
    assert not view.vitals_form.inputs["sbp"].isEnabled()


def test_a_pause_reason_by_quick_pick_and_the_pause_clock(qtbot, window, sqlite_storage,
                                                          clock):

    from db.models import EventRow
    from tests.ui.conftest import answer_dialog

    view = chair(qtbot, window)
    press(qtbot, digits("120" "80" "72" "98" "16") + ["Enter"])
    clock.advance(minutes=1)
    view.controls.buttons["start"].click()
    clock.advance(minutes=10)
    seen = []

    def reason(dialog):
        dialog.activateWindow()  # as the window manager does for a new dialog
        qtbot.waitUntil(dialog.isActiveWindow)
        seen.append(dialog.focusWidget() is dialog.editor)
        qtbot.keyClick(dialog.editor, "n", Qt.KeyboardModifier.AltModifier)  # &Nausea
        qtbot.waitUntil(lambda: dialog.editor.text() == "Nausea")  # Qt animates the click
        qtbot.keyClicks(dialog.editor, ": retching")
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)

    answer_dialog(qtbot, reason)
    view.controls.buttons["pause"].click()
    with sqlite_storage.transaction() as s:
        assert list(s.scalars(select(EventRow.text).where(EventRow.kind == "pause"))) == [
            "Nausea: retching"]
    assert seen == [True]
    clock.advance(minutes=3, seconds=12.6)
    view.tick()
    assert view.clock_view.phase.text() == "PAUSED"
    assert view.clock_view.elapsed_caption.text() == "infusion elapsed · paused for 03:12"
    assert view.clock_view.elapsed.text() == "10:00"
    assert view.clock_view.remaining.text() == "30:00"


def test_the_log_columns_fit_what_they_hold_as_rows_arrive(qtbot, window):
    view = chair(qtbot, window)
    assert view.log_model.rowCount() == 0  # a new session: the log starts empty
    press(qtbot, digits("120" "80" "72" "98" "16") + ["Enter"])
    press(qtbot, ["F3", "N", "5", "Enter"])
    log = view.log_view
    for column in (0, 1):
        assert log.columnWidth(column) >= log.sizeHintForColumn(column) > 0
    assert log.columnWidth(0) + log.columnWidth(1) < log.viewport().width() // 2
