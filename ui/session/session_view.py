"""One session at the chair: header, alarm banner, clock, controls, entry forms, charts
and log.

The view turns widget signals into ``SessionService`` calls; what they store reaches the
record (shared with the clinic board) through ``ClinicState``, whose ``entry_stored`` this
view follows like every other screen. A refused entry leaves what was typed on screen
with the reason next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from export.colours import Colors
from monitor.alarms import Alarm
from monitor.assessments import Assessment
from monitor.changes import Change
from monitor.corrections import Correction, kind_of
from monitor.devices.edits import source_note
from monitor.errors import ChairsideError, ChangedElsewhere, InvalidEntry
from monitor.medications import MedicationGiven
from monitor.pause_reasons import PAUSE_REASONS
from monitor.pump import delivered_text
from monitor.scales import short_label
from monitor.service import SessionRecord, SessionService
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind, Phase, SessionEvent, Timeline
from monitor.vitals import VitalsSet, VitalsValues
from ui.app.clinic_state import ClinicState
from ui.care.acknowledge_dialog import AcknowledgeDialog
from ui.care.assessment_dialog import AssessmentDialog
from ui.care.discharge_dialog import DischargeDialog
from ui.care.medication_dialog import MedicationDialog
from ui.care.rate_dialog import RateDialog
from ui.common.inline_message import InlineMessage
from ui.common.patient_line import patient_line_html
from ui.common.text_dialog import TextDialog
from ui.common.timefmt import hhmm, local
from ui.session.clock_view import ClockView
from ui.session.controls import SessionControls
from ui.session.mark_dialog import MarkDialog
from ui.session.monitor_panel import MonitorPanel
from ui.session.session_log import SessionLogModel, record_names, vitals_text
from ui.session.side_effect_panel import SideEffectPanel
from ui.session.vitals_charts import VitalsCharts
from ui.session.vitals_form import FIELDS as VITALS_FIELDS
from ui.session.vitals_form import VitalsForm

VITALS_KEY = "F2"
LARGE_CLOCK_HEIGHT = 950  # a 1080-line screen: the clocks grow with it
ENTRY_WIDTH = 460  # the vitals row and three side-effect buttons across, never clipped
SIDE_EFFECT_KEY = "F3"
MARK_TEXT = "Mark entered in error / artifact…"
WITHDRAW_TEXT = "Withdraw the mark…"  # the selected entry was marked by mistake


class AlarmBanner(QFrame):
    """The newest unacknowledged alarm, critical first; it stays until acknowledged.

    Signals:
        acknowledge_requested(): the nurse pressed "Acknowledge…".
    """

    acknowledge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmBanner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton("Ac&knowledge…")
        self.button.setObjectName("acknowledgeAlarm")
        self.button.clicked.connect(self.acknowledge_requested)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_alarm(self, alarm, tz: tzinfo | None) -> None:
        if alarm is None:
            self.hide()
            return
        more = len(alarm.messages) - 1
        open_text = (f"{alarm.tier.value.upper()} ALARM at {hhmm(alarm.raised_at, tz)}: "
                     + alarm.messages[0] + (f"  (+{more} more)" if more else ""))
        self.setToolTip("\n".join(alarm.messages))
        if self.property("tier") != alarm.tier.value:
            self.setProperty("tier", alarm.tier.value)
            for widget in (self, self.text):  # the text's colour follows the tier too
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.text.setText(open_text)
        self.show()


class SessionView(QWidget):
    """Signals:
        back_requested(): the nurse wants the clinic board.
    """

    back_requested = Signal()

    def __init__(self, service: SessionService, clinic: ClinicState, colors: Colors,
                 tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.clinic = clinic
        self.tz = tz
        self.default_user = ""  # who acknowledges alarms, remembered by the window
        self.record: SessionRecord | None = None
        self.timeline: Timeline | None = None
        self.back_button = QPushButton("◀ &Board")
        self.back_button.setObjectName("backToBoard")
        self.back_button.clicked.connect(self.back_requested)
        self.header = QLabel()
        self.header.setObjectName("sessionHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.alarm_banner = AlarmBanner()
        self.clock_view = ClockView(tz=tz)
        self.controls = SessionControls()
        self.status = InlineMessage()
        self.charts = VitalsCharts(service.alarms, colors)
        self.monitor = MonitorPanel(service, self.charts, tz)  # the bedside monitor feed
        self.vitals_form = VitalsForm(lambda: local(self.service.clock.now(), self.tz),
                                      tz=tz)
        self.side_effects = SideEffectPanel()
        self.log_model = SessionLogModel(colors, tz, initials_only=True)
        self.log_view = self._make_log_view()
        self.mark_button = QPushButton(MARK_TEXT)
        self.mark_button.setObjectName("markEntry")
        self.mark_button.setToolTip("Mark the entry selected in the log (it is kept, struck "
                                    "through, and no longer counts). Also: right-click or "
                                    "the menu key on the log.")
        self.mark_button.clicked.connect(self.mark_selected)
        self._layout()
        self.vitals_form.submitted.connect(self._save_vitals)
        self.monitor.edit_requested.connect(
            lambda latest: self.vitals_form.start_from_monitor(
                latest, local(latest.taken_at, self.tz)))
        self.side_effects.submitted.connect(self._log_side_effect)
        self.controls.requested.connect(self._act)
        self.controls.assessment_requested.connect(self._assess)
        self.clock_view.end_requested.connect(lambda: self._act("end_infusion"))
        self.alarm_banner.acknowledge_requested.connect(self._acknowledge)
        clinic.entry_stored.connect(self._entry_stored)
        self._keys()

    def _keys(self) -> None:
        """F2 to the vitals (SBP), F3 to the side effects, from anywhere in the window
        while the chair is shown (listed under Help → Keyboard shortcuts)."""
        for keys, go in ((VITALS_KEY, self.vitals_form.focus_first),
                         (SIDE_EFFECT_KEY, self.side_effects.focus_first)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(go)

    def focus_vitals(self) -> None:
        """The focus in SBP: a chair just opened is ready for its next vitals set. Also
        once the events queued now are done: a dialog that just closed (New session…)
        hands the focus back to its opener first."""
        self._focus_sbp()
        QTimer.singleShot(0, self._focus_sbp)

    def _focus_sbp(self) -> None:
        if self.vitals_form.isEnabled() and self.isVisible():
            self.vitals_form.focus_first()

    def _make_log_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("sessionLog")
        view.setModel(self.log_model)
        view.verticalHeader().hide()
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # one line an entry, so that several show on a small screen; the whole text is in
        # the row's tooltip and in the review
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.horizontalHeader().setStretchLastSection(True)
        # time, kind and who fit what they hold, measured again as rows arrive (a header
        # left to resize itself kept the widths of an empty log: "23…", "Sid…")
        self.log_model.rowsInserted.connect(lambda *_a: self._fit_log_columns())
        self.log_model.modelReset.connect(self._fit_log_columns)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._log_menu)
        view.selectionModel().selectionChanged.connect(lambda *_: self._update_mark_button())
        self.log_model.modelReset.connect(self._update_mark_button)
        return view

    def _fit_log_columns(self) -> None:
        for column in range(self.log_model.columnCount() - 1):  # all but the detail
            self.log_view.resizeColumnToContents(column)

    def _log_menu(self, pos) -> None:
        menu = QMenu(self.log_view)
        action = menu.addAction(self.mark_button.text(), self.mark_selected)
        action.setEnabled(self.mark_button.isEnabled())
        menu.exec(self.log_view.viewport().mapToGlobal(pos))

    def _layout(self) -> None:
        """Everything on one screen, no scrolling, from 1024×768 up: the clock, the
        buttons and the charts on the left; on the right a column of fixed width with the
        vitals, the side effects and the log, which takes the height left over."""
        title = QHBoxLayout()
        title.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        title.addWidget(self.header, 1)
        left = QVBoxLayout()
        left.addWidget(self.clock_view)
        left.addWidget(self.controls)
        left.addWidget(self.status)
        left.addWidget(self.monitor)  # the chair's bedside monitor, when the feed is on
        left.addWidget(self.charts, 1)
        self.entry = QWidget()
        self.entry.setObjectName("entryColumn")
        self.entry.setFixedWidth(ENTRY_WIDTH)
        entry_layout = QVBoxLayout(self.entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addWidget(self.vitals_form)
        entry_layout.addWidget(self.side_effects)
        log_title = QHBoxLayout()
        log_title.addWidget(QLabel("Session log"), 1)
        log_title.addWidget(self.mark_button)
        entry_layout.addLayout(log_title)
        entry_layout.addWidget(self.log_view, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(title)
        layout.addWidget(self.alarm_banner)
        layout.addLayout(body, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.clock_view.grow(self.height() >= LARGE_CLOCK_HEIGHT)

    # --- showing -----------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        return self.record.session.id if self.record else None

    @property
    def shown(self) -> SessionRecord:
        """The record on screen: the forms and buttons act only once one is shown."""
        if self.record is None:
            raise LookupError("no session is shown")
        return self.record

    def show_session(self, session_id: int) -> None:
        self.show_record(self.clinic.record(session_id))

    def show_record(self, record: SessionRecord) -> None:
        """Shows ``record`` (held by the clinic state, which adds every entry to it)."""
        self.record = record
        self.timeline = record.timeline
        self._show_header()
        self.log_model.show_record(
            record, record_names(record, getattr(self.service, "user", None)))
        self.vitals_form.cancel_recheck()
        self.charts.load(record, self.service.clock.now())
        self.monitor.show_record(record)
        for message in (self.status, self.vitals_form.message, self.side_effects.message):
            message.clear_message()
        self.tick()

    def _show_header(self) -> None:
        r = self.shown
        s, p = r.session, r.patient
        c = self.charts.colors
        today = local(self.service.clock.now(), self.tz).date()
        pump = (f" · bag {s.concentration_mg_ml:g} mg/mL, pump {s.pump_rate_ml_h:g} mL/h "
                "at start" if s.pump_rate_ml_h else "")
        notes = [a.summary() for a in r.effective().assessments if a.needs_attention]
        notes += r.timeline.warnings  # a stored record that breaks the rules: shown as is
        warnings = "".join(f"<br><span style='color:{c.critical}; font-weight:600'>"
                           f"{escape(n)}</span>" for n in notes)
        self.header.setText(
            f"{patient_line_html(p, c, today, 18)}<br>"
            f"Chair {escape(s.chair)} · {escape(s.drug)} {s.mg_per_kg:g} mg/kg × "
            f"{s.weight_kg:g} kg = <b>{s.total_mg:g} mg</b> over {s.planned_minutes} "
            f"min{pump} · {escape(s.protocol_name)}{warnings}")

    def tick(self) -> None:
        """Repaints the clocks from the stored times and the clock; called every second."""
        if self.record is None or self.timeline is None:
            return
        now = self.service.clock.now()
        r, tl = self.record, self.timeline
        self.clock_view.show_time(tl, now)
        self.clock_view.show_due(r.vitals_due(now, tl), now)
        self.clock_view.show_dose(self._dose_text(now))
        self.charts.show_timeline(tl, now)
        self.monitor.poll(now)
        self.vitals_form.tick()
        self.controls.show_phase(tl.phase)
        self._forms_open(tl.phase is not Phase.DISCHARGED)
        self.alarm_banner.show_alarm(r.open_alarm(), self.tz)

    def _forms_open(self, open_: bool) -> None:
        """A discharged session's forms are read-only: nothing can be typed into a record
        that would refuse it."""
        for form in (self.vitals_form, self.side_effects):
            if form.isEnabled() != open_:
                form.setEnabled(open_)
                form.setToolTip("" if open_ else "Discharged: the session is closed to "
                                "new entries.")

    def _dose_text(self, now: datetime) -> str:
        r = self.shown
        delivered = r.delivered_mg(now, self.timeline)
        if delivered is None or r.session.started_at is None:
            return ""
        return (f"Delivered {delivered_text(delivered, r.session.total_mg, r.bag_mg())} · "
                f"pump {r.current_rate():g} mL/h")

    def apply_colors(self, colors: Colors) -> None:
        self.charts.apply_colors(colors)
        self.monitor.points.apply_colors(colors)
        self.log_model.colors = colors
        if self.record:
            self._show_header()

    # --- entries -----------------------------------------------------------------------

    def _save_vitals(self, values: VitalsValues, when: datetime | None) -> None:
        checked = self.vitals_form.monitor_set  # a monitor set, with the nurse's values
        try:
            if checked is not None:
                v = self.service.validate_monitor_set(
                    self.shown.session.id, {k: getattr(values, k) for k in VITALS_FIELDS},
                    list(checked.observation_ids))
            else:
                v = self.service.record_vitals(self.shown.session.id, values, when,
                                               recheck_of=self.vitals_form.recheck_of)
        except InvalidEntry as error:
            self.vitals_form.refused(error)
            return
        except ChairsideError as error:
            self.vitals_form.message.error(str(error))
            return
        summary = vitals_text(v)
        if checked is not None:  # its source and what she changed, said once more
            summary += f" — {source_note(v.source, v.device_edits)}"
        self.vitals_form.saved(summary, v.flags)

    def _log_side_effect(self, kind: str, severity: int, description: str, note: str) -> None:
        try:
            effect = self.service.record_side_effect(self.shown.session.id, kind, severity,
                                                     description=description, note=note)
        except ChairsideError as error:
            self.side_effects.refused(str(error))
            return
        self.side_effects.saved(effect.summary())
        self.focus_vitals()  # the next thing typed at the chair is the next vitals set

    def _assess(self, kind: str) -> None:
        AssessmentDialog(self.service, self.shown.session.id, kind, self).exec()

    def _medication(self) -> None:
        MedicationDialog(self.service, self.shown.session.id, self.service.settings.formulary(),
                         self).exec()

    def _acknowledge(self) -> None:
        alarm = self.record.open_alarm() if self.record else None
        if alarm is None:
            return
        dialog = AcknowledgeDialog(self.service, alarm, self.default_user, self)
        if dialog.exec() == dialog.DialogCode.Accepted and dialog.alarm:
            self.default_user = dialog.alarm.acknowledged_by

    # --- corrections -------------------------------------------------------------------

    def _selected_entry(self) -> object | None:
        rows = self.log_view.selectionModel().selectedRows()
        return self.log_model.markable(rows[0].row()) if rows else None

    def _selected_marked(self) -> object | None:
        rows = self.log_view.selectionModel().selectedRows()
        return self.log_model.withdrawable(rows[0].row()) if rows else None

    def _update_mark_button(self) -> None:
        withdraw = self._selected_marked() is not None
        self.mark_button.setText(WITHDRAW_TEXT if withdraw else MARK_TEXT)
        self.mark_button.setEnabled(withdraw or self._selected_entry() is not None)

    def withdraw_selected(self) -> None:
        """Withdraws the mark of the entry selected in the log (marked by mistake): the
        entry counts again; the mark and its withdrawal stay in the record."""
        entry = self._selected_marked()
        if entry is None or self.record is None:
            return
        kind = kind_of(entry)
        assert kind is not None  # only a markable entry carries a mark
        entry_id: int = entry.id  # type: ignore[attr-defined]  # every markable has one
        s = self.record.session
        dialog = TextDialog(
            "Withdraw the mark",
            "The entry will count again (and its alarm, if it raised one). The mark and "
            "this withdrawal stay in the record. Why was it marked by mistake?", self,
            save=lambda reason: self.service.withdraw_mark(s.id, kind, entry_id, reason,
                                                           seen_version=s.version))
        if dialog.exec() == TextDialog.DialogCode.Accepted and isinstance(dialog.saved,
                                                                          Correction):
            self.status.info(f"Mark withdrawn: {dialog.saved.reason}. The entry counts "
                             "again.")

    def mark_selected(self) -> None:
        """Marks the entry selected in the log entered in error or an artifact; for a
        vitals set the nurse may go straight on to its recheck. On a marked entry: its
        mark is withdrawn instead."""
        if self._selected_marked() is not None:
            self.withdraw_selected()
            return
        entry = self._selected_entry()
        if entry is None or self.record is None:
            self.status.error("Select an entry in the session log to mark it.")
            return
        rows = self.log_view.selectionModel().selectedRows()
        line = self.log_model.entry(rows[0].row())
        s = self.record.session
        dialog = MarkDialog(self.service, s.id, entry, f"{hhmm(line.at, self.tz)} "
                            f"{line.detail}", s.version,
                            offer_recheck=s.phase is not Phase.DISCHARGED, parent=self)
        accepted = dialog.exec() == MarkDialog.DialogCode.Accepted
        if dialog.lost is not None:  # said in the dialog; the screen shows it as it is now
            self._changed_elsewhere(dialog.lost)
            return
        if not accepted or dialog.correction is None:
            return
        self.status.info(f"Marked {dialog.correction.status.label.lower()}: "
                         f"{dialog.correction.reason}. The entry is kept, struck through.")
        self.vitals_form.message.clear_message()  # its "Saved and flagged" no longer holds
        if dialog.recheck and isinstance(entry, VitalsSet):
            mark = dialog.correction
            self.vitals_form.start_recheck(
                entry.id, f"Recheck of {hhmm(entry.taken_at, self.tz)} "
                          f"({mark.status.label.lower()}: {mark.reason})", entry.values)

    def _entry_stored(self, session_id: int, change: Change) -> None:
        """Shows what was just stored into the session on screen (the record already
        holds it)."""
        if self.record is None or session_id != self.session_id:
            return
        entry = change.entry
        if change.session is not None:
            self.timeline = self.record.timeline
        if isinstance(entry, Correction):  # a mark or a recheck link: the log, charts and
            self.log_model.show_record(  # header redrawn from the record
                self.record, record_names(self.record, getattr(self.service, "user", None)))
            self.charts.load(self.record, self.service.clock.now())
            self._show_header()
            self.tick()
            return
        if isinstance(entry, (VitalsSet, SideEffect, SessionEvent, Assessment,
                              MedicationGiven, Alarm)):
            self.log_model.add(entry)
        if isinstance(entry, VitalsSet):
            self.charts.add_vitals(entry)
        elif isinstance(entry, SideEffect):
            self.charts.add_side_effect(entry)
        elif isinstance(entry, Assessment):
            self.charts.add_mark(entry.at, short_label(entry.kind, entry.score))
            self.status.info(f"Recorded: {entry.summary()}")
            if entry.needs_attention:
                self._show_header()
        elif isinstance(entry, MedicationGiven):
            self.charts.add_mark(entry.at, f"{entry.drug} {entry.dose:g} {entry.unit}")
            self.status.info(f"Recorded: {entry.summary()}")
        elif isinstance(entry, SessionEvent):
            if entry.kind is EventKind.START:
                self.charts.set_origin(entry.at)
                self.monitor.points.redraw()
            self.status.info(f"{entry.kind.label}"
                             + (f": {entry.text}" if entry.text else ""))
        self.tick()

    # --- phase changes -----------------------------------------------------------------

    def _act(self, key: str) -> None:
        if self.record is None:
            return
        sid = self.shown.session.id
        seen = self.shown.session.version  # what this screen shows: a change made on
        # another workstation since is refused and said (ChangedElsewhere)
        if key == "medication":
            self._medication()
            return
        actions: dict[str, Callable[[], object]] = {
            "start": lambda: self._start(sid, seen),
            "pause": lambda: self._with_text(
                "Pause infusion", "Reason for pausing (a quick pick, then any detail):",
                lambda t: self.service.pause(sid, t, seen_version=seen),
                picks=PAUSE_REASONS),
            "resume": lambda: self.service.resume(sid, seen_version=seen),
            "stop_early": lambda: self._with_text(
                "Stop infusion early", "Reason for stopping early:",
                lambda t: self.service.stop_early(sid, t, seen_version=seen)),
            "end_infusion": lambda: self._end(sid, seen),
            "rate": lambda: RateDialog(self.service, self.shown, self).exec(),
            "discharge": lambda: DischargeDialog(self.service, self.shown, self).exec(),
            "note": lambda: self._with_text("Note", "Note for the record:",
                                            lambda t: self.service.add_note(sid, t),
                                            multiline=True),
        }
        try:
            actions[key]()  # what is stored comes back through ``_entry_stored``
        except ChangedElsewhere as error:
            self._changed_elsewhere(error)
        except ChairsideError as error:
            self.status.error(str(error))

    def _changed_elsewhere(self, error: ChangedElsewhere) -> None:
        """Another workstation won: show the session as it is now, and say so."""
        self.show_record(self.clinic.refresh(error.session_id))
        self.status.error(str(error))

    def _start(self, sid: int, seen: int):
        if self.shown.effective().vitals:  # a set marked in error is no baseline
            return self.service.start_infusion(sid, seen_version=seen)
        return self._with_text(
            "Start without baseline vitals",
            "No baseline vitals set has been taken. Reason for starting without one:",
            lambda t: self.service.start_infusion(sid, override_reason=t, seen_version=seen))

    def _end(self, sid: int, seen: int | None):
        """At the planned time a yes/no; before it, a stop: the shortfall is shown and a
        reason is required, and it is recorded as stopped early."""
        short = self.service.early_end(sid)
        if short is None:
            return self._confirmed(
                "End infusion", "End the infusion now and start observation?",
                lambda: self.service.end_infusion(sid, seen_version=seen))
        return self._with_text(
            "End infusion before the planned time",
            f"{short.text()}\nThis is recorded as stopped early. Reason for stopping:",
            lambda t: self.service.stop_early(sid, t, seen_version=seen))

    def _with_text(self, title: str, prompt: str, then: Callable[[str], object],
                   multiline: bool = False, picks: tuple[str, ...] = ()):
        """Asks for the text and saves it with ``then`` before the dialog closes; a
        refusal stays in the dialog with the text typed."""
        lost: list[ChangedElsewhere] = []

        def save(text: str) -> object:
            try:
                return then(text)
            except ChangedElsewhere as error:  # said in the dialog; the screen reloads after
                lost.append(error)
                raise

        dialog = TextDialog(title, prompt, self, multiline=multiline, save=save, picks=picks)
        accepted = dialog.exec() == TextDialog.DialogCode.Accepted
        if lost:
            self._changed_elsewhere(lost[-1])
        self.focus_vitals()  # back at the chair, ready for the next vitals set
        return dialog.saved if accepted else None

    def _confirmed(self, title: str, question: str, then: Callable[[], object]):
        box = QMessageBox(QMessageBox.Icon.Question, title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        return then()
