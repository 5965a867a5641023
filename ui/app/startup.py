"""Start-up in the window: a clinic that cannot be opened gets one plain message box
before any window (no traceback), and a new clinic file is made only when confirmed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from db.opening import OpenClinic, open_clinic, sqlite_file
from monitor.errors import ChairsideError, NoClinicFile

TITLE = "Chairside: the records cannot be opened"


def problem_box(problem: ChairsideError) -> QMessageBox:
    """The message for records that cannot be opened (shown with ``exec()``)."""
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, str(problem))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def new_clinic_box(url: str) -> QMessageBox:
    """Asks before a new, empty clinic file is made where none was found."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Chairside: start a new clinic?",
        f"There is no clinic file at {sqlite_file(url)}.\n\nStart a new, empty clinic "
        "there? If you expected your records, choose No and check the path.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def open_for_window(url: str, create: bool = False,
                    read_only: bool = False) -> OpenClinic | None:
    """The checked clinic, or None once the user has been told why not."""
    try:
        try:
            return open_clinic(url, create=create, read_only=read_only)
        except NoClinicFile as missing:
            path = sqlite_file(url)
            if path is None or not path.parent.is_dir():
                raise missing
            if new_clinic_box(url).exec() != QMessageBox.StandardButton.Yes:
                return None
            return open_clinic(url, create=True, read_only=read_only)
    except ChairsideError as problem:
        print(f"chairside: {problem}", file=sys.stderr)
        problem_box(problem).exec()
        return None
