"""The clinic board: a tile per chair, readable from across the room.

``BoardView.show_statuses`` is called every second with ``monitor.board.chair_statuses``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QWidget,
)

from export.colours import Colors
from monitor.board import ChairStatus
from ui.board.chair_tile import SIZES, ChairTile


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


class BoardView(QWidget):
    """Every chair of the clinic at a glance.

    Signals:
        session_opened(int): a tile showing a session was activated (the session id).
        chair_chosen(str): a free chair's tile was activated (the chair).
        acknowledge_requested(int): acknowledge the open alarm of this session (its id).
    """

    session_opened = Signal(int)
    chair_chosen = Signal(str)
    acknowledge_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, interactive: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        # the locked screen's board: shown the same, but no tile takes a click or a key
        self.interactive = interactive
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
        self.fit_tiles(SIZES.index(self.scale))

    scale = "normal"

    def fit_tiles(self, start: int = 0) -> None:
        """One type size for every tile: the largest, from ``start`` down, at which each
        tile's text fits (an alarm's words are never cut). Shrinks as text grows; grows
        back only when the board is resized."""
        if not self.tiles or not self.isVisible():
            return
        for size in SIZES[start:]:
            if size != self.scale or start == 0:
                for tile in self.tiles:
                    tile.set_scale(size)
            self.scale = size
            if all(tile.fits() for tile in self.tiles):
                return

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.fit_tiles()

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
            tile.acknowledge_requested.connect(self.acknowledge_requested)
            if not self.interactive:
                tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                tile.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                tile.free_hint = ""
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
    """The board's part of the window's style sheet (appended to ``ui.app.style.style_sheet``).

    The clock is 64 px: Qt's raster engine caches glyphs up to that size and draws larger
    text as paths, which made a refresh of eight clocks twice as slow (bench/board.py).
    A tile's corners are square: the clocks are transparent, so the tile is repainted
    under them every second, and a rounded border is stroked whole however small the part
    repainted (0.7 of the refresh's 2–3 ms, bench/board.py).
    """
    tint = QColor(c.critical)
    overdue_bg = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, 28)"
    return f"""
QFrame#chairTile {{ background: {c.base}; border: 2px solid {c.muted}; }}
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
QLabel#tileMonitor {{ font-size: 12pt; color: {c.muted}; }}
QLabel#tileMonitor[silent="true"] {{ color: {c.advisory}; font-weight: 600; }}
QLabel#tileAlarm {{ font-size: 15pt; font-weight: 700; color: {c.base}; padding: 6px 10px;
    border-radius: 6px; }}
QLabel#tileAlarm[tier="advisory"] {{ background: {c.advisory}; }}
QLabel#tileAlarm[tier="critical"] {{ background: {c.critical}; }}
QFrame#chairTile[scale="large"] QLabel#tileClock {{ font-size: 96px; }}
QFrame#chairTile[scale="compact"] QLabel#tileChair,
QFrame#chairTile[scale="compact"] QLabel#tileInitials {{ font-size: 18pt; }}
QFrame#chairTile[scale="compact"] QLabel#tileClock {{ font-size: 44px; }}
QFrame#chairTile[scale="compact"] QLabel#tileSmall {{ font-size: 14pt; }}
QFrame#chairTile[scale="compact"] QLabel#tileVitals,
QFrame#chairTile[scale="compact"] QLabel#tileAlarm {{ font-size: 12pt; }}
QFrame#chairTile[scale="tiny"] QLabel#tileChair,
QFrame#chairTile[scale="tiny"] QLabel#tileInitials {{ font-size: 14pt; }}
QFrame#chairTile[scale="tiny"] QLabel#tileClock {{ font-size: 32px; }}
QFrame#chairTile[scale="tiny"] QLabel#tileSmall,
QFrame#chairTile[scale="tiny"] QLabel#tileMrn,
QFrame#chairTile[scale="tiny"] QLabel#tilePhase {{ font-size: 11pt; }}
QFrame#chairTile[scale="tiny"] QLabel#tileVitals,
QFrame#chairTile[scale="tiny"] QLabel#tileMonitor,
QFrame#chairTile[scale="tiny"] QLabel#tileAlarm {{ font-size: 10pt; }}
"""
