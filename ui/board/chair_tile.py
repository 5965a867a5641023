"""One chair on the board: phase, clock, vitals due, alarm tier, and its bedside monitor's
"last value n s ago" (calm, even when silent: the monitor's own alarms are the alarm
system); readable across the room."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from monitor.board import ChairStatus

ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}
ACKNOWLEDGE_KEY = Qt.Key.Key_A  # on a tile with an open alarm: acknowledge it


QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" (not exported by PySide6)

FREE_HINT = "Click to seat a patient"

# Type sizes from largest to smallest (board_style): a tile takes the largest whose text
# fits, so the clock grows with the screen and an alarm's words are never cut.
SIZES = ("large", "normal", "compact", "tiny")


def chair_title(chair: str) -> str:
    return f"Chair {chair}" if chair.isdigit() else chair


def phase_badge(label: str) -> str:
    """The phase in capitals; a qualifier ("Observation (stopped early)") goes on a second,
    smaller line so that the badge fits beside the chair."""
    main, _, qualifier = label.partition(" (")
    text = html.escape(main.upper())
    if qualifier:
        text += f"<br><small>{html.escape(qualifier.rstrip(')').upper())}</small>"
    return text


def restyle(widget: QWidget) -> None:
    """Re-applies the style sheet after a dynamic property changed.

    The style change event makes a frame (a label is one) take its new border and
    padding; polishing alone keeps the old frame width.
    """
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
    widget.update()


_DIGITS = re.compile(r"\d")


def _height(label: QLabel) -> int:
    """The height ``label``'s text takes at its width (a line at least, when empty); never
    less than the label's minimum height (QLabel's own rule)."""
    margins = label.contentsMargins()
    line = label.fontMetrics().height() + margins.top() + margins.bottom()
    return max(label.heightForWidth(label.width()), line)


class ChairTile(QFrame):
    """One chair: number, patient, phase, clock, vitals due and any open alarm.

    Focusable; a click, Enter or Space activates it; A (or the context menu) acknowledges
    its open alarm.

    Signals:
        session_opened(int): activated while it shows a session (the session id).
        chair_chosen(str): activated while the chair is free (the chair).
        acknowledge_requested(int): acknowledge the open alarm of this session (its id).
    """

    session_opened = Signal(int)
    chair_chosen = Signal(str)
    acknowledge_requested = Signal(int)

    free_hint = FREE_HINT  # "" on the locked board, where a click seats nobody

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chairTile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # the grid shares the board out evenly, whatever each tile holds
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(240, 280)
        self.status: ChairStatus | None = None
        self.chair = self._label("tileChair")
        self.phase = self._label("tilePhase")
        self.phase.setTextFormat(Qt.TextFormat.RichText)
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.initials = self._label("tileInitials")
        self.mrn = self._label("tileMrn")
        self.clock = self._label("tileClock")
        self.small = self._label("tileSmall")
        self.vitals = self._label("tileVitals", wrap=True)
        self.monitor = self._label("tileMonitor")  # one line: a wrapped one costs a relayout
        self.monitor.hide()
        self.alarm = self._label("tileAlarm", wrap=True)
        self.alarm.hide()
        header = QHBoxLayout()
        header.addWidget(self.chair, 1, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.phase, 0, Qt.AlignmentFlag.AlignTop)
        patient = QHBoxLayout()
        patient.addWidget(self.initials)
        patient.addWidget(self.mrn, 1, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addLayout(patient)
        layout.addWidget(self.clock)
        layout.addWidget(self.small)
        layout.addSpacing(6)
        layout.addWidget(self.vitals)
        layout.addWidget(self.monitor)
        layout.addStretch(1)
        layout.addWidget(self.alarm)
        self._state: dict[tuple[QWidget, str], object] = {}
        self.setProperty("scale", "normal")
        # new text every second: held at the size the layout gives them, so that a new
        # text repaints the label alone and lays out nothing (a label whose size may
        # change makes its tile lay itself out again: 0.5 of a 2–3 ms refresh,
        # bench/board.py); let go when a text needs another height
        self._steady = (self.clock, self.small, self.vitals, self.monitor)

    def _label(self, name: str, wrap: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setIndent(0)
        return label

    # --- showing --------------------------------------------------------------------

    def show_status(self, status: ChairStatus) -> None:
        """Shows ``status``, touching only what differs from the last one shown."""
        if status == self.status:
            return
        self.status = status
        free = status.session_id is None
        phase = "free" if free or status.phase is None else status.phase.value
        alarm = status.alarm_tier.value if status.alarm_tier else ""
        self._text(self.chair, chair_title(status.chair))
        self._text(self.phase, phase_badge(status.phase_label))
        self._text(self.initials, status.initials)
        self._text(self.mrn, f"MRN {status.mrn}" if status.mrn else "")
        self._text(self.clock, status.big_text)
        self._text(self.small, self.free_hint if free else status.small_text)
        self._text(self.vitals, status.vitals_text)
        self._text(self.monitor, status.monitor_text)
        self._text(self.alarm, self._alarm_words(status))
        self._property(self, "phase", phase)
        self._property(self, "alarm", alarm)
        self._property(self.phase, "phase", phase)
        self._property(self.small, "over", status.over_planned)
        self._property(self.small, "free", free)
        self._property(self.vitals, "overdue", status.vitals_overdue)
        self._property(self.alarm, "tier", alarm)
        self._visible(self.alarm, bool(alarm))
        self._visible(self.vitals, bool(status.vitals_text))
        self._property(self.monitor, "silent", status.monitor_silent)
        self._visible(self.monitor, bool(status.monitor_text))
        self._visible(self.clock, not free)
        if self._state.pop((self, "relayout"), False):
            self._hold_steady()
        spoken = self._spoken(status)
        if self._state.get((self, "spoken")) != spoken:
            self._state[(self, "spoken")] = spoken
            self.setAccessibleName(spoken)

    # --- fitting ---------------------------------------------------------------------

    def needed_height(self) -> int:
        """The height the tile's text takes at its width (word-wrapped lines included)."""
        layout = self._layout()
        return layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalMinimumSize().height()

    def fits(self) -> bool:
        return self.needed_height() <= self.height()

    def set_scale(self, size: str) -> None:
        if self.property("scale") == size:
            return
        self.setProperty("scale", size)
        restyle(self)
        for label in self.findChildren(QLabel):
            restyle(label)
        self._hold_steady()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._hold_steady()

    def _hold_steady(self) -> None:
        """Lets the layout size the steady labels afresh (after a resize, a new type size,
        a label shown or restyled, a text of another height), then holds them there."""
        for label in self._steady:
            label.setMinimumSize(0, 0)
            label.setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX)
        layout = self._layout()
        layout.invalidate()
        layout.activate()
        for label in self._steady:
            if label.isVisibleTo(self):
                label.setFixedSize(label.width(), _height(label))

    def _layout(self) -> QLayout:
        layout = self.layout()
        assert layout is not None  # set in __init__
        return layout

    @staticmethod
    def _alarm_words(status: ChairStatus) -> str:
        if status.alarm_tier is None:
            return ""
        return f"{status.alarm_tier.value.capitalize()} alarm: {status.alarm_text}"

    @staticmethod
    def _spoken(status: ChairStatus) -> str:
        parts = [chair_title(status.chair), status.phase_label]
        if status.session_id is not None and status.mrn:  # none on the locked board
            parts[1:1] = [f"{status.initials}, MRN {status.mrn}"]
        parts += [status.vitals_text, ChairTile._alarm_words(status), status.monitor_text]
        return ". ".join(p for p in parts if p)

    def _text(self, label: QLabel, text: str) -> None:
        key = (label, "text")
        if self._state.get(key) != text:
            self._state[key] = text
            label.setText(text)
            if label in self._steady and self._needs_room(label, key, text):
                self._state[(self, "relayout")] = True

    def _needs_room(self, label: QLabel, key: tuple[QWidget, str], text: str) -> bool:
        """Whether a steady label's new text may need another height than it is held at:
        one line keeps its height whatever it says; a wrapped text may take more or fewer
        lines when its words change, not when only its digits do (they share one width)."""
        if not label.wordWrap():
            return False
        shape = _DIGITS.sub("0", text)
        if self._state.get((label, "shape")) == shape:
            return False
        self._state[(label, "shape")] = shape
        return label.isVisibleTo(self)

    def _property(self, widget: QWidget, name: str, value: object) -> None:
        key = (widget, name)
        if key in self._state and self._state[key] == value:
            return
        self._state[key] = value
        widget.setProperty(name, value)
        restyle(widget)
        self._state[(self, "relayout")] = True

    def _visible(self, widget: QWidget, visible: bool) -> None:
        key = (widget, "visible")
        if self._state.get(key) != visible:
            self._state[key] = visible
            widget.setVisible(visible)
            self._state[(self, "relayout")] = True

    # --- activating -----------------------------------------------------------------

    def activate(self) -> None:
        if self.status is None:
            return
        if self.status.session_id is None:
            self.chair_chosen.emit(self.status.chair)
        else:
            self.session_opened.emit(self.status.session_id)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if (event.button() == Qt.MouseButton.LeftButton
                and self.rect().contains(event.position().toPoint())):
            event.accept()
            self.activate()
            return
        super().mouseReleaseEvent(event)

    def acknowledge(self) -> None:
        if self.status is not None and self.status.session_id is not None \
                and self.status.alarm_tier is not None:
            self.acknowledge_requested.emit(self.status.session_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if Qt.Key(event.key()) in ACTIVATE_KEYS and not event.isAutoRepeat():
            event.accept()
            self.activate()
            return
        if Qt.Key(event.key()) == ACKNOWLEDGE_KEY and not event.modifiers() \
                and self.status is not None and self.status.alarm_tier is not None:
            event.accept()
            self.acknowledge()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        if self.status is None or self.status.session_id is None:
            return
        menu = QMenu(self)
        menu.addAction("&Open chair", self.activate)
        ack = menu.addAction("&Acknowledge alarm…\tA", self.acknowledge)
        ack.setEnabled(self.status.alarm_tier is not None)
        menu.exec(event.globalPos())
