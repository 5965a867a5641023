"""Child process for test_crash.py: records a session into a SQLite file, announcing each
entry on stdout (one JSON line, flushed) only after it was committed, then keeps recording
until it is killed.

Usage: python tests/db/crash_child.py DATABASE_FILE
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.clock import SystemClock
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.vitals import VitalsValues


def confirm(kind: str, entry_id: int, **details) -> None:
    """One confirmed entry: printed after the call that committed it has returned."""
    line = {"kind": kind, "id": entry_id, "wall": time.time(), **details}
    print(json.dumps(line), flush=True)


def main(path: str) -> None:
    storage = Storage(sqlite_url(path))
    storage.upgrade()
    service = SessionService(ClinicRepository(storage), SystemClock())

    patient = service.register_patient(NewPatient("CR-1", "Crash Test", date(1980, 1, 1)))
    confirm("patient", patient.id, mrn=patient.mrn)
    session = service.open_session(patient.id, "4", weight_kg=70)
    confirm("session", session.id)

    def vitals(sbp: int) -> None:
        v = service.record_vitals(session.id, VitalsValues(sbp, 80, 72, 98, 14))
        confirm("vitals", v.id, sbp=sbp)

    vitals(120)  # baseline
    start = service.start_infusion(session.id)
    confirm("start", start.id, at=start.at.isoformat())
    for sbp in (124, 128, 131):
        time.sleep(0.05)
        vitals(sbp)
    effect = service.record_side_effect(session.id, "dizziness", 2)
    confirm("side_effect", effect.id, severity=2)
    pause = service.pause(session.id, "patient asked for a break")
    confirm("pause", pause.id, at=pause.at.isoformat())
    time.sleep(0.6)
    resume = service.resume(session.id)
    confirm("resume", resume.id, at=resume.at.isoformat())
    effect = service.record_side_effect(session.id, "nausea", 4, note="mild")
    confirm("side_effect", effect.id, severity=4)
    for n in range(200):  # keeps writing until killed
        time.sleep(0.02)
        vitals(130 + n % 20)
    time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1])
