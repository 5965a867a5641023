"""The psychiatrist's review on the clinic database (2,000 patients, 20,000 sessions).

- search: ``PatientList.refresh()`` for a name part, an MRN, a date of birth and a
  common surname (the query and the table model), targets ≤ 50 ms;
- open a patient with a 60-session course: ``ReviewView.show_patient`` (one course load,
  a summary per session, the table and the trend charts) plus the repaint, ≤ 100 ms;
- one session's PDF: ``export_session_pdf`` to a file, ≤ 1 s.
Medians of repeated runs in one process (the first run of each is a warm-up).

    .venv/bin/python bench/review.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import common
import make_clinic
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from db.models import PatientRow, SessionRow
from db.repository import ClinicRepository
from db.storage import Storage
from monitor.clock import SystemClock
from monitor.service import SessionService

SEARCH_TARGET_MS, OPEN_TARGET_MS, PDF_TARGET_MS = 50.0, 100.0, 1000.0


def _timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(url: str, quick: bool = False, log=print) -> dict:
    from export.colours import LIGHT
    from export.documents import export_session_pdf
    from ui.review.review_view import ReviewView

    app = QApplication.instance() or QApplication([])
    storage = Storage(url)
    repo = ClinicRepository(storage)
    service = SessionService(repo, SystemClock())
    with storage.transaction() as s:
        pid, count = s.execute(select(SessionRow.patient_id, func.count())
                               .group_by(SessionRow.patient_id)
                               .order_by(func.count().desc()).limit(1)).one()
        some = s.scalars(select(PatientRow).where(PatientRow.id == 1000)).one()
        queries = [some.name.split()[0][:4], some.mrn, some.date_of_birth.isoformat(), "smith"]
        last_session = s.scalar(select(func.max(SessionRow.id))
                                .where(SessionRow.patient_id == pid,
                                       SessionRow.phase == "discharged"))
    view = ReviewView(service, LIGHT)
    view.resize(1440, 900)
    view.show()
    repeat = 5 if quick else 15
    search = []
    for q in queries:
        view.patients.search.blockSignals(True)
        view.patients.search.setText(q)
        view.patients.search.blockSignals(False)
        search += _timed(view.patients.refresh, repeat)

    def open_patient() -> None:
        view.show_patient(pid)
        app.processEvents()

    log(f"review: opening a course of {count} sessions")
    opened = _timed(open_patient, repeat)
    log("review: one session's PDF")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "session.pdf"
        pdf = _timed(lambda: export_session_pdf(service, last_session, str(out)),
                     3 if quick else 7)
        pages = export_session_pdf(service, last_session, str(out))
    view.close()
    storage.close()
    return {"course_sessions": count, "queries": queries, "pdf_pages": pages,
            "search_ms": common.summary(search), "open_ms": common.summary(opened),
            "pdf_ms": common.summary(pdf)}


def rows(result: dict, fmt, verdict) -> list[tuple]:
    out = []
    for key, label, target in (
            ("search_ms", "review: search patients (name, MRN, date of birth) (ms)",
             SEARCH_TARGET_MS),
            ("open_ms", f"review: open a patient with {result['course_sessions']} sessions "
             "(ms)", OPEN_TARGET_MS),
            ("pdf_ms", f"review: one session's PDF, {result['pdf_pages']} pages (ms)",
             PDF_TARGET_MS)):
        s = result[key]
        out.append((label, s["n"], fmt(s["median"], 1), fmt(s["p90"], 1), fmt(s["p95"], 1),
                    fmt(s["max"], 1), f"median <= {target:g} ms",
                    verdict(s["median"] <= target)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    cached, _ = make_clinic.cached_clinic(log=print)
    url = make_clinic.prepare_run_database(cached, common.OUT / "clinic-review.sqlite")
    result = measure(url, args.quick)
    for row in rows(result, lambda v, d: f"{v:.{d}f}", lambda ok: "met" if ok else "missed"):
        print("  ".join(str(c) for c in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
