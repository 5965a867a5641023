"""The clinic board: a tile per chair, readable from across the room.

``BoardView.show_statuses`` is called every second with ``monitor.board.chair_statuses``;
a tile touches a label only when its text or state changed, so a refresh where only the
clocks move repaints only the clocks. Calm by design: colour and weight, never flashing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from monitor.board import ChairStatus
from ui.theme import Colors

ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}
FREE_HINT = "Click to seat a patient"


def board_columns(tiles: int) -> int:
    """Columns for a board of ``tiles`` on a wide screen: 4 chairs are 2 × 2 (a row of
    four leaves each tile too narrow for its text), 8 chairs are 4 × 2."""
    if tiles <= 2:
        return max(tiles, 1)
    if tiles <= 4:
        return 2
    if tiles <= 8:
        return (tiles + 1) // 2
    if tiles <= 15:
        return (tiles + 2) // 3
    return (tiles + 3) // 4


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


class ChairTile(QFrame):
    """One chair: number, patient, phase, clock, vitals due and any open alarm.

    Focusable; a click, Enter or Space activates it.

    Signals:
        session_opened(int): activated while it shows a session (the session id).
        chair_chosen(str): activated while the chair is free (the chair).
    """

    session_opened = Signal(int)
    chair_chosen = Signal(str)

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
        layout.addStretch(1)
        layout.addWidget(self.alarm)
        self._state: dict[tuple[QWidget, str], object] = {}

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
        phase = "free" if free else status.phase.value
        alarm = status.alarm_tier.value if status.alarm_tier else ""
        self._text(self.chair, chair_title(status.chair))
        self._text(self.phase, phase_badge(status.phase_label))
        self._text(self.initials, status.initials)
        self._text(self.mrn, f"MRN {status.mrn}" if status.mrn else "")
        self._text(self.clock, status.big_text)
        self._text(self.small, FREE_HINT if free else status.small_text)
        self._text(self.vitals, status.vitals_text)
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
        self._visible(self.clock, not free)
        spoken = self._spoken(status)
        if self._state.get((self, "spoken")) != spoken:
            self._state[(self, "spoken")] = spoken
            self.setAccessibleName(spoken)

    @staticmethod
    def _alarm_words(status: ChairStatus) -> str:
        if status.alarm_tier is None:
            return ""
        return f"{status.alarm_tier.value.capitalize()} alarm: {status.alarm_text}"

    @staticmethod
    def _spoken(status: ChairStatus) -> str:
        parts = [chair_title(status.chair), status.phase_label]
        if status.session_id is not None:
            parts[1:1] = [f"{status.initials}, MRN {status.mrn}"]
        parts += [status.vitals_text, ChairTile._alarm_words(status)]
        return ". ".join(p for p in parts if p)

    def _text(self, label: QLabel, text: str) -> None:
        key = (label, "text")
        if self._state.get(key) != text:
            self._state[key] = text
            label.setText(text)

    def _property(self, widget: QWidget, name: str, value: object) -> None:
        key = (widget, name)
        if key in self._state and self._state[key] == value:
            return
        self._state[key] = value
        widget.setProperty(name, value)
        restyle(widget)

    def _visible(self, widget: QWidget, visible: bool) -> None:
        key = (widget, "visible")
        if self._state.get(key) != visible:
            self._state[key] = visible
            widget.setVisible(visible)

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

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if Qt.Key(event.key()) in ACTIVATE_KEYS and not event.isAutoRepeat():
            event.accept()
            self.activate()
            return
        super().keyPressEvent(event)


class BoardView(QWidget):
    """Every chair of the clinic at a glance.

    Signals:
        session_opened(int): a tile showing a session was activated (the session id).
        chair_chosen(str): a free chair's tile was activated (the chair).
    """

    session_opened = Signal(int)
    chair_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.tiles: list[ChairTile] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(12, 12, 12, 12)
        self.grid.setSpacing(12)

    def show_statuses(self, statuses: list[ChairStatus]) -> None:
        """One tile per status, in order; cheap when little changed (call it every second)."""
        if len(statuses) != len(self.tiles):
            self._resize(len(statuses))
        for tile, status in zip(self.tiles, statuses, strict=True):
            tile.show_status(status)

    def _resize(self, count: int) -> None:
        while len(self.tiles) > count:
            tile = self.tiles.pop()
            self.grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        while len(self.tiles) < count:
            tile = ChairTile(self)
            tile.session_opened.connect(self.session_opened)
            tile.chair_chosen.connect(self.chair_chosen)
            self.tiles.append(tile)
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        columns = board_columns(count)
        rows = (count + columns - 1) // columns
        for i in range(max(self.grid.columnCount(), columns)):
            self.grid.setColumnStretch(i, 1 if i < columns else 0)
        for i in range(max(self.grid.rowCount(), rows)):
            self.grid.setRowStretch(i, 1 if i < rows else 0)
        for n, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, n // columns, n % columns)
            tile.show()


def board_style(c: Colors) -> str:
    """The board's part of the window's style sheet (appended to ``ui.style.style_sheet``).

    The clock is 64 px: Qt's raster engine caches glyphs up to that size and draws larger
    text as paths, which made a refresh of eight clocks twice as slow (bench/board.py).
    """
    tint = QColor(c.critical)
    overdue_bg = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, 28)"
    return f"""
QFrame#chairTile {{ background: {c.base}; border: 2px solid {c.muted};
    border-radius: 10px; }}
QFrame#chairTile[phase="free"] {{ background: {c.window}; border: 2px dashed {c.muted}; }}
QFrame#chairTile:focus {{ border: 4px solid {c.accent}; }}
QFrame#chairTile[alarm="advisory"] {{ border: 4px solid {c.advisory}; }}
QFrame#chairTile[alarm="critical"] {{ border: 4px solid {c.critical}; }}
QFrame#chairTile[alarm="advisory"]:focus {{ border: 6px double {c.advisory}; }}
QFrame#chairTile[alarm="critical"]:focus {{ border: 6px double {c.critical}; }}
QLabel#tileChair {{ font-size: 24pt; font-weight: 700; }}
QLabel#tilePhase {{ font-size: 14pt; font-weight: 700; padding: 2px 10px;
    border-radius: 6px; color: {c.muted}; border: 2px solid {c.muted}; }}
QLabel#tilePhase[phase="infusing"] {{ color: {c.accent}; border: 2px solid {c.accent}; }}
QLabel#tilePhase[phase="paused"] {{ color: {c.advisory}; border: 2px solid {c.advisory}; }}
QLabel#tilePhase[phase="observation"] {{ color: {c.ok}; border: 2px solid {c.ok}; }}
QLabel#tileInitials {{ font-size: 24pt; font-weight: 700; }}
QLabel#tileMrn {{ font-size: 14pt; color: {c.muted}; padding-bottom: 3px; }}
QLabel#tileClock {{ font-size: 64px; font-weight: 600; }}
QLabel#tileSmall {{ font-size: 18pt; }}
QLabel#tileSmall[over="true"] {{ color: {c.advisory}; font-weight: 700; }}
QLabel#tileSmall[free="true"] {{ font-size: 14pt; color: {c.muted}; }}
QLabel#tileVitals {{ font-size: 15pt; color: {c.muted}; padding: 4px 0px; }}
QLabel#tileVitals[overdue="true"] {{ font-size: 17pt; font-weight: 700; color: {c.critical};
    background: {overdue_bg}; border: 3px solid {c.critical}; border-radius: 6px;
    padding: 4px 8px; }}
QLabel#tileAlarm {{ font-size: 15pt; font-weight: 700; color: {c.base}; padding: 6px 10px;
    border-radius: 6px; }}
QLabel#tileAlarm[tier="advisory"] {{ background: {c.advisory}; }}
QLabel#tileAlarm[tier="critical"] {{ background: {c.critical}; }}
"""
