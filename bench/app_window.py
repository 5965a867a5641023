"""The composition root as main.py builds it, for the crash-safety children."""

from __future__ import annotations

import tempfile
from pathlib import Path


def build_window(path: str):
    from db.repository import ClinicRepository
    from db.storage import Storage, sqlite_url
    from monitor.clock import SystemClock
    from monitor.service import SessionService
    from ui.app.main_window import MainWindow
    from ui.app.preferences import Preferences

    storage = Storage(sqlite_url(path))
    storage.upgrade()
    service = SessionService(ClinicRepository(storage), SystemClock())
    prefs = Preferences(Path(tempfile.mkdtemp()) / "settings.ini")
    window = MainWindow(service, prefs, storage.describe())
    window.database_files = storage.files()
    window.timer.stop()
    return window, storage
