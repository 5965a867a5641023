"""Patient search and course open through the repository, at both clinic sizes.

The queries alone (no widgets), so their cost can be compared between the normal clinic
(2,000 patients, 20,000 sessions) and a decade of a 20-chair clinic (40,000 patients,
400,000 sessions, ~2.5 M vitals sets), on SQLite and, when CHAIRSIDE_BENCH_POSTGRES_URL
names a PostgreSQL database, on PostgreSQL (the clinics go into ``<that database>_normal``
and ``<that database>_decade``, created on first use and kept):

- search: ``find_patients`` (the board's patient search, 50 rows) and ``patients_overview``
  (the review's list, 200 rows, with session counts) for a name prefix, a common surname,
  a fragment inside a surname (the contains-search), text that matches nobody, an exact MRN
  and a date of birth; target median ≤ 20 ms;
- course open: ``course_records`` for the patient with the longest course (60 sessions,
  every entry of each); target median ≤ 50 ms.
Medians of repeated runs in one process (the first run of each is a warm-up).

    .venv/bin/python bench/queries.py [--quick] [--decade-only] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import common
from sqlalchemy import func, select

SEARCH_TARGET_MS, COURSE_TARGET_MS = 20.0, 50.0
POSTGRES_ENV = "CHAIRSIDE_BENCH_POSTGRES_URL"


def _timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def search_texts(storage) -> dict[str, str]:
    """What a nurse or psychiatrist types, taken from the clinic's own patients."""
    from db.models import PatientRow

    with storage.transaction() as s:
        some = s.scalars(select(PatientRow).where(PatientRow.id == 1000)).one()
    return {"name prefix": some.name.split()[0][:4].lower(), "surname": "smith",
            "inside a surname": "arez", "nobody": "zzqx", "MRN": some.mrn,
            "date of birth": some.date_of_birth.isoformat()}


def measure(url: str, quick: bool = False, log=print) -> dict:
    from db.models import SessionRow
    from db.repository import ClinicRepository
    from db.storage import Storage

    storage = Storage(url)
    repo = ClinicRepository(storage)
    repeat = 5 if quick else 15
    try:
        texts = search_texts(storage)
        with storage.transaction() as s:
            pid, count = s.execute(select(SessionRow.patient_id, func.count())
                                   .group_by(SessionRow.patient_id)
                                   .order_by(func.count().desc()).limit(1)).one()
            sessions = s.scalar(select(func.count()).select_from(SessionRow))
        log(f"queries: {storage.describe()} ({sessions:,} sessions)")
        board, review, by_kind = [], [], {}
        for kind, text in texts.items():
            b = _timed(lambda t=text: repo.patients.find_patients(t), repeat)
            r = _timed(lambda t=text: repo.review.patients_overview(t), repeat)
            board += b
            review += r
            by_kind[kind] = {"text": text, "board_median_ms": common.summary(b)["median"],
                             "review_median_ms": common.summary(r)["median"]}
        course = _timed(lambda: repo.review.course_records(pid), repeat)
    finally:
        storage.close()
    return {"url": storage.describe(), "sessions": sessions, "course_sessions": count,
            "board_ms": common.summary(board), "review_ms": common.summary(review),
            "course_ms": common.summary(course), "by_kind": by_kind}


def rows(label: str, result: dict, fmt, verdict) -> list[tuple]:
    out = []
    for key, what, target in (
            ("board_ms", "board search (find_patients)", SEARCH_TARGET_MS),
            ("review_ms", "review list (patients_overview)", SEARCH_TARGET_MS),
            ("course_ms", f"open a course of {result['course_sessions']} (course_records)",
             COURSE_TARGET_MS)):
        s = result[key]
        out.append((f"{label}: {what} (ms)", s["n"], fmt(s["median"], 1), fmt(s["p90"], 1),
                    fmt(s["p95"], 1), fmt(s["max"], 1), f"median <= {target:g} ms",
                    verdict(s["median"] <= target)))
    return out


def details(label: str, result: dict) -> str:
    """Median of each search text, board | review."""
    return f"{label}: " + "; ".join(
        f"{kind} {v['text']!r} {v['board_median_ms']:.1f} | {v['review_median_ms']:.1f}"
        for kind, v in result["by_kind"].items())


def postgres_database(url: str, size_name: str) -> str:
    """``<database>_<size>`` on the server of ``url``, created if missing (``<database>``
    itself need not exist)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{size_name}"
    engine = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.exec_driver_sql(
                "SELECT 1 FROM pg_database WHERE datname = %(n)s", {"n": name}).scalar()
            if not exists:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def clinics(quick: bool, sizes, postgres: str | None, log=print) -> list[tuple[str, dict]]:
    """(label, result) for each size on SQLite and, given a URL, on PostgreSQL."""
    import make_clinic

    from db.storage import sqlite_url

    results = []
    for size in sizes:
        path, built = make_clinic.cached_clinic(log=log, size=size)
        if built is not None:
            log(f"{size.name} clinic built in {built:.1f} s")
        results.append((f"SQLite, {size.name}", measure(sqlite_url(path), quick, log)))
        if postgres:
            url = postgres_database(postgres, size.name)
            built = make_clinic.clinic_on_server(url, size, log=log)
            if built is not None:
                log(f"{size.name} clinic built on PostgreSQL in {built:.1f} s")
            results.append((f"PostgreSQL, {size.name}", measure(url, quick, log)))
    return results


def main() -> int:
    import make_clinic

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--decade-only", action="store_true")
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV),
                        help=f"a PostgreSQL URL (default ${POSTGRES_ENV})")
    args = parser.parse_args()
    sizes = [make_clinic.DECADE] if args.decade_only else [make_clinic.NORMAL,
                                                           make_clinic.DECADE]
    results = clinics(args.quick, sizes, args.postgres)
    for label, result in results:
        for row in rows(label, result, lambda v, d: f"{v:.{d}f}",
                        lambda ok: "met" if ok else "missed"):
            print("  ".join(str(c) for c in row))
    for label, result in results:
        print(details(label, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
