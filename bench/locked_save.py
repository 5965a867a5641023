"""How long a save blocks the UI thread when another program holds the database's write
lock (issue 8, §6): a note saved through ``SessionService`` — what the note dialog's OK
calls — while a second sqlite3 connection holds ``BEGIN IMMEDIATE``.

    .venv/bin/python bench/locked_save.py [--tries 5]

Prints each try's wait and the median; the save must fail with the plain "Not saved" message.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

import common  # noqa: F401  (puts the repository root on sys.path)

from db.repository import ClinicRepository
from db.storage import SQLITE_BUSY_SECONDS, Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.errors import StorageUnavailable
from monitor.records import NewPatient
from monitor.service import SessionService


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=5)
    tries = parser.parse_args().tries
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "locked.sqlite"
        storage = Storage(sqlite_url(path))
        storage.upgrade()
        service = SessionService(ClinicRepository(storage),
                                 FixedClock(datetime(2026, 11, 24, 14, tzinfo=timezone.utc)))
        patient = service.register_patient(NewPatient("B-1", "Bench Patient", date(1980, 1, 1)))
        session = service.open_session(patient.id, "1", weight_kg=70)
        waits = []
        for _ in range(tries):
            locker = sqlite3.connect(path, isolation_level=None)
            locker.execute("BEGIN IMMEDIATE")
            began = time.perf_counter()
            try:
                service.add_note(session.id, "a note while locked")
                raise SystemExit("the save went through a locked database")
            except StorageUnavailable as error:
                waits.append(time.perf_counter() - began)
                message = str(error)
            finally:
                locker.close()
        storage.close()
    print(f"busy timeout {SQLITE_BUSY_SECONDS} s; message: {message}")
    print("waits (s): " + ", ".join(f"{w:.3f}" for w in waits))
    print(f"median UI freeze per try: {statistics.median(waits):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
