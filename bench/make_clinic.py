"""A clinic's worth of history, for the benchmarks.

The normal size: 2,000 patients and 20,000 discharged sessions over three years (an
induction course of six, and for most patients maintenance sessions after it), each with ~6
vitals sets, a couple of side effects and its start, end-of-infusion and discharge events.
``--decade``: a 20-chair clinic after ten years, 40,000 patients and 400,000 sessions
(~2.5 M vitals sets). The schema comes from the app's own ``Storage(...).upgrade()``; the
rows go in through SQLAlchemy Core bulk inserts (executemany) in one transaction, generated
and written a slice at a time. The SQLite file is cached under ``bench/out/``, keyed by
size, ``CLINIC_VERSION`` and the schema revision; each benchmark run copies the normal one
and adds one session infusing *now* through ``SessionService`` (so the app opens it at
start-up, as it would at a clinic). With ``--url`` the clinic goes into that PostgreSQL
database instead (a marker row says which clinic it holds, so a second run is a no-op).

    .venv/bin/python bench/make_clinic.py [--decade] [--rebuild] [--url URL]
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import common
from sqlalchemy import func, insert, select

from db.models import (
    Base,
    EventRow,
    PatientRow,
    PatientSearchTermRow,
    SessionRow,
    SettingRow,
    SideEffectRow,
    VitalsRow,
)
from db.repository import ClinicRepository
from db.search_key import fold, search_key, search_terms
from db.storage import HEAD_REVISION, Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.protocol import DEFAULT_PROTOCOL
from monitor.service import SessionService
from monitor.vitals import AlarmCheck, VitalsValues

# Bump when the generated data changes; the schema revision is part of the key as well.
CLINIC_VERSION = 4


@dataclass(frozen=True)
class Size:
    name: str
    patients: int
    sessions: int
    years: int
    chairs: int


NORMAL = Size("normal", 2_000, 20_000, 3, 4)
DECADE = Size("decade", 40_000, 400_000, 10, 20)
PATIENTS, SESSIONS = NORMAL.patients, NORMAL.sessions
SLICE = 10_000  # sessions generated and written at a time
MARKER = "bench_clinic"  # clinic_setting key naming the clinic a database holds
LONG_COURSE = 60  # one patient's sessions, for opening a long course in the review
SEED = 20261124
UTC = timezone.utc

FIRST = ["Maria", "James", "Priya", "Samuel", "Aisha", "Chen", "Olga", "Tomás", "Fatima",
         "Lukas", "Grace", "Mohammed", "Sofia", "Daniel", "Yuki", "Amara", "Élodie", "Ivan",
         "Nora", "Kwame", "Ana", "Pedro", "Hannah", "Ravi", "Zoë", "Björn", "Leila", "Oscar",
         "Mei", "Jonas", "Camila", "Ahmed", "Ingrid", "Tariq", "Rosa", "Felix"]
LAST = ["Alvarez", "O'Connor", "Natarajan", "Okafor", "Müller", "Nguyễn", "Kowalski",
        "Smith", "García", "Johansson", "Haddad", "Rossi", "Dubois", "Papadopoulos", "Kim",
        "Mensah", "Fernández", "Novák", "Cohen", "Singh", "Brown", "Schmidt", "Tanaka",
        "Silva", "Andersen", "Ivanova", "Osei", "Lindqvist", "Moreau", "Abebe", "Walsh",
        "Hernández", "Yilmaz", "Park", "Ó Briain", "Łukasiewicz"]
ALLERGIES = ["Penicillin (rash)", "Latex", "Sulfonamides", "Codeine (nausea)", "Peanuts",
             "Iodinated contrast", "Adhesive tape"]
NOTES = ["Treatment-resistant depression; course of six.", "PTSD.", "Depression.",
         "Anxiety and depression.", "Bipolar II, depressive episode.", "OCD; referred by Dr. B.",
         "Chronic pain and depression.", ""]
# Side effects a nurse logs, roughly as often as they come up.
EFFECT_KINDS = ["dissociation"] * 8 + ["dizziness"] * 5 + ["nausea"] * 4 + [
    "blurred_vision", "blurred_vision", "anxiety", "anxiety", "headache", "sensory_sensitivity",
    "fatigue", "sedation", "vomiting", "other"]
EFFECT_NOTES = ["", "", "", "settled with rest", "calm, eyes closed", "reassured",
                "ondansetron 4 mg given", "lights dimmed"]


def cache_path(size: Size = NORMAL) -> Path:
    infix = "" if size == NORMAL else f"-{size.name}"
    return common.OUT / f"clinic-v{CLINIC_VERSION}{infix}-schema{HEAD_REVISION}.sqlite"


def cached_clinic(rebuild: bool = False, log=print, size: Size = NORMAL
                  ) -> tuple[Path, float | None]:
    """The cached history database, built first if missing; and how long building took
    (None when the cache was used)."""
    path = cache_path(size)
    if path.exists() and not rebuild:
        return path, None
    common.OUT.mkdir(parents=True, exist_ok=True)
    pattern = "clinic-v*.sqlite*" if size == NORMAL else f"clinic-v*-{size.name}-*.sqlite*"
    for old in common.OUT.glob(pattern):  # other versions, stale partial builds
        if size != NORMAL or "-decade-" not in old.name:
            old.unlink()
    partial = path.with_name(path.name + ".partial")
    log(f"building {path.name}: {size.patients:,} patients, {size.sessions:,} sessions ...",
        flush=True)
    started = time.perf_counter()
    build(partial, size=size)
    _remove_sqlite(path)
    partial.replace(path)
    return path, time.perf_counter() - started


def clinic_on_server(url: str, size: Size, rebuild: bool = False, log=print
                     ) -> float | None:
    """The clinic in a (PostgreSQL) database: built if it does not hold this one yet;
    returns how long building took, or None when it was there."""
    storage = Storage(url)
    try:
        storage.upgrade()
        wanted = f"v{CLINIC_VERSION}-{size.name}-schema{HEAD_REVISION}"
        with storage.transaction() as s:
            held = s.get(SettingRow, MARKER)
            if held is not None and held.value == wanted and not rebuild:
                return None
            if held is None and s.scalar(select(func.count()).select_from(PatientRow)):
                raise SystemExit(f"{storage.describe()} holds patients that are not a bench "
                                 "clinic; refusing to add to it")
        if held is not None:  # a bench clinic of another version: start again
            log(f"dropping the bench clinic {held.value} in {storage.describe()}")
            with storage.engine.begin() as conn:
                Base.metadata.drop_all(conn)
                conn.exec_driver_sql("DROP TABLE alembic_version")
            storage.upgrade()
        log(f"building {size.name} clinic in {storage.describe()} ...", flush=True)
        started = time.perf_counter()
        fill(storage, datetime.now(UTC), size)
        with storage.transaction() as s:
            s.add(SettingRow(key=MARKER, value=wanted))
        with storage.engine.begin() as conn:  # COPY gave the ids: move the sequences on
            for row in (PatientRow, SessionRow, VitalsRow, SideEffectRow, EventRow):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{row.__tablename__}', 'id'), "
                    f"(SELECT max(id) FROM {row.__tablename__}))")
        with storage.engine.connect() as conn:  # what autovacuum would do soon after
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
        return time.perf_counter() - started
    finally:
        storage.close()


def _remove_sqlite(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


# --- building ---------------------------------------------------------------------------


def build(path: Path, now: datetime | None = None, size: Size = NORMAL) -> dict[str, int]:
    """Writes the history database to ``path``; returns the row count of each table."""
    _remove_sqlite(path)
    storage = Storage(sqlite_url(path))
    try:
        storage.upgrade()
        fill(storage, now or datetime.now(UTC), size)
        return table_counts(storage)
    finally:
        storage.close()  # the last connection checkpoints the WAL into the file


def fill(storage: Storage, now: datetime, size: Size) -> None:
    """Every row, a slice at a time, in one transaction: executemany on SQLite, COPY on
    PostgreSQL."""
    with storage.engine.begin() as conn:
        for table, rows in generate(random.Random(SEED), now, size):
            if not rows:
                continue
            if storage.is_sqlite:
                for i in range(0, len(rows), 20_000):
                    conn.execute(insert(table), rows[i:i + 20_000])
            else:
                _copy(conn, table, rows)


def _copy(conn, table, rows: list[dict]) -> None:
    """COPY FROM STDIN with psycopg 3: what the column types would do, done here (UTC
    times stored naive, the patient's search key)."""
    if table is PatientRow.__table__:
        for row in rows:
            row["search_key"] = search_key(row["name"], row["mrn"])
    columns = list(rows[0])
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_naive_utc(row[c]) for c in columns])


def _naive_utc(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def table_counts(storage: Storage) -> dict[str, int]:
    with storage.engine.connect() as conn:
        return {row.__tablename__: conn.execute(select(func.count()).select_from(row)).scalar()
                for row in (PatientRow, SessionRow, VitalsRow, SideEffectRow, EventRow)}


def generate(rng: random.Random, now: datetime, size: Size = NORMAL) -> Iterator[tuple]:
    """(table, rows) in the order they must be inserted, ids given: the patients (and their
    search words), then the sessions a slice at a time, each slice with its entries."""
    alarms = AlarmCheck()
    oldest = now - timedelta(days=size.years * 365)
    newest = now - timedelta(days=1)
    plans = [_patient_plan(rng, counts, oldest, newest)
             for counts in _sessions_per_patient(rng, size)]
    plans.sort(key=lambda p: p["created_at"])  # ids in order of registration
    patients, sessions = [], []
    for pid, plan in enumerate(plans, 1):
        patients.append(_patient_row(rng, pid, plan["created_at"]))
        sessions += [(day, pid, plan) for day in plan["days"]]
    yield PatientRow.__table__, patients
    yield PatientSearchTermRow.__table__, [
        {"patient_id": p["id"], "term": t, "name_key": fold(p["name"])}
        for p in patients for t in search_terms(p["name"], p["mrn"])]
    del patients, plans
    sessions.sort(key=lambda s: s[0])  # ids in order of opening
    next_id = {"vitals": 1, "effects": 1, "events": 1}
    for first in range(0, len(sessions), SLICE):
        session_rows, vitals, effects, events = [], [], [], []
        for sid, (day, pid, plan) in enumerate(sessions[first:first + SLICE], first + 1):
            _session(rng, alarms, sid, pid, day, plan, session_rows, vitals, effects, events,
                     size.chairs)
        for name, table in (("vitals", vitals), ("effects", effects), ("events", events)):
            for i, row in enumerate(table, next_id[name]):
                row["id"] = i
            next_id[name] += len(table)
        yield SessionRow.__table__, session_rows
        yield VitalsRow.__table__, vitals
        yield SideEffectRow.__table__, effects
        yield EventRow.__table__, events


def _sessions_per_patient(rng: random.Random, size: Size) -> list[int]:
    """A course of six for most; 15% stop early; the rest of the sessions are maintenance."""
    counts = [rng.randint(1, 5) if rng.random() < 0.15 else 6 for _ in range(size.patients)]
    completed = [i for i, c in enumerate(counts) if c == 6]
    counts[completed[0]] = LONG_COURSE
    for _ in range(size.sessions - sum(counts)):
        counts[rng.choice(completed[1:])] += 1
    return counts


def _patient_plan(rng: random.Random, count: int, oldest: datetime, newest: datetime) -> dict:
    gaps = [rng.randint(2, 4) if n < 6 else rng.randint(14, 42) for n in range(1, count)]
    span = timedelta(days=sum(gaps))
    latest_start = newest - span
    if latest_start > oldest:
        first = oldest + (latest_start - oldest) * rng.random()
    else:
        first = latest_start
    days, day = [], first.replace(hour=0, minute=0, second=0, microsecond=0)
    for gap in [0, *gaps]:
        day += timedelta(days=gap)
        days.append(day + timedelta(minutes=rng.randrange(7 * 60, 15 * 60 + 30, 5)))
    base_sbp = min(165, max(95, round(rng.gauss(126, 13))))
    return {
        "created_at": days[0] - timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 5)),
        "days": days,
        "weight": rng.uniform(48, 125),
        "base": (base_sbp, round(base_sbp * 0.63 + rng.gauss(0, 4)),
                 min(105, max(52, round(rng.gauss(74, 9)))), rng.randint(96, 99),
                 rng.randint(12, 16)),
    }


def _patient_row(rng: random.Random, pid: int, created_at: datetime) -> dict:
    return {
        "id": pid, "mrn": f"CH-{100000 + pid}",
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "date_of_birth": date(rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28)),
        "allergies": rng.choice(ALLERGIES) if rng.random() < 0.2 else "",
        "notes": rng.choice(NOTES), "created_at": created_at,
    }


def _session(rng, alarms, sid, pid, created, plan, sessions, vitals, effects, events,
             chairs) -> None:
    p = DEFAULT_PROTOCOL
    planned = rng.choice([40] * 8 + [45, 50, 60])
    start = created + timedelta(minutes=rng.randint(6, 12))
    end = start + timedelta(minutes=planned + rng.randint(0, 2))
    discharged = end + timedelta(minutes=p.observation_minutes + rng.randint(0, 15))
    sessions.append({
        "id": sid, "patient_id": pid, "chair": str(rng.randint(1, chairs)),
        "protocol_name": p.name, "drug": p.drug,
        "mg_per_kg": rng.choice([0.5] * 6 + [0.4, 0.6, 0.75, 1.0]),
        "weight_kg": round(plan["weight"] + rng.uniform(-1.5, 1.5), 1),
        "planned_minutes": planned, "observation_minutes": p.observation_minutes,
        "vitals_every_infusing_min": p.vitals_every_infusing_min,
        "vitals_every_observation_min": p.vitals_every_observation_min,
        "phase": "discharged", "created_at": created, "started_at": start,
        "infusion_ended_at": end, "discharged_at": discharged,
    })
    sbp, dbp, hr, spo2, rr = plan["base"]
    rise = min(40.0, max(0.0, rng.gauss(14, 7)))

    def reading(at: datetime, effect: float, temp: float | None, baseline) -> VitalsValues:
        s = round(sbp + rise * effect + rng.gauss(0, 4))
        values = VitalsValues(
            s, min(s - 20, round(dbp + rise * effect / 2 + rng.gauss(0, 3))),
            round(hr + rise * effect / 2 + rng.gauss(0, 4)),
            min(100, spo2 - (rng.random() < 0.3 * effect)), max(8, rr + round(rng.gauss(0, 1))),
            temp)
        flags = [f.message for f in alarms.flags(values, baseline)]
        vitals.append({
            "session_id": sid, "taken_at": at, "sbp": values.sbp, "dbp": values.dbp,
            "hr": values.hr, "spo2": values.spo2, "rr": values.rr, "temp_c": values.temp_c,
            "source": "manual", "entered_at": at + timedelta(seconds=rng.randint(5, 120)),
            "flags": "\n".join(flags)})
        return values

    base = reading(created + timedelta(minutes=rng.randint(2, 5)), 0.0,
                   round(rng.gauss(36.7, 0.3), 1), None)
    for minute in range(10, planned, 10):
        if rng.random() < 0.95:
            reading(start + timedelta(minutes=minute), min(1.0, minute / 20), None, base)
    for minute, effect in ((15, 0.4), (30, 0.15)):
        reading(end + timedelta(minutes=minute), effect, None, base)
    for _ in range(rng.choices(range(5), weights=(15, 25, 30, 20, 10))[0]):
        kind = rng.choice(EFFECT_KINDS)
        at = start + timedelta(minutes=rng.uniform(3, planned + 10))
        effects.append({
            "session_id": sid, "kind": kind, "severity": rng.choice((1, 2, 2, 3, 3, 4, 5, 7)),
            "at": at, "description": "tingling lips" if kind == "other" else "",
            "note": rng.choice(EFFECT_NOTES),
            "entered_at": at + timedelta(seconds=rng.randint(10, 300))})
    for kind, at in (("start", start), ("end_infusion", end), ("discharge", discharged)):
        events.append({"session_id": sid, "kind": kind, "at": at, "text": "",
                       "entered_at": at})


# --- the copy a run uses ----------------------------------------------------------------


def prepare_run_database(cached: Path, dest: Path, now: datetime | None = None) -> str:
    """Copies the cached history to ``dest`` and opens one session infusing now (started
    27 minutes ago, written through ``SessionService``); returns its database URL."""
    _remove_sqlite(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, dest)
    now = now or datetime.now(UTC)
    storage = Storage(sqlite_url(dest))
    try:
        storage.upgrade()
        repo = ClinicRepository(storage)
        clock = FixedClock(now - timedelta(minutes=33))
        service = SessionService(repo, clock)
        patient = repo.patients.find_patients("")[0]  # the newest registered: mid-course
        s = service.open_session(patient.id, "3", weight_kg=78, mg_per_kg=0.5)
        clock.advance(minutes=2)
        service.record_vitals(s.id, VitalsValues(128, 82, 76, 98, 14, 36.6))
        clock.advance(minutes=4)
        service.start_infusion(s.id)
        clock.advance(minutes=10)
        service.record_vitals(s.id, VitalsValues(141, 88, 84, 97, 15))
        clock.advance(minutes=3)
        service.record_side_effect(s.id, "dissociation", 4, note="calm, eyes closed")
        clock.advance(minutes=7)
        service.record_vitals(s.id, VitalsValues(149, 91, 88, 97, 15))
        assert [sp[0].id for sp in repo.sessions.open_sessions()] == [s.id]
    finally:
        storage.close()
    return sqlite_url(dest.resolve())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decade", action="store_true",
                        help=f"ten years of a {DECADE.chairs}-chair clinic: "
                        f"{DECADE.patients:,} patients, {DECADE.sessions:,} sessions")
    parser.add_argument("--rebuild", action="store_true", help="build even if cached")
    parser.add_argument("--url", help="build into this (PostgreSQL) database instead")
    args = parser.parse_args()
    size = DECADE if args.decade else NORMAL
    if args.url:
        seconds = clinic_on_server(args.url, size, args.rebuild)
        storage = Storage(args.url)
        where = storage.describe()
    else:
        path, seconds = cached_clinic(args.rebuild, size=size)
        storage = Storage(sqlite_url(path))
        where = f"{path} ({path.stat().st_size / 2**20:.1f} MiB)"
    try:
        counts = table_counts(storage)
    finally:
        storage.close()
    how = f"built in {seconds:.1f} s" if seconds is not None else "cached"
    print(f"{where}: {how}")
    print("  " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))


if __name__ == "__main__":
    main()
