"""Chairside: parse arguments → open storage → upgrade schema → build the window."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="chairside",
        description="Time and chart IV ketamine infusion sessions at the chair.",
        epilog="The default database is a SQLite file in your user data folder. "
        "CHAIRSIDE_DATABASE_URL sets another (e.g. postgresql+psycopg://host/db).",
    )
    parser.add_argument("--database", metavar="URL",
                        help="SQLAlchemy database URL (default: $CHAIRSIDE_DATABASE_URL, "
                        "else SQLite in the user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="seed a small demo clinic (a few patients, a past course, one "
                        "session infusing now); without --database, on a throw-away "
                        "database")
    parser.add_argument("--settings", metavar="FILE",
                        help="keep preferences in this INI file instead of the user's "
                        "settings")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scratch = None
    url = args.database
    if args.demo and not url:
        scratch = tempfile.mkdtemp(prefix="chairside-demo-")
        url = f"sqlite:///{os.path.join(scratch, 'demo.sqlite')}"
    try:
        return run(url, args.demo, args.settings)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def run(url: str | None, demo: bool, settings: str | None) -> int:
    import gc
    from pathlib import Path

    # Start-up allocates a great many long-lived objects (Qt wrappers, SQLAlchemy's
    # mappers); full collections of them cost ~70 ms at start and ~50 ms pauses later.
    # Collect nothing until the window is up, then freeze what exists (bench/ measures it).
    gc.disable()

    from PySide6.QtWidgets import QApplication, QMessageBox

    from db.repository import ClinicRepository
    from db.storage import Storage, default_url
    from monitor.clock import SystemClock
    from monitor.errors import ChairsideError
    from monitor.service import SessionService
    from ui import crash
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Chairside")
    app.setOrganizationName("Chairside")
    crash.install()
    storage = Storage(url or default_url())
    try:
        storage.upgrade()
    except ChairsideError as error:
        QMessageBox.critical(None, "Chairside", f"The records cannot be opened.\n\n{error}")
        return 1
    repo = ClinicRepository(storage)
    service = SessionService(repo, SystemClock())
    if demo:
        seed_demo_once(service, repo)
    window = MainWindow(repo, service, Preferences(Path(settings) if settings else None),
                        storage.describe())
    window.start()
    window.show()
    gc.freeze()
    gc.enable()
    code = app.exec()
    storage.close()
    return code


def seed_demo_once(service, repo) -> None:
    from monitor.demo import PATIENTS, seed_demo

    if repo.find_patients(PATIENTS[0].mrn):
        print("Demo clinic already present; not seeding again.", file=sys.stderr)
        return
    seed_demo(service, repo, service.clock.now())


if __name__ == "__main__":
    sys.exit(main())
