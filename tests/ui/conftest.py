"""UI fixtures: the real main window on a real SQLite file, with a clock the test moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.app.main_window import MainWindow
from ui.app.preferences import Preferences


@pytest.fixture
def prefs(tmp_path) -> Preferences:
    return Preferences(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, ui_service, prefs):
    w = MainWindow(ui_service, prefs, "test database")
    w.timer.stop()  # the test moves the clock and calls tick() itself
    qtbot.addWidget(w)
    w.start()
    w.show()
    qtbot.waitExposed(w)
    return w


def answer_dialog(qtbot, answer) -> list:
    """Calls ``answer(dialog)`` on the next modal dialog once it is shown.

    Returns a list that holds the dialog afterwards, so the test can check it was seen.
    """
    seen: list = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog)
        answer(dialog)

    QTimer.singleShot(0, poll)
    return seen
