"""Unexpected errors: a dialog with details to copy, never a silent exit.

Known errors (``ChairsideError``) are shown where they happen; anything reaching here is
a bug. Entries already confirmed are committed, so nothing acknowledged is lost.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox

from monitor.errors import ChairsideError


def install() -> None:
    sys.excepthook = _hook


def _hook(kind, value, tb) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    sys.stderr.write(details)
    if QApplication.instance() is None:
        return
    if isinstance(value, ChairsideError):
        QMessageBox.warning(None, "Chairside", str(value))
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Chairside: unexpected error",
                      "Something went wrong inside Chairside. Everything you confirmed "
                      "before this message is saved.\n\nPlease copy the details below "
                      "for your administrator.")
    box.setDetailedText(details)
    box.exec()
