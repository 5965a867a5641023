"""Vitals confirmed → committed and the chart updated, in this process.

A ``MainWindow`` (offscreen) on a fresh SQLite file (the app's own ``Storage``: WAL,
synchronous=FULL) with one session infusing, built through ``SessionService`` on a
``SystemClock``. Each entry fills the form's fields (not timed), then times
``form.submit()`` (validation, ``record_vitals``' commit, ``setData`` on the curves, the log
and the form) plus ``QApplication.processEvents()``, which paints the window. If the chart
has not been painted after that, ``processEvents`` is called again (still timed) until it
is. The repository's ``add_vitals`` is wrapped to time the commit alone within the same entries.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import common
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.clock import SystemClock
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.vitals import VitalsValues
from ui.app.main_window import MainWindow
from ui.app.preferences import Preferences

LAST = 50  # the chart's fullest stretch is reported on its own
MAX_EXTRA_PASSES = 20
FINDINGS = 1 / 12  # share of entries past an alarm limit


class PaintCounter(QObject):
    def __init__(self, target) -> None:
        super().__init__()
        self.count = 0
        target.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def entry_texts(rng: random.Random) -> dict[str, str]:
    """A plausible reading as typed. About one in twelve crosses an alarm limit (an
    infusion's rise in blood pressure, say), as in the clinic history ``make_clinic`` writes;
    the session's baseline is 126/80, HR 74."""
    sbp = rng.randint(112, 150)
    texts = {"sbp": str(sbp), "dbp": str(rng.randint(66, min(94, sbp - 30))),
             "hr": str(rng.randint(60, 100)), "spo2": str(rng.randint(95, 100)),
             "rr": str(rng.randint(12, 20)),
             "temp_c": f"{rng.uniform(36.2, 37.6):.1f}" if rng.random() < 0.25 else ""}
    if rng.random() < FINDINGS:
        key, low, high = rng.choice([("sbp", 158, 176), ("hr", 112, 122), ("spo2", 91, 93)])
        texts[key] = str(rng.randint(low, high))
    return texts


def measure(n: int, log=print) -> dict:
    app = QApplication.instance() or QApplication([])
    common.OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="vitals-", dir=common.OUT))
    storage = Storage(sqlite_url(work / "chairside.sqlite"))
    window = None
    try:
        storage.upgrade()
        with storage.engine.connect() as conn:
            pragmas = {p: conn.execute(text(f"PRAGMA {p}")).scalar()
                       for p in ("journal_mode", "synchronous")}
        repo = ClinicRepository(storage)
        service = SessionService(repo, SystemClock())
        patient = service.register_patient(NewPatient(
            "BENCH-1", "Bench Patient", date(1980, 5, 17), "", "latency benchmark"))
        session = service.open_session(patient.id, "1", weight_kg=76)
        service.record_vitals(session.id, VitalsValues(126, 80, 74, 98, 14, 36.7))
        service.start_infusion(session.id)
        window = MainWindow(service, Preferences(work / "settings.ini"),
                            storage.describe())
        window.start()
        view = window.session_view
        if view.session_id != session.id:  # the window opened on the clinic board
            window.open_session(session.id)
        window.show()
        while not window.windowHandle().isExposed():
            app.processEvents()
        app.processEvents()
        if view.session_id != session.id:
            raise RuntimeError("the window does not show the infusing session")
        form = view.vitals_form
        paints = PaintCounter(view.charts.viewport())

        commit_ms: list[float] = []
        add_vitals = repo.sessions.add_vitals

        def timed_add_vitals(*args, **kwargs):
            t = time.perf_counter()
            try:
                return add_vitals(*args, **kwargs)
            finally:
                commit_ms.append((time.perf_counter() - t) * 1000)

        # the storing transaction alone: record_vitals now also updates the screens
        repo.sessions.add_vitals = timed_add_vitals
        rng = random.Random(20261124)
        total_ms, submit_ms, paint_ms, extra_passes = [], [], [], 0
        for i in range(n):
            for key, value in entry_texts(rng).items():
                form.inputs[key].setText(value)
            app.processEvents()
            before = len(view.record.vitals)
            painted = paints.count
            t0 = time.perf_counter()
            form.submit()
            t1 = time.perf_counter()
            app.processEvents()
            passes = 0
            while paints.count == painted and passes < MAX_EXTRA_PASSES:
                app.processEvents()
                passes += 1
            t2 = time.perf_counter()
            extra_passes += passes
            if len(view.record.vitals) != before + 1 or len(commit_ms) != i + 1:
                raise RuntimeError(f"entry {i + 1} was not stored: {form.message.text()}")
            if paints.count == painted:
                raise RuntimeError(f"entry {i + 1}: the chart was never repainted")
            total_ms.append((t2 - t0) * 1000)
            submit_ms.append((t1 - t0) * 1000)
            paint_ms.append((t2 - t1) * 1000)
        points = len(view.record.vitals)
    finally:
        if window is not None:
            window.timer.stop()
            window.hide()
            window.deleteLater()
            app.processEvents()
        storage.close()
        shutil.rmtree(work, ignore_errors=True)
    return {
        "entries": n, "chart_points_at_end": points, "sqlite": pragmas,
        "extra_process_events_passes": extra_passes,
        "total_ms": common.summary(total_ms), "total_last_ms": common.summary(total_ms[-LAST:]),
        "commit_ms": common.summary(commit_ms),
        "commit_last_ms": common.summary(commit_ms[-LAST:]),
        "submit_ms": common.summary(submit_ms), "paint_ms": common.summary(paint_ms),
        "samples": {"total_ms": total_ms, "commit_ms": commit_ms, "submit_ms": submit_ms,
                    "paint_ms": paint_ms},
    }


if __name__ == "__main__":
    import json
    import sys

    result = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    result.pop("samples")
    print(json.dumps(result, indent=1))
