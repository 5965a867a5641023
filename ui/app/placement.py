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


def fits(size: tuple[int, int], room: QRect) -> bool:
    return (size[0] + FRAME_ALLOWANCE[0] <= room.width()
            and size[1] + FRAME_ALLOWANCE[1] <= room.height())


def place(window: QMainWindow, saved: bytes | None) -> bool:
    """Sizes and moves ``window`` before it is shown; True when it should open maximized
    (a laptop or all-in-one screen smaller than the preferred window, or a saved geometry
    that does not fit this screen)."""
    room = available(window)
    if saved and window.restoreGeometry(saved):
        if window.isMaximized() or window.isFullScreen():
            return window.isMaximized()
        g = window.geometry()
        if fits((g.width(), g.height()), room):
            x = min(max(g.x(), room.left() + FRAME_ALLOWANCE[0] // 2),
                    room.right() - g.width() - FRAME_ALLOWANCE[0] // 2)
            y = min(max(g.y(), room.top() + FRAME_ALLOWANCE[1]),
                    room.bottom() - g.height())
            window.move(x, y)
            return False
        window.resize(*PREFERRED)
    if not fits(PREFERRED, room):
        window.resize(min(PREFERRED[0], room.width() - FRAME_ALLOWANCE[0]),
                      min(PREFERRED[1], room.height() - FRAME_ALLOWANCE[1]))
        return True
    window.resize(*PREFERRED)
    window.move(room.left() + (room.width() - PREFERRED[0]) // 2,
                room.top() + (room.height() - PREFERRED[1] - FRAME_ALLOWANCE[1]) // 2
                + FRAME_ALLOWANCE[1])
    return False
