"""Where the main window opens: wholly on the screen it opens on, title bar and status
bar included, whatever geometry was saved on another screen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

PREFERRED = (1440, 900)  # a desk screen's comfortable window
FRAME_ALLOWANCE = (16, 48)  # the window manager's borders and title bar, not yet known


def available(window: QMainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fits(width: int, height: int, room: QRect) -> bool:
    return (width + FRAME_ALLOWANCE[0] <= room.width()
            and height + FRAME_ALLOWANCE[1] <= room.height())


def where(saved: QRect | None, room: QRect) -> tuple[QRect, bool]:
    """The window's geometry on ``room`` (a screen's available area) and whether it opens
    maximized: a saved geometry that fits is kept, moved wholly on screen; one that does
    not (another, larger screen) or none gives the preferred size, maximized when the
    screen is smaller than that."""
    left, top = room.left() + FRAME_ALLOWANCE[0] // 2, room.top() + FRAME_ALLOWANCE[1]
    if saved is not None and fits(saved.width(), saved.height(), room):
        x = min(max(saved.x(), left), room.right() + 1 - FRAME_ALLOWANCE[0] // 2
                - saved.width())
        y = min(max(saved.y(), top), room.bottom() + 1 - saved.height())
        return QRect(x, y, saved.width(), saved.height()), False
    if not fits(*PREFERRED, room):
        return QRect(left, top, room.width() - FRAME_ALLOWANCE[0],
                     room.height() - FRAME_ALLOWANCE[1]), True
    x = room.left() + (room.width() - PREFERRED[0]) // 2
    y = top + (room.height() - FRAME_ALLOWANCE[1] - PREFERRED[1]) // 2
    return QRect(x, y, *PREFERRED), False


def place(window: QMainWindow, saved: bytes | None) -> bool:
    """Sizes and moves ``window`` before it is shown; True when it should open maximized."""
    restored = saved is not None and len(saved) > 0 and window.restoreGeometry(saved)
    if restored and window.isMaximized():
        return True
    geometry, maximize = where(window.geometry() if restored else None, available(window))
    window.setGeometry(geometry)
    return maximize
