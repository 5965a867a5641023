"""The chair's bedside monitor in the session view: which monitor is assigned, "last value
n s ago", a disconnect alert when it has been silent longer than the clinic's setting,
the latest set it sent, and the nurse's key to validate that set into the record
(Ctrl+Shift+V), or to open it in the vitals form to correct a value first (Ctrl+Shift+E).
Unassigned monitors are offered here for this chair.

New values come from the database (the listener may run in another process or on
another workstation): the view asks for values newer than the last it saw, once a tick.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.devices.edits import source_note
from monitor.devices.feed_settings import FeedSettings
from monitor.devices.gaps import gaps, seconds_ago
from monitor.devices.latest import REQUIRED, MonitorSet, latest_set
from monitor.devices.limit_prompt import documentation_prompt
from monitor.devices.records import Device, DeviceObservation
from monitor.errors import ChairsideError, InvalidEntry
from monitor.service import SessionRecord, SessionService
from monitor.vitals import MEASURES
from ui.common.inline_message import InlineMessage
from ui.common.timefmt import hhmm
from ui.session.device_points import DevicePoints
from ui.session.vitals_charts import VitalsCharts

VALIDATE_KEY = "Ctrl+Shift+V"
EDIT_KEY = "Ctrl+Shift+E"


class MonitorPanel(QFrame):
    """Signals:
        validated(object): the VitalsSet recorded from the monitor.
        edit_requested(object): the nurse wants the latest set (a ``MonitorSet``) in the
            vitals form, to change a value before validating it.
    """

    validated = Signal(object)
    edit_requested = Signal(object)

    def __init__(self, service: SessionService, charts: VitalsCharts,
                 tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitorPanel")
        self.service, self.tz = service, tz
        self.points = DevicePoints(charts)
        self.record: SessionRecord | None = None
        self.values: list[DeviceObservation] = []
        self.device: Device | None = None
        feed = FeedSettings.read(service.settings.setting)
        self.silence = timedelta(seconds=feed.silence_seconds)
        # shown when the clinic has turned the feed on, or a monitor has ever sent (a
        # shared server's `chairside listen`); otherwise it would only take the chart's room
        self.feed_on = feed.enabled
        self.status = QLabel("No monitor assigned to this chair")
        self.status.setObjectName("monitorStatus")
        self.status.setWordWrap(True)  # the silence alert is a sentence: never widen
        self.latest_label = QLabel("")
        self.latest_label.setWordWrap(True)
        self.prompt = InlineMessage()  # values beyond a limit: document them
        self.validate_button = QPushButton(f"Validate monitor set ({VALIDATE_KEY})")
        self.validate_button.setObjectName("validateMonitorSet")
        self.validate_button.clicked.connect(self.validate)
        self.edit_button = QPushButton(f"Edit first… ({EDIT_KEY})")
        self.edit_button.setObjectName("editMonitorSet")
        self.edit_button.setToolTip("Open the latest monitor set in the vitals form: "
                                    "correct a value the monitor misread, then save. The "
                                    "set keeps its source and shows what you changed.")
        self.edit_button.clicked.connect(self.edit_first)
        self.artifact_button = QPushButton("Mark as artifact")
        self.artifact_button.setToolTip("The latest monitor set is not the patient's "
                                        "(movement, probe off): kept, never validated")
        self.artifact_button.clicked.connect(self.mark_artifact)
        self.unbound = QComboBox()
        self.assign_button = QPushButton("Assign to this chair")
        self.assign_button.clicked.connect(self._assign)
        self.unassign_button = QPushButton("Unassign")
        self.unassign_button.clicked.connect(self._unassign)
        self.message = InlineMessage()
        self.shortcut = QShortcut(QKeySequence(VALIDATE_KEY), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self.validate)
        self.edit_shortcut = QShortcut(QKeySequence(EDIT_KEY), self)
        self.edit_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.edit_shortcut.activated.connect(self.edit_first)
        assign = QHBoxLayout()
        assign.addWidget(self.unbound, 1)
        assign.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.latest_label)
        layout.addWidget(self.prompt)
        keys = QHBoxLayout()
        keys.addWidget(self.validate_button, 1)
        keys.addWidget(self.edit_button)
        keys.addWidget(self.artifact_button)
        keys.addWidget(self.unassign_button)
        layout.addLayout(keys)
        layout.addLayout(assign)
        layout.addWidget(self.message)
        self.setVisible(self.feed_on)

    # --- showing ------------------------------------------------------------------

    def show_record(self, record: SessionRecord) -> None:
        self.record = record
        self.values = []
        self.points.clear()
        self.message.clear_message()
        self.poll(self.service.clock.now())

    def poll(self, now: datetime) -> None:
        """New values and the monitor's state, from the database (once a tick)."""
        if self.record is None:
            return
        session = self.record.session
        if session.discharged_at is not None and self.values:
            return  # a discharged session takes no more values
        after = self.values[-1].id if self.values else 0
        try:
            new = [o for o in self.service.chair_monitor_values(
                       session.chair, session.created_at, after)
                   if session.discharged_at is None or o.observed_at <= session.discharged_at]
            monitors = self.service.monitors()
        except ChairsideError as error:  # the database away for a moment: said, retried
            self.status.setText(f"Monitor values unavailable: {error}")
            return
        if new:
            self.values.extend(new)
            self.points.add(new)
        shown = self.feed_on or bool(monitors) or bool(self.values)
        self.setVisible(shown)
        if not shown:
            return
        chair = self.record.session.chair
        self.device = next((d for d in monitors if d.chair == chair), None)
        self._show_status(now)
        self._show_unbound([d for d in monitors if d.chair is None])
        latest = latest_set(self._current())
        self._show_latest(latest)
        self._show_prompt(latest)
        self.points.show_gaps(gaps([o.observed_at for o in self._current()], self.silence,
                                   now if self.device else None), now)

    def _current(self) -> list[DeviceObservation]:
        """The values of the monitor assigned now (another one's stay drawn, never
        validated into this session)."""
        key = self.device.key if self.device else None
        return [o for o in self.values if o.device_key == key]

    def _show_status(self, now: datetime) -> None:
        d = self.device
        if d is None:
            self.status.setText(f"No monitor assigned to chair {self.record.session.chair}"
                                if self.record else "")
            self._alert(False)
            return
        silent = now - d.last_seen_at
        if silent > self.silence:
            self.status.setText(f"MONITOR SILENT: {d.key} sent nothing for "
                                f"{int(silent.total_seconds())} s — check its cable and "
                                "network")
            self._alert(True)
        else:
            last = self._current()[-1].observed_at if self._current() else None
            how = " (by point of care)" if d.bound_how == "point of care" else ""
            self.status.setText(f"Monitor {d.key}{how}: {seconds_ago(last, now)}")
            self._alert(False)

    def _alert(self, on: bool) -> None:
        if self.property("silent") != on:
            self.setProperty("silent", on)
            self.status.setStyleSheet("color: #c62828; font-weight: 600" if on else "")

    def _show_unbound(self, devices: list[Device]) -> None:
        keys = [d.key for d in devices]
        if keys != [self.unbound.itemText(i) for i in range(self.unbound.count())]:
            self.unbound.clear()
            for d in devices:
                self.unbound.addItem(d.key, d.id)
        self.assign_button.setEnabled(bool(devices))
        # the assigning row only while a monitor waits for a chair: at 1280x800 every
        # line the panel takes is a line the charts lose
        self.unbound.setVisible(bool(devices))
        self.assign_button.setVisible(bool(devices))
        self.unassign_button.setEnabled(self.device is not None)

    def _show_latest(self, latest: MonitorSet | None) -> None:
        self.validate_button.setEnabled(latest is not None)
        self.edit_button.setEnabled(latest is not None)
        self.artifact_button.setEnabled(latest is not None)
        if latest is None:
            self.latest_label.setText("")
            return
        v = latest.recorded  # as a validated set will store them: what is shown is kept
        parts = []
        if "sbp" in v and "dbp" in v:
            parts.append(f"BP {v['sbp']:g}/{v['dbp']:g} at {hhmm(latest.times['sbp'], self.tz)}")
        for key, label in (("hr", "HR"), ("pulse", "PR"), ("spo2", "SpO₂"), ("rr", "RR"),
                           ("temp_c", "T")):
            if key in v:
                parts.append(f"{label} {v[key]:g}")
        self.latest_label.setText("Monitor: " + " · ".join(parts))

    def _show_prompt(self, latest: MonitorSet | None) -> None:
        r = self.record
        if r is None:
            return
        validated = any(v.source.startswith("monitor ") and latest is not None
                        and v.taken_at >= latest.taken_at.replace(microsecond=0)
                        for v in r.vitals)
        base = r.baseline()
        text = "" if validated else documentation_prompt(
            latest, r.alarm_check.limits, base.values if base else None)
        if text != self.prompt.text():
            if text:
                self.prompt.warning(text)
            else:
                self.prompt.clear_message()

    # --- actions ------------------------------------------------------------------

    def validate(self) -> None:
        """Records the latest monitor set as the session's vitals set; a value the
        monitor did not send is asked for, never invented."""
        if self.record is None:
            return
        sid = self.record.session.id
        latest = latest_set(self._current())
        edits: dict[str, float | None] = {}
        if latest is not None:
            have = set(latest.values) | ({"hr"} if "pulse" in latest.values else set())
            for key in (k for k in REQUIRED if k not in have):
                m = MEASURES[key]
                value, ok = QInputDialog.getInt(
                    self, "Validate monitor set",
                    f"The monitor sent no {m.label.lower()}. {m.label} ({m.unit}):",
                    0, int(m.low), int(m.high))
                if not ok:
                    return
                edits[key] = value
        try:
            stored = self.service.validate_monitor_set(sid, edits or None)
        except (InvalidEntry, ChairsideError) as error:
            self.message.error(str(error))
            return
        self.message.info(f"Monitor set validated at {hhmm(stored.taken_at, self.tz)} "
                          f"({source_note(stored.source, stored.device_edits)})")
        self.validated.emit(stored)

    def edit_first(self) -> None:
        """The latest set into the vitals form (the session view owns it)."""
        latest = latest_set(self._current()) if self.record is not None else None
        if latest is None:
            self.message.error("No monitor values for this chair yet: nothing to edit.")
            return
        self.message.clear_message()
        self.edit_requested.emit(latest)

    def mark_artifact(self) -> None:
        if self.record is None:
            return
        try:
            marked = self.service.mark_monitor_artifact(self.record.session.id)
        except ChairsideError as error:
            self.message.error(str(error))
            return
        self.message.info(f"Marked as artifact: the monitor set of "
                          f"{hhmm(marked.taken_at, self.tz)}; it will not be validated.")
        self.values = []  # drawn again from the database, with the marks
        self.points.clear()
        self.poll(self.service.clock.now())

    def _assign(self) -> None:
        if self.record is None or self.unbound.currentData() is None:
            return
        try:
            self.service.bind_monitor(int(self.unbound.currentData()),
                                      self.record.session.chair)
        except ChairsideError as error:
            self.message.error(str(error))
            return
        self.poll(self.service.clock.now())

    def _unassign(self) -> None:
        if self.device is None:
            return
        try:
            self.service.unbind_monitor(self.device.id)
        except ChairsideError as error:
            self.message.error(str(error))
            return
        self.poll(self.service.clock.now())
