"""One session at the chair: header, clock, controls, entry forms, charts and log.

The view turns widget signals into ``SessionService`` calls and shows what comes back;
a refused entry leaves what was typed on screen with the reason next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from monitor.errors import ChairsideError, InvalidEntry
from monitor.service import SessionRecord, SessionService
from monitor.timeline import EventKind, Timeline
from monitor.vitals import VitalsValues
from ui.charts import VitalsCharts
from ui.clock_view import ClockView
from ui.controls import SessionControls
from ui.dialogs import TextDialog
from ui.session_log import SessionLogModel, vitals_text
from ui.side_effect_panel import SideEffectPanel
from ui.theme import Colors
from ui.timefmt import local
from ui.vitals_form import VitalsForm
from ui.widgets import InlineMessage


class SessionView(QWidget):
    """Signals:
        phase_changed(int): the session with this id changed phase.
    """

    phase_changed = Signal(int)

    def __init__(self, service: SessionService, colors: Colors, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tz = tz
        self.record: SessionRecord | None = None
        self.timeline: Timeline | None = None
        self.header = QLabel()
        self.header.setObjectName("sessionHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.clock_view = ClockView(tz=tz)
        self.controls = SessionControls()
        self.status = InlineMessage()
        self.charts = VitalsCharts(service.alarms, colors)
        self.vitals_form = VitalsForm()
        self.side_effects = SideEffectPanel()
        self.log_model = SessionLogModel(colors, tz)
        self.log_view = QTableView()
        self.log_view.setObjectName("sessionLog")
        self.log_view.setModel(self.log_model)
        self.log_view.verticalHeader().hide()
        self.log_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.log_view.setWordWrap(True)
        header = self.log_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.log_model.rowsInserted.connect(
            lambda _parent, first, _last: self.log_view.resizeRowToContents(first))
        self.log_model.modelReset.connect(self.log_view.resizeRowsToContents)
        self._layout()
        self.vitals_form.submitted.connect(self._save_vitals)
        self.side_effects.submitted.connect(self._log_side_effect)
        self.controls.requested.connect(self._act)
        self.clock_view.end_requested.connect(lambda: self._act("end_infusion"))

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.clock_view, 3)
        side = QVBoxLayout()
        side.addWidget(self.controls)
        side.addWidget(self.status)
        side.addStretch(1)
        top.addLayout(side, 2)
        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addWidget(self.vitals_form)
        entry_layout.addWidget(self.side_effects)
        entry_layout.addWidget(QLabel("Session log"))
        entry_layout.addWidget(self.log_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.charts)
        split.addWidget(entry)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # --- showing -----------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        return self.record.session.id if self.record else None

    def show_session(self, session_id: int) -> None:
        self.record = self.service.load(session_id)
        self.timeline = self.record.timeline
        self._show_header()
        r = self.record
        self.log_model.set_rows([*r.vitals, *r.side_effects, *r.events])
        self.charts.load(r, self.service.clock.now())
        self.status.clear_message()
        self.vitals_form.message.clear_message()
        self.side_effects.message.clear_message()
        self.tick()

    def _show_header(self) -> None:
        s, p = self.record.session, self.record.patient
        today = local(self.service.clock.now(), self.tz).date()
        allergies = (f"<span style='color:{self.charts.colors.critical}'>"
                     f"Allergies: {p.allergies}</span>" if p.allergies
                     else "Allergies: none recorded")
        self.header.setText(
            f"<span style='font-size:18pt; font-weight:600'>{p.name}</span>"
            f"&nbsp;&nbsp; MRN {p.mrn} · born {p.date_of_birth:%Y-%m-%d} "
            f"({p.age_on(today)} y) · {allergies}<br>"
            f"Chair {s.chair} · {s.drug} {s.mg_per_kg:g} mg/kg × {s.weight_kg:g} kg = "
            f"<b>{s.total_mg:g} mg</b> over {s.planned_minutes} min · {s.protocol_name}")

    def tick(self) -> None:
        """Repaints the clocks from the stored times and the clock; called every second."""
        if self.record is None or self.timeline is None:
            return
        now = self.service.clock.now()
        self.clock_view.show_time(self.timeline, now)
        self.charts.show_timeline(self.timeline, now)
        self.vitals_form.tick(local(now, self.tz))
        self.controls.show_phase(self.timeline.phase)

    def apply_colors(self, colors: Colors) -> None:
        self.charts.apply_colors(colors)
        self.log_model.colors = colors
        if self.record:
            self._show_header()

    # --- entries -----------------------------------------------------------------------

    def _save_vitals(self, values: VitalsValues, when: datetime | None) -> None:
        try:
            v = self.service.record_vitals(self.session_id, values, when)
        except InvalidEntry as error:
            self.vitals_form.refused(error)
            return
        except ChairsideError as error:
            self.vitals_form.message.error(str(error))
            return
        self.record.vitals.append(v)
        self.charts.add_vitals(v)
        self.log_model.add(v)
        self.vitals_form.saved(vitals_text(v), v.flags)

    def _log_side_effect(self, kind: str, severity: int, description: str, note: str) -> None:
        try:
            effect = self.service.record_side_effect(self.session_id, kind, severity,
                                                     description=description, note=note)
        except ChairsideError as error:
            self.side_effects.refused(str(error))
            return
        self.record.side_effects.append(effect)
        self.charts.add_side_effect(effect)
        self.log_model.add(effect)
        self.side_effects.saved(effect.summary())

    # --- phase changes -----------------------------------------------------------------

    def _act(self, key: str) -> None:
        if self.record is None:
            return
        sid = self.session_id
        actions: dict[str, Callable[[], object]] = {
            "start": lambda: self._start(sid),
            "pause": lambda: self._with_text("Pause infusion", "Reason for pausing:",
                                             lambda t: self.service.pause(sid, t)),
            "resume": lambda: self.service.resume(sid),
            "stop_early": lambda: self._with_text(
                "Stop infusion early", "Reason for stopping early:",
                lambda t: self.service.stop_early(sid, t)),
            "end_infusion": lambda: self._confirmed(
                "End infusion", "End the infusion now and start observation?",
                lambda: self.service.end_infusion(sid)),
            "discharge": lambda: self._confirmed(
                "Discharge", "Discharge the patient and close this session?",
                lambda: self.service.discharge(sid)),
            "note": lambda: self._with_text("Note", "Note for the record:",
                                            lambda t: self.service.add_note(sid, t),
                                            multiline=True),
        }
        try:
            event = actions[key]()
        except ChairsideError as error:
            self.status.error(str(error))
            return
        if event is not None:
            self._event_stored(event)

    def _start(self, sid: int):
        if self.record.vitals:
            return self.service.start_infusion(sid)
        return self._with_text(
            "Start without baseline vitals",
            "No baseline vitals set has been taken. Reason for starting without one:",
            lambda t: self.service.start_infusion(sid, override_reason=t))

    def _with_text(self, title: str, prompt: str, then: Callable[[str], object],
                   multiline: bool = False):
        dialog = TextDialog(title, prompt, self, multiline=multiline)
        if dialog.exec() != TextDialog.DialogCode.Accepted:
            return None
        return then(dialog.text())

    def _confirmed(self, title: str, question: str, then: Callable[[], object]):
        box = QMessageBox(QMessageBox.Icon.Question, title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        return then()

    def _event_stored(self, event) -> None:
        self.record.events.append(event)
        self.record.session = self.service.repo.get_session(self.session_id)
        self.timeline = Timeline(self.record.session.planned_minutes, self.record.events)
        if event.kind is EventKind.START:
            self.charts.set_origin(event.at)
        self.log_model.add(event)
        self.status.info(f"{event.kind.label}" + (f": {event.text}" if event.text else ""))
        self.tick()
        self.phase_changed.emit(self.session_id)
