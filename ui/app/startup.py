"""Start-up in the window: a clinic that cannot be opened gets one plain message box
before any window (no traceback), and a new clinic file is made only when confirmed
(the asking is here; ``main.open_for_window`` does the opening)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from monitor.errors import ChairsideError

TITLE = "Chairside: the records cannot be opened"


def problem_box(problem: ChairsideError) -> QMessageBox:
    """The message for records that cannot be opened (shown with ``exec()``)."""
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, str(problem))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def new_clinic_box(path: object) -> QMessageBox:
    """Asks before a new, empty clinic file is made where none was found."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Chairside: start a new clinic?",
        f"There is no clinic file at {path}.\n\nStart a new, empty clinic "
        "there? If you expected your records, choose No and check the path.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box
