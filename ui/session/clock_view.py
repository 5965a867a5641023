"""The session clock, readable at arm's length: phase, elapsed, remaining, planned end."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from monitor.clock import mmss
from monitor.infusion_clock import infusion_clock
from monitor.schedule import VitalsDue
from monitor.timeline import Phase, Timeline
from ui.common.timefmt import hhmm


class ClockView(QFrame):
    """Signals:
        end_requested(): the nurse pressed "End infusion" on the planned-end alert.
    """

    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockView")
        self.tz = tz
        self.phase = QLabel("—")
        self.phase.setObjectName("phaseBadge")
        self.elapsed = QLabel("00:00")
        self.elapsed.setObjectName("bigClock")
        self.elapsed_caption = QLabel("infusion elapsed")
        self.remaining = QLabel("—")
        self.remaining.setObjectName("midClock")
        self.remaining_caption = QLabel("remaining")
        self.planned_end = QLabel("—")
        self.planned_end.setObjectName("midClock")
        self.planned_end_caption = QLabel("planned end")
        for caption in (self.elapsed_caption, self.remaining_caption,
                        self.planned_end_caption):
            caption.setObjectName("clockCaption")
        self.alert = QFrame()
        self.alert.setObjectName("plannedEndAlert")
        self.alert_text = QLabel()
        self.end_button = QPushButton("End infusion")
        self.end_button.setObjectName("alertEndInfusion")
        self.end_button.clicked.connect(self.end_requested)
        alert_row = QHBoxLayout(self.alert)
        alert_row.addWidget(self.alert_text, 1)
        alert_row.addWidget(self.end_button)
        self.alert.hide()
        self.vitals_due = QLabel()
        self.vitals_due.setObjectName("vitalsDue")
        self.dose = QLabel()
        self.dose.setObjectName("doseLine")
        self.dose.setWordWrap(True)  # two lines rather than a window wider than 1024
        grid = QGridLayout()
        grid.addWidget(self.elapsed, 0, 0, 2, 1)
        grid.addWidget(self.remaining, 0, 1)
        grid.addWidget(self.planned_end, 0, 2)
        grid.addWidget(self.elapsed_caption, 2, 0)
        grid.addWidget(self.remaining_caption, 1, 1)
        grid.addWidget(self.planned_end_caption, 1, 2)
        grid.addWidget(self.dose, 2, 1, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        top = QHBoxLayout()  # phase and vitals due side by side: height is scarce
        top.addWidget(self.phase, 1)
        top.addWidget(self.vitals_due, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.alert)

    def show_time(self, timeline: Timeline, now: datetime) -> None:
        phase = timeline.phase
        self.phase.setText(timeline.phase_label.upper())
        self.phase.setProperty("phase", phase.value)
        self.phase.style().unpolish(self.phase)
        self.phase.style().polish(self.phase)
        if phase is Phase.BASELINE:
            self._set("00:00", "infusion not started", f"{mmss(timeline.planned.total_seconds())}",
                      "planned", "—", "planned end")
        elif phase in (Phase.INFUSING, Phase.PAUSED):
            clock = infusion_clock(timeline, now)  # elapsed + remaining = planned
            paused = ("" if clock.paused_for is None  # how long the drug has been off
                      else f" · paused for {mmss(clock.paused_for)}")
            self._set(mmss(clock.elapsed), "infusion elapsed" + paused,
                      clock.remaining_text(),
                      "over planned time" if clock.over else "remaining",
                      f"at {hhmm(timeline.planned_end(now), self.tz)}",
                      "planned end" + (" if resumed now" if phase is Phase.PAUSED else ""))
        else:
            observed = timeline.observation_elapsed(now)
            self._set(mmss(observed.total_seconds() if observed else 0),
                      "observation" if phase is Phase.OBSERVATION else "observed",
                      mmss(timeline.elapsed(now).total_seconds()), "infused",
                      f"at {hhmm(timeline.infusion_ended_at, self.tz)}", "infusion ended")
        self._show_alert(timeline, now)

    def show_due(self, due: VitalsDue | None, now: datetime) -> None:
        """'Next vitals in mm:ss', or an overdue warning that cannot be overlooked."""
        self.vitals_due.setText(due.text(now) if due else "")
        self.vitals_due.setVisible(due is not None)
        state = "overdue" if due and due.overdue else "due" if due else ""
        if self.vitals_due.property("state") != state:
            self.vitals_due.setProperty("state", state)
            self.vitals_due.style().unpolish(self.vitals_due)
            self.vitals_due.style().polish(self.vitals_due)

    def show_dose(self, text: str) -> None:
        self.dose.setText(text)
        self.dose.setVisible(bool(text))

    @property
    def overdue(self) -> bool:
        return self.vitals_due.property("state") == "overdue"

    def _set(self, big: str, big_caption: str, mid: str, mid_caption: str, end: str,
             end_caption: str) -> None:
        self.elapsed.setText(big)
        self.elapsed_caption.setText(big_caption)
        self.remaining.setText(mid)
        self.remaining_caption.setText(mid_caption)
        self.planned_end.setText(end)
        self.planned_end_caption.setText(end_caption)

    def _show_alert(self, timeline: Timeline, now: datetime) -> None:
        reached = timeline.planned_time_reached(now)
        if reached:
            over = -timeline.remaining(now).total_seconds()
            self.alert_text.setText(
                f"Planned infusion time reached ({timeline.planned.seconds // 60} min). "
                f"Over by {mmss(over)}.")
        self.alert.setVisible(reached)

    def grow(self, large: bool) -> None:
        """Larger clocks on a large screen (a desk screen, or F11 bedside full screen)."""
        scale = "large" if large else "normal"
        if self.property("scale") == scale:
            return
        self.setProperty("scale", scale)
        for widget in (self, self.elapsed, self.remaining, self.planned_end):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    @property
    def alerting(self) -> bool:
        return not self.alert.isHidden()
