"""The main window: patients and open sessions on the left, the session at the chair."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from db.repository import ClinicRepository
from monitor.service import SessionService
from ui.patient_panel import PatientPanel
from ui.preferences import Preferences
from ui.session_view import SessionView
from ui.style import style_sheet
from ui.theme import apply_theme, colors_for

TICK_MS = 1000  # the clock repaints each second; the times come from stored timestamps


class MainWindow(QMainWindow):
    def __init__(self, repo: ClinicRepository, service: SessionService, prefs: Preferences,
                 where: str = "", tz: tzinfo | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.service = service
        self.prefs = prefs
        self.setWindowTitle("Chairside")
        colors = colors_for(prefs.dark_theme)
        self.patients = PatientPanel(repo, service)
        self.session_view = SessionView(service, colors, tz)
        self.placeholder = QLabel("Choose an open session, or find a patient and start a "
                                  "new session.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.session_view)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.patients)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 1200])
        self.setCentralWidget(split)
        self._menus()
        self.statusBar().showMessage(f"Records: {where}" if where else "")
        self.patients.session_chosen.connect(self.open_session)
        self.session_view.phase_changed.connect(
            lambda sid: self.patients.refresh_open_sessions(sid))
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.session_view.tick)
        self.timer.start()
        self.apply_theme(prefs.dark_theme)
        geometry = prefs.window_geometry()
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)

    def _menus(self) -> None:
        file = self.menuBar().addMenu("&File")
        register = QAction("&Register patient…", self, shortcut=QKeySequence.StandardKey.New)
        register.triggered.connect(self.patients.register_patient)
        find = QAction("&Find patient", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self.patients.search.setFocus)
        quit_ = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        file.addActions([register, find])
        file.addSeparator()
        file.addAction(quit_)
        view = self.menuBar().addMenu("&View")
        self.dark_action = QAction("&Dark theme", self, checkable=True)
        self.dark_action.setChecked(self.prefs.dark_theme)
        self.dark_action.toggled.connect(self.set_dark_theme)
        view.addAction(self.dark_action)
        help_ = self.menuBar().addMenu("&Help")
        about = QAction("&About Chairside", self)
        about.triggered.connect(self._about)
        help_.addAction(about)

    def start(self) -> None:
        """Fills the lists and reopens the newest open session (after a restart, say)."""
        self.patients.refresh_patients()
        self.patients.refresh_open_sessions()
        open_now = self.repo.open_sessions()
        if open_now:
            newest = max(open_now, key=lambda sp: sp[0].created_at)[0]
            self.open_session(newest.id)

    def open_session(self, session_id: int) -> None:
        self.session_view.show_session(session_id)
        self.patients.refresh_open_sessions(session_id)
        self.stack.setCurrentWidget(self.session_view)

    def set_dark_theme(self, dark: bool) -> None:
        self.prefs.dark_theme = dark
        self.apply_theme(dark)

    def apply_theme(self, dark: bool) -> None:
        app = QApplication.instance()
        colors = apply_theme(app, dark)
        app.setStyleSheet(style_sheet(colors))
        self.session_view.apply_colors(colors)

    def closeEvent(self, event) -> None:
        self.prefs.save_window_geometry(self.saveGeometry())
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self, "About Chairside",
            "Chairside times and charts IV ketamine infusion sessions.\n\n"
            "It documents and warns; it is not a certified alarm system and does not make "
            "treatment decisions. Every clinical limit is a clinic setting.")
