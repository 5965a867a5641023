"""The window at the bedside: on screen, full screen on F11 (remembered), the patient
list on F9, a shortcut list, quitting with chairs busy asked first, a free chair opening
New session, a new patient ready for New session (real window, real SQLite file)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from monitor.records import NewPatient
from tests.ui.conftest import answer_dialog
from ui.app.main_window import MainWindow
from ui.app.placement import FRAME_ALLOWANCE, available, where
from ui.app.quit_check import busy_chairs, quit_question
from ui.app.shortcuts_help import ShortcutsDialog
from ui.board.start_session_dialog import StartSessionDialog

LAPTOP = QRect(0, 0, 1280, 800)
ALL_IN_ONE = QRect(0, 0, 1366, 768)
DESK = QRect(0, 0, 1920, 1080)


@pytest.mark.parametrize("room", [LAPTOP, ALL_IN_ONE])
def test_a_geometry_saved_on_a_larger_screen_opens_maximized_here(room):
    saved = QRect(300, 100, 1600, 1000)  # the desk screen's window
    geometry, maximize = where(saved, room)
    assert maximize and room.contains(geometry)
    assert geometry.top() >= FRAME_ALLOWANCE[1]  # the title bar on screen too
    assert geometry.width() >= 1024  # never 887 × 720


@pytest.mark.parametrize("saved", [QRect(1500, 700, 1000, 650), QRect(-400, -300, 1000, 650),
                                   QRect(100, 0, 1100, 700)])
def test_a_saved_geometry_that_fits_is_kept_and_moved_wholly_on_screen(saved):
    geometry, maximize = where(saved, LAPTOP)
    assert not maximize and geometry.size() == saved.size()  # never shrunk
    assert LAPTOP.contains(geometry) and geometry.top() >= FRAME_ALLOWANCE[1]


@pytest.mark.parametrize(("room", "maximized"), [(LAPTOP, True), (ALL_IN_ONE, True),
                                                 (DESK, False)])
def test_a_first_start_fits_the_screen(room, maximized):
    geometry, maximize = where(None, room)
    assert maximize is maximized and room.contains(geometry)
    assert geometry.top() >= FRAME_ALLOWANCE[1]


def test_the_window_uses_the_placement(qtbot, ui_service, prefs):
    w = MainWindow(ui_service, prefs)
    qtbot.addWidget(w)
    expected, maximize = where(None, available(w))
    assert w._open_maximized is maximize
    assert w.geometry().size().width() <= available(w).width()


def test_f11_bedside_mode_is_full_screen_without_the_list_and_remembered(
        qtbot, window, prefs, ui_service):
    assert window.patients.isVisible()
    window.bedside_action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    assert not window.patients.isVisible() and prefs.bedside_mode
    again = MainWindow(ui_service, prefs)
    qtbot.addWidget(again)
    again.show_on_screen()
    qtbot.waitUntil(again.isFullScreen)
    assert again.bedside_action.isChecked() and not again.patients.isVisible()
    again.bedside_action.trigger()
    assert not prefs.bedside_mode


def test_f9_hides_the_patient_list_and_it_stays_hidden(qtbot, window, prefs, ui_service):
    window.patient_list_action.trigger()
    assert not window.patients.isVisible() and not prefs.patient_list_shown
    again = MainWindow(ui_service, prefs)
    qtbot.addWidget(again)
    again.show()
    assert not again.patients.isVisible()


def test_help_lists_the_keyboard_shortcuts(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert any(a.text() == "&Keyboard shortcuts" for a in help_menu.actions())
    d = ShortcutsDialog(window)
    qtbot.addWidget(d)
    text = d.findChild(QLabel, "shortcutList").text()
    for keys in ("F2", "F3", "F11", "Ctrl+Enter", "Alt+K"):
        assert keys in text


def open_two(service):
    for n, chair in (("1", "3"), ("2", "1")):
        p = service.register_patient(NewPatient(f"Q-{n}", f"Pat {n}", date(1980, 1, 2)))
        service.open_session(p.id, chair, 70, 0.5, 40, concentration_mg_ml=1,
                             bag_volume_ml=100)


def test_ctrl_q_with_chairs_busy_asks_first_naming_them(qtbot, window, ui_service):
    open_two(ui_service)
    window.reload()
    assert busy_chairs(window.clinic.open_records()) == ["1", "3"]
    asked: list[str] = []

    def keep_open(box):
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    answer_dialog(qtbot, keep_open)
    window.quit_asking()
    assert asked and asked[0].startswith("Chairs 1 and 3 have sessions open.")
    assert window.isVisible()

    answer_dialog(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.quit_asking()
    assert not window.isVisible()


def test_quitting_an_empty_clinic_asks_nothing(qtbot, window):
    window.quit_asking()
    assert not window.isVisible()
    assert quit_question(["2"]).startswith("Chair 2 has a session open.")


def test_a_free_chair_opens_new_session_in_that_chair(qtbot, window, ui_service):
    patient = ui_service.register_patient(NewPatient("F-1", "Fay Free", date(1980, 1, 2)))
    window.patients.select_patient(patient)
    chosen: list[str] = []

    def cancel(dialog):
        assert isinstance(dialog, StartSessionDialog)
        chosen.append(dialog.chair.currentText())
        dialog.reject()

    answer_dialog(qtbot, cancel)
    free = next(t for t in window.board.tiles if t.status.chair == "3")
    free.activate()
    assert chosen == ["3"]


def test_a_free_chair_with_nobody_chosen_asks_for_the_patient(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.board.tiles[1].activate()
    assert window.patients.preferred_chair == "2"
    assert QApplication.focusWidget() is window.patients.search


def test_a_new_patient_is_chosen_and_new_session_is_ready(qtbot, window):
    def fill(dialog):
        qtbot.keyClicks(dialog.mrn, "N-1")
        qtbot.keyClicks(dialog.name, "Nia New")
        qtbot.keyClicks(dialog.dob.edit, "19800102")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    window.activateWindow()
    answer_dialog(qtbot, fill)
    window.patients.register_patient()
    assert window.patients.selected_patient().mrn == "N-1"
    assert window.patients.start_button.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.patients.start_button)
    qtbot.wait(300)  # the search's own refresh (150 ms) keeps the new patient chosen
    assert window.patients.selected_patient().mrn == "N-1"
    assert QApplication.focusWidget() is window.patients.start_button
