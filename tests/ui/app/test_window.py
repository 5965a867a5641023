"""The main window: theme remembered, a running session resumed after a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from export.colours import LIGHT
from monitor.demo import seed_demo
from monitor.records import NewPatient
from monitor.vitals import VitalsValues
from ui.app.main_window import NOT_LISTENING, MainWindow
from ui.app.preferences import Preferences
from ui.app.theme import DARK


def window_color() -> str:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).name()


def test_dark_theme_is_chosen_in_the_view_menu_and_remembered(qtbot, window, prefs, tmp_path,
                                                              ui_service):
    assert window_color() == LIGHT.window
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    dark = next(a for a in view_menu.actions() if a.text() == "&Dark theme")
    dark.trigger()
    assert window_color() == DARK.window
    assert window.session_view.charts.backgroundBrush().color().name() == DARK.base
    assert Preferences(tmp_path / "settings.ini").dark_theme is True
    again = MainWindow(ui_service, Preferences(tmp_path / "settings.ini"))
    qtbot.addWidget(again)
    assert again.dark_action.isChecked() and window_color() == DARK.window
    again.dark_action.trigger()
    assert window_color() == LIGHT.window


def test_restart_reopens_the_running_session_with_the_right_clock(qtbot, ui_service, clock,
                                                                   prefs):
    patient = ui_service.register_patient(NewPatient("R-1", "Robin Shaw", clock.now().date()
                                                     .replace(year=1990)))
    session = ui_service.open_session(patient.id, "4", 64)
    ui_service.record_vitals(session.id, VitalsValues(118, 76, 66, 99, 12))
    ui_service.start_infusion(session.id)
    clock.advance(minutes=7, seconds=30)
    ui_service.pause(session.id, "IV line check")
    clock.advance(minutes=4)
    ui_service.resume(session.id)
    clock.advance(minutes=2, seconds=15)
    w = MainWindow(ui_service, prefs)  # as if the app was just started
    w.timer.stop()
    qtbot.addWidget(w)
    w.start()
    assert w.stack.currentWidget() is w.board  # the clinic board first
    w.patients.open_list.item(0).setSelected(True)
    w.open_session(w.patients.open_list.item(0).data(Qt.ItemDataRole.UserRole))
    view = w.session_view
    assert w.stack.currentWidget() is view and view.session_id == session.id
    assert view.clock_view.phase.text() == "INFUSING"
    assert view.clock_view.elapsed.text() == "09:45"
    assert view.clock_view.remaining.text() == "30:15"
    assert w.patients.open_list.count() == 1
    assert "Robin Shaw" in w.patients.open_list.item(0).text()


def test_demo_clinic_shows_a_live_session(qtbot, ui_service, clock, prefs):
    seed_demo(ui_service, clock.now())
    w = MainWindow(ui_service, prefs)
    w.timer.stop()
    qtbot.addWidget(w)
    w.start()
    assert w.patients.results.count() == 4
    assert w.patients.open_list.count() == 3
    w.open_session(w.clinic.open_records()[1].session.id)
    assert w.session_view.clock_view.phase.text() == "INFUSING"
    assert w.session_view.clock_view.elapsed.text() == "23:30"
    assert len(w.session_view.charts.curves["sbp"].getData()[1]) == 4
    assert not w.session_view.alarm_banner.isHidden()
    assert "CRITICAL ALARM" in w.session_view.alarm_banner.text.text()


def test_patient_search_by_name_or_mrn(qtbot, window, ui_service, clock):
    for mrn, name in (("A-1", "Ana Lopez"), ("B-2", "Ben Lopez"), ("C-3", "Cleo Ward")):
        ui_service.register_patient(NewPatient(mrn, name, clock.now().date().replace(year=1980)))
    panel = window.patients
    qtbot.keyClicks(panel.search, "lopez")
    qtbot.waitUntil(lambda: panel.results.count() == 2)
    panel.search.clear()
    qtbot.keyClicks(panel.search, "c-3")
    qtbot.waitUntil(lambda: panel.results.count() == 1)
    assert panel.results.item(0).text().startswith("Cleo Ward")


def test_review_opens_from_the_view_menu_and_exports_the_course(qtbot, ui_service, clock,
                                                                 prefs, tmp_path, ui_repo):
    from pypdf import PdfReader

    seed_demo(ui_service, clock.now())
    w = MainWindow(ui_service, prefs)
    w.timer.stop()
    qtbot.addWidget(w)
    w.start()
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    next(a for a in view_menu.actions() if a.text().startswith("&Review")).trigger()
    assert w.pages.currentWidget() is w.review
    maria = ui_repo.patients.find_patients("CH-1001")[0]
    w.review.show_patient(maria.id)
    assert w.review.current_export() == ("course", maria.id)
    path = w.export_pdf(*w.review.current_export(), path=str(tmp_path / "course.pdf"))
    reader = PdfReader(path)
    assert len(reader.pages) > 6
    assert "Maria Alvarez" in " ".join(reader.pages[0].extract_text().split())
    csv_path = w.export_csv(ui_repo.sessions.sessions_of(maria.id)[0].id,
                            path=str(tmp_path / "s.csv"))
    with open(csv_path, encoding="utf-8-sig") as f:
        assert "time_utc" in f.readline()
    # the course's table as CSV: the columns of the screen, one row per session
    course_csv = w.export_course_csv(maria.id, path=str(tmp_path / "course.csv"))
    with open(course_csv, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    assert lines[0].startswith("#,\"Date, chair\",PHQ-9,Signed,Dose planned,Dose given")
    assert len(lines) == 1 + 6 and lines[6].startswith("6,")
    # the board is one shortcut away
    w.show_board()
    assert w.pages.currentWidget() is w.clinic_page


def test_the_monitor_feeds_state_is_asked_again_each_second(window):
    """A feed or a demo monitor that stopped must never still read as running."""
    assert window.feed_now() == NOT_LISTENING
    state = ["Monitor feed on 127.0.0.1:2575"]
    window.show_feed_state(lambda: state[0])
    [label] = [w for w in window.statusBar().findChildren(QLabel)
               if w.text() == "Monitor feed on 127.0.0.1:2575"]
    state[0] = "Monitor feed stopped: the database is locked"
    window.tick()
    assert label.text() == "Monitor feed stopped: the database is locked"
    assert window.feed_now() == label.text()
