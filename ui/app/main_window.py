"""The main window: the clinic board (every chair), one chair's session, and on the left
the patients and the sessions open now. An alarm on any chair stays visible in a strip
above whatever is shown."""
from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from monitor.accounts.account_service import AccountService
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.permissions import Action
from monitor.accounts.signing import SigningService
from monitor.audit.entry import AuditEvent
from monitor.audit.trail_service import AuditTrailService
from monitor.board import chair_statuses
from monitor.changes import Change
from monitor.errors import ChairsideError
from monitor.report.file_names import export_name
from monitor.service import SessionService
from ui.app.alarm_sound import AlarmSound
from ui.app.alarm_strip import AlarmStrip
from ui.app.clinic_state import ClinicState
from ui.app.export_paths import ask_export_path
from ui.app.handover_actions import alarm_actions, handover_actions
from ui.app.placement import place
from ui.app.preferences import Preferences
from ui.app.quit_check import confirm_quit
from ui.app.shortcuts_help import ShortcutsDialog
from ui.app.style import dark_alarms, style_sheet
from ui.app.theme import apply_theme, colors_for
from ui.board.board_view import BoardView, board_style
from ui.board.monitor_feeds import BoardFeeds
from ui.board.patient_panel import PatientPanel
from ui.review.review_view import ReviewView
from ui.session.session_view import SessionView

TICK_MS = 1000  # the clocks repaint each second; the times come from stored timestamps


COMPACT_WIDTH = 1200  # below it a chair on screen hides the patient list

# the monitor feed (issue 12) when this workstation does not listen: it may still run as
# `chairside listen` elsewhere, so this says only what is true of this one
NOT_LISTENING = "This workstation is not listening for monitors"
RELOAD_MS = 30_000  # sessions opened or discharged on another workstation


class MainWindow(QMainWindow):
    def __init__(self, service: SessionService, prefs: Preferences, where: str = "",
                 tz: tzinfo | None = None) -> None:
        super().__init__()
        self.service = service
        self.prefs = prefs
        # the live database's files: file dialogs never list or open them (db.wal_guard)
        self.database_files: list[Path] = []
        # accounts (issue 10), set by main.py before the review is first shown
        self.signing: SigningService | None = None
        self.current_user: CurrentUser | None = None
        self.accounts: AccountService | None = None
        self.audit_trail: AuditTrailService | None = None
        self.clinic = ClinicState(service)
        self._chairs = 4  # read from the clinic's settings in start()
        self.feeds = BoardFeeds(service)  # each chair's monitor on the board (issue 12)
        self.setWindowTitle("Chairside")
        self.patients = PatientPanel(service)
        self.board = BoardView()
        self.tz = tz
        self._session_view: SessionView | None = None  # built when first needed (start-up)
        self.alarm_strip = AlarmStrip(self.open_session)
        # what plays when (monitor.alarm_sound); a recording sink until main.py gives
        # the workstation's speaker (set_sound_player)
        self.alarm_sound = AlarmSound(service, tz=tz, parent=self)
        self.alarm_sound.silenced_changed.connect(self.alarm_strip.show_silence)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.board)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.patients)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 1200])
        self.clinic_page = split
        self.pages = QStackedWidget()  # the clinic (board and chairs) | the review
        self.pages.addWidget(split)
        self._review: ReviewView | None = None  # built when first needed
        central = QWidget()  # the alarm strip above every page, the review included
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.alarm_strip)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._menus()
        self.statusBar().showMessage(f"Records: {where}" if where else "")
        self._connect()
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.reload_timer = QTimer(self, interval=RELOAD_MS)
        self.reload_timer.timeout.connect(self.reload)
        self.reload_timer.start()
        self.apply_theme(prefs.dark_theme)
        self._open_maximized = place(self, prefs.window_geometry())
        self.show_patient_list(prefs.patient_list_shown)

    def _connect(self) -> None:
        self.patients.session_chosen.connect(self.open_session)
        self.board.session_opened.connect(self.open_session)
        self.board.chair_chosen.connect(self._free_chair_chosen)
        self.board.acknowledge_requested.connect(self.acknowledge_from_board)
        self.clinic.entry_stored.connect(self._entry_stored)

    @property
    def session_view(self) -> SessionView:
        """The chair view, made on first use: its charts cost ~65 ms of start-up."""
        if self._session_view is None:
            view = SessionView(self.service, self.clinic, colors_for(self.prefs.dark_theme),
                               self.tz)
            view.default_user = self.prefs.user_name
            view.back_requested.connect(self.show_board)
            self.stack.addWidget(view)
            self._session_view = view
        return self._session_view

    @property
    def review(self) -> ReviewView:
        """The psychiatrist's review (patients, courses, sessions), made on first use."""
        if self._review is None:
            view = ReviewView(self.service, colors_for(self.prefs.dark_theme), self.tz,
                              clinic=self.clinic)
            view.session_review.default_signer = self.prefs.user_name
            view.session_review.signing = self.signing  # issue 10 (None: no accounts)
            view.session_review.current_user = self.current_user
            view.export_pdf_requested.connect(self.export_pdf)
            view.export_csv_requested.connect(self.export_csv)
            self.pages.addWidget(view)
            self._review = view
        return self._review

    def show_review(self, patient_id: int | None = None) -> None:
        self.pages.setCurrentWidget(self.review)
        if patient_id is not None:
            self.review.show_patient(patient_id)

    def _on_screen(self) -> SessionView | None:
        view = self._session_view
        return view if view is not None and self.stack.currentWidget() is view else None

    def _menus(self) -> None:
        standard = QKeySequence.StandardKey
        file = self.menuBar().addMenu("&File")
        register = QAction("&Register patient…", self, shortcut=QKeySequence(standard.New))
        register.triggered.connect(self.patients.register_patient)
        find = QAction("&Find patient", self, shortcut=QKeySequence(standard.Find))
        find.triggered.connect(self.patients.search.setFocus)
        settings = QAction("Clinic &settings…", self)
        settings.triggered.connect(self.open_settings)
        export_pdf = QAction("&Export PDF…", self, shortcut=QKeySequence("Ctrl+E"))
        export_pdf.triggered.connect(self._export_pdf_here)
        export_csv = QAction("Export &CSV…", self)
        export_csv.triggered.connect(self._export_csv_here)
        quit_ = QAction("&Quit", self, shortcut=QKeySequence(standard.Quit))
        quit_.triggered.connect(self.quit_asking)
        file.addActions([register, find])
        file.addSeparator()
        file.addActions([export_pdf, export_csv])
        file.addSeparator()
        file.addActions(handover_actions(self, QKeySequence(standard.Print)))
        file.addSeparator()
        file.addAction(settings)
        file.addSeparator()
        file.addAction(quit_)
        view = self.menuBar().addMenu("&View")
        board = QAction("Clinic &board", self, shortcut=QKeySequence("Ctrl+B"))
        board.triggered.connect(self.show_board)
        review = QAction("&Review (courses and sign-off)", self, shortcut=QKeySequence("Ctrl+R"))
        review.triggered.connect(lambda: self.show_review())
        self.dark_action = QAction("&Dark theme", self, checkable=True)
        self.dark_action.setChecked(self.prefs.dark_theme)
        self.dark_action.toggled.connect(self.set_dark_theme)
        self.patient_list_action = QAction("&Patient list", self, checkable=True,
                                           shortcut=QKeySequence("F9"))
        self.patient_list_action.setChecked(self.prefs.patient_list_shown)
        self.patient_list_action.toggled.connect(self._patient_list_toggled)
        self.bedside_action = QAction("Bedside &full screen", self, checkable=True,
                                      shortcut=QKeySequence("F11"))
        self.bedside_action.toggled.connect(self.set_bedside_mode)
        view.addActions([board, review, self.dark_action])
        view.addSeparator()
        view.addActions([self.patient_list_action, self.bedside_action])
        alarms = self.menuBar().addMenu("&Alarms")
        alarms.addActions(alarm_actions(self))
        admin = self.menuBar().addMenu("A&dmin")  # Alt+A is the Alarms menu
        users = QAction("&Users…", self)
        users.triggered.connect(self.open_users)
        audit = QAction("&Audit trail…", self)
        audit.triggered.connect(self.open_audit)
        admin.addActions([users, audit])
        help_ = self.menuBar().addMenu("&Help")
        keys = QAction("&Keyboard shortcuts", self, shortcut=QKeySequence("F1"))
        keys.triggered.connect(lambda: ShortcutsDialog(self).exec())
        about = QAction("&About Chairside", self)
        about.triggered.connect(self._about)
        help_.addActions([keys, about])

    # --- screen ---------------------------------------------------------------------

    def show_on_screen(self) -> None:
        """Shows the window wholly on its screen: bedside full screen when that was left
        on, maximized on a screen smaller than the preferred window."""
        if self.prefs.bedside_mode:
            self.bedside_action.setChecked(True)  # shows it full screen
        elif self._open_maximized:
            self.showMaximized()
        else:
            self.show()

    def show_patient_list(self, shown: bool) -> None:
        """The list as chosen (F9), except in bedside mode and beside a chair on a screen
        narrower than COMPACT_WIDTH (1024×768: the chair takes the whole width)."""
        compact = self._on_screen() is not None and self.width() < COMPACT_WIDTH
        self.patients.setVisible(shown and not self.bedside_action.isChecked()
                                 and not compact)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.show_patient_list(self.prefs.patient_list_shown)

    def _patient_list_toggled(self, shown: bool) -> None:
        self.prefs.patient_list_shown = shown
        self.show_patient_list(shown)

    def set_bedside_mode(self, on: bool) -> None:
        """Full screen, the chair or the board only: no patient list (F11; remembered)."""
        self.prefs.bedside_mode = on
        if on:
            self.showFullScreen()
        elif self._open_maximized:
            self.showMaximized()
        else:
            self.showNormal()
        self.show_patient_list(self.prefs.patient_list_shown)

    # --- what is shown ---------------------------------------------------------------

    def start(self) -> None:
        """Fills the lists and the board (every open session, as after a restart)."""
        self.service.settings.ensure_defaults()
        self._chairs = self.service.settings.chair_count()
        self.feeds.reload_settings()
        self.alarm_sound.use(self.service.settings.sound())
        self.patients.refresh_patients()
        self.reload()
        self.show_board()

    def reload(self) -> None:
        changed = self.clinic.reload()
        shown = self._session_view.session_id if self._session_view else None
        view = self._on_screen()
        if shown in changed and view is not None:
            view.show_record(self.clinic.record(shown))  # entries from elsewhere
        self.patients.refresh_open_sessions(shown)
        self.tick()

    def show_board(self) -> None:
        self.pages.setCurrentWidget(self.clinic_page)
        self.stack.setCurrentWidget(self.board)
        self.show_patient_list(self.prefs.patient_list_shown)
        self.tick()

    def open_session(self, session_id: int) -> None:
        self.session_view.show_record(self.clinic.record(session_id))
        self.patients.refresh_open_sessions(session_id)
        self.pages.setCurrentWidget(self.clinic_page)
        self.stack.setCurrentWidget(self.session_view)
        self.show_patient_list(self.prefs.patient_list_shown)
        self.tick()
        self.session_view.focus_vitals()

    def monitor_feeds(self):
        """(chair → its bound monitor, the silence setting) for the board and the lock."""
        return self.feeds.read()

    def tick(self) -> None:
        """Each second: the chair on screen, the board, alarms on other chairs and the
        monitor feed's state."""
        view = self._on_screen()
        if view is not None:
            view.tick()
        self._show_clinic(view)
        if self._feed_label is not None:
            said = self.feed_now()
            if self._feed_label.text() != said:
                self._feed_label.setText(said)

    _feed_label: QLabel | None = None
    _feed_said: Callable[[], str] | None = None

    def feed_now(self) -> str:
        """The monitor feed on this workstation, as it is now."""
        return self._feed_said() if self._feed_said is not None else NOT_LISTENING

    def show_feed_state(self, said: Callable[[], str]) -> None:
        """The monitor feed's state in the status bar, asked again each second (a feed
        or a demo monitor that stopped never reads as running), and in the settings."""
        self._feed_said = said
        if self._feed_label is None:
            self._feed_label = QLabel(said())
            self.statusBar().addPermanentWidget(self._feed_label)

    def _show_clinic(self, view: SessionView | None) -> None:
        """The board (unless a chair is on screen) and the alarm strip, from memory."""
        now = self.service.clock.now()
        records = self.clinic.open_records()
        if view is None:
            self.board.show_statuses(chair_statuses(records, self._chairs, now,
                                                    *self.monitor_feeds()))
        on_screen = view.session_id if view is not None else None
        alarms = []
        for r in records:
            alarm = r.open_alarm()
            if alarm and r.session.id != on_screen:
                alarms.append((r.session.id, r.session.chair, alarm.tier, alarm.messages[0]))
        self.alarm_strip.show_alarms(alarms)
        self.alarm_sound.update(records, now)

    def _entry_stored(self, session_id: int, change: Change) -> None:
        """An entry stored anywhere: the open-sessions list when the session moved on,
        then the board and the alarm strip (the chair view follows the signal itself)."""
        if change.session is not None:
            self.patients.refresh_open_sessions(session_id)
        self._show_clinic(self._on_screen())

    def acknowledge_from_board(self, session_id: int) -> None:
        """A tile's A key or context menu: the acknowledgement dialog for that chair."""
        from ui.care.acknowledge_dialog import AcknowledgeDialog

        alarm = self.clinic.record(session_id).open_alarm()
        if alarm is None:
            return
        who = self._session_view.default_user if self._session_view else self.prefs.user_name
        if self.current_user is not None and self.current_user.actor is not None:
            who = self.current_user.actor.signature_name  # the guard stores this anyway
        dialog = AcknowledgeDialog(self.service, alarm, who, self)
        if dialog.exec() == dialog.DialogCode.Accepted and dialog.alarm:
            self.prefs.user_name = dialog.alarm.acknowledged_by
            if self._session_view is not None:
                self._session_view.default_user = dialog.alarm.acknowledged_by

    def silence_sound(self) -> str:
        """Alarms → Silence sound (one key): silences what sounds now, logged."""
        said = self.alarm_sound.silence(self.clinic.open_records(), self.service.clock.now())
        self.statusBar().showMessage(said, 10_000)
        return said

    def set_sound_player(self, player) -> None:
        """The workstation's speaker (``ui.app.sound_player.open_player``); without one,
        a plain notice stays in the status bar."""
        self.alarm_sound.sink = player
        self.alarm_sound.use(self.service.settings.sound())
        reason = getattr(player, "reason", "")
        if reason:
            notice = QLabel(reason)
            notice.setObjectName("noSoundNotice")
            self.statusBar().addPermanentWidget(notice)

    def _free_chair_chosen(self, chair: str) -> None:
        """A free chair: New session for the patient chosen in the list, in this chair;
        with no patient chosen, find or register one first (the chair is kept)."""
        self.patients.preferred_chair = chair
        if self.patients.selected_patient() is not None:
            self.patients.start_session()
            return
        self.show_patient_list(True)
        self.patients.search.setFocus()
        self.statusBar().showMessage(
            f"Chair {chair}: find or register the patient, then press New session…", 10_000)

    def open_settings(self) -> None:
        from ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.service.settings, self, feed_now=self.feed_now())
        dialog.safety_changed.connect(self.service.use_stored_safety)
        dialog.sound_changed.connect(lambda: self.alarm_sound.use(self.service.settings.sound()))
        dialog.sound.play_requested.connect(self.alarm_sound.try_tone)
        dialog.exec()
        self._chairs = self.service.settings.chair_count()
        self.feeds.reload_settings()
        self.tick()

    # --- administration (issue 10): refused in words, by the services, to non-admins ---

    def open_users(self) -> None:
        from ui.admin.users_dialog import UsersDialog

        if self.accounts is None or self.current_user is None:
            return
        try:
            dialog = UsersDialog(self.accounts, self.current_user, self)
        except ChairsideError as error:
            QMessageBox.warning(self, "Users", str(error))
            return
        dialog.exec()

    def open_audit(self) -> None:
        from ui.admin.audit_view import open_audit_view

        if self.audit_trail is None or self.current_user is None:
            return
        try:
            view = open_audit_view(self.audit_trail, self.current_user, self._patient_id,
                                   clinic=self.service.settings.clinic_name(), tz=self.tz,
                                   ask_path=self._ask_path, parent=self)
        except ChairsideError as error:
            QMessageBox.warning(self, "Audit trail", str(error))
            return
        view.exec()

    def _patient_id(self, mrn: str) -> int:
        """The patient with this MRN (the audit view's patient filter)."""
        from monitor.errors import InvalidEntry

        found = self.service.find_patients(mrn, limit=1)
        if not found or found[0].mrn.casefold() != mrn.strip().casefold():
            raise InvalidEntry(f"No patient with MRN {mrn.strip()!r}.", "mrn")
        return found[0].id

    # --- exports -----------------------------------------------------------------------

    def _export_pdf_here(self) -> None:
        """File → Export PDF…: the session or course on screen."""
        if self._review is not None and self.pages.currentWidget() is self._review:
            kind, key = self._review.current_export()
            if key is not None:
                self.export_pdf(kind, key)
                return
        view = self._on_screen()
        if view is not None and view.session_id is not None:
            self.export_pdf("session", view.session_id)
            return
        self.statusBar().showMessage("Open a session or a patient's course to export it.",
                                     8000)

    def _export_csv_here(self) -> None:
        sid = None
        if self._review is not None and self.pages.currentWidget() is self._review:
            sid = self._review.current_session_id()
            kind, key = self._review.current_export()
            if sid is None and kind == "course" and key is not None:
                self.export_course_csv(key)  # the course's table, as on screen
                return
        elif (view := self._on_screen()) is not None:
            sid = view.session_id
        if sid is None:
            self.statusBar().showMessage("Open a session to export its vitals and events.",
                                         8000)
            return
        self.export_csv(sid)

    def export_pdf(self, kind: str, key: int, path: str | None = None) -> str | None:
        """Writes a session's or a course's PDF (asking where, unless given a path)."""
        from export import documents as export

        path = path or self._ask_path(self.export_file_name(kind, key, "pdf"), "PDF (*.pdf)")
        if not path:
            return None
        from ui.app.pdf_export import write_with_progress

        clinic = self.service.settings.clinic_name()
        try:  # read here, written in a worker: a long record does not freeze the window
            self._may_export()
            if kind == "session":
                job = export.session_pdf(self.service, key, clinic_name=clinic,
                                         signatures=self.signing)
            else:  # the course on screen in the review (its current one otherwise)
                course = self._review.chosen_course(key) if self._review else None
                job = export.course_pdf(self.service, key, clinic_name=clinic,
                                        signatures=self.signing, course=course)
            pages = write_with_progress(self, job, path)
        except (ChairsideError, OSError) as error:
            QMessageBox.warning(self, "Export PDF", f"The PDF was not written: {error}")
            return None
        self._audit_export(kind, key, f"PDF to {path}")
        self.statusBar().showMessage(f"PDF saved to {path} ({pages} pages)", 10_000)
        return path

    def export_csv(self, session_id: int, path: str | None = None) -> str | None:
        from export import documents as export

        path = path or self._ask_path(self.export_file_name("session", session_id, "csv"),
                                      "CSV (*.csv)")
        if not path:
            return None
        try:
            self._may_export()
            export.export_session_csv(self.service, session_id, path)
        except (ChairsideError, OSError) as error:
            QMessageBox.warning(self, "Export CSV", f"The file was not written: {error}")
            return None
        self._audit_export("session", session_id, f"CSV to {path}")
        self.statusBar().showMessage(f"Wrote {path}", 10_000)
        return path


    def export_course_csv(self, patient_id: int, path: str | None = None) -> str | None:
        """The course on screen in the review (its current one otherwise) as the table's
        columns, one row per session."""
        from export import documents as export

        path = path or self._ask_path(f"chairside-course-{patient_id}.csv", "CSV (*.csv)")
        if not path:
            return None
        try:
            self._may_export()
            course = self._review.chosen_course(patient_id) if self._review else None
            export.export_course_csv(self.service, patient_id, path, course=course)
        except (ChairsideError, OSError) as error:
            QMessageBox.warning(self, "Export CSV", f"The file was not written: {error}")
            return None
        self._audit_export("course", patient_id, f"course CSV to {path}")
        self.statusBar().showMessage(f"Wrote {path}", 10_000)
        return path

    def _may_export(self) -> None:
        """Refuses (PermissionRefused) unless the signed-in user may export (issue 10)."""
        if self.current_user is not None:
            self.current_user.require(Action.EXPORT)

    def _audit_export(self, kind: str, key: int, where: str) -> None:
        if self.accounts is not None and self.current_user is not None \
                and self.current_user.actor is not None:
            table = "infusion_session" if kind == "session" else "patient"
            self.accounts.record(self.current_user.actor,
                                 AuditEvent("export", table, str(key), detail=where))

    def _ask_path(self, suggested: str, kinds: str) -> str:
        return ask_export_path(self, self.prefs, self.database_files, suggested, kinds)

    def export_file_name(self, kind: str, key: int, extension: str) -> str:
        """``MRN123_2026-11-30_session.pdf``: a session's MRN and day, or a course's MRN
        and today."""
        if kind == "session":
            session = self.service.get_session(key)
            patient = self.service.get_patient(session.patient_id)
            day = session.created_at.astimezone(self.tz).date()
        else:
            patient = self.service.get_patient(key)
            day = self.service.clock.now().astimezone(self.tz).date()
        return export_name(patient.mrn, day, kind, extension)

    # --- theme and closing -------------------------------------------------------------

    def set_dark_theme(self, dark: bool) -> None:
        self.prefs.dark_theme = dark
        self.apply_theme(dark)

    def apply_theme(self, dark: bool) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication), "main() makes the QApplication first"
        colors = apply_theme(app, dark)
        app.setStyleSheet(style_sheet(colors) + board_style(colors) + dark_alarms(colors))
        if self._session_view is not None:
            self._session_view.apply_colors(colors)
        if self._review is not None:
            self._review.apply_colors(colors)

    def quit_asking(self) -> None:
        """File → Quit (Ctrl+Q): with sessions open, asks first, naming the chairs."""
        if confirm_quit(self, self.clinic.open_records()):
            self._quit_confirmed = True
            self.close()

    _quit_confirmed = False

    def closeEvent(self, event) -> None:
        if event.spontaneous() and not self._quit_confirmed \
                and not confirm_quit(self, self.clinic.open_records()):
            event.ignore()  # the window manager's close button: asked as Ctrl+Q is
            return
        if not self.isFullScreen():
            self.prefs.save_window_geometry(self.saveGeometry())
        if self._session_view is not None and self._session_view.default_user:
            self.prefs.user_name = self._session_view.default_user
        if self._review is not None and self._review.session_review.default_signer:
            self.prefs.user_name = self._review.session_review.default_signer
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self, "About Chairside",
            "Chairside times and charts IV ketamine infusion sessions.\n\n"
            "It documents and warns; it is not a certified alarm system and does not make "
            "treatment decisions. Every clinical limit is a clinic setting.")
