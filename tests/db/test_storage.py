"""Storage and ClinicRepository on real databases: round trips, search, known errors."""

from __future__ import annotations

import sqlite3
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError

import db.storage
from db.models import PatientRow
from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.errors import InvalidEntry, NotFound, StorageUnavailable
from monitor.protocol import DEFAULT_PROTOCOL
from monitor.records import NewPatient
from monitor.timeline import EventKind, Phase, SessionEvent
from monitor.vitals import VitalsValues

UTC = timezone.utc
# microseconds on purpose: they must survive the round trip on both backends
T0 = datetime(2026, 11, 24, 14, 3, 7, 123456, tzinfo=UTC)

MARIA = NewPatient("CH-1001", "Maria Álvarez", date(1979, 3, 14), "Penicillin (rash)",
                   "Treatment-resistant depression.")
JAMES = NewPatient("CH-1002", "James O'Connor", date(1986, 11, 2))
PRIYA = NewPatient("XY-77", "Priya Natarajan", date(1992, 6, 21), "Latex")


def later(**delta: float) -> datetime:
    return T0 + timedelta(**delta)


def new_session(repo: ClinicRepository, patient_id: int, at: datetime = T0, chair: str = "2"):
    return repo.sessions.create_session(patient_id, chair, DEFAULT_PROTOCOL, 68.5, at)


# --- round trips ----------------------------------------------------------------------

def test_patient_round_trip(repo, storage):
    p = repo.patients.add_patient(MARIA, T0)
    assert p.id > 0
    assert repo.patients.get_patient(p.id) == p
    assert (p.mrn, p.name, p.date_of_birth, p.allergies, p.notes) == (
        MARIA.mrn, MARIA.name, MARIA.date_of_birth, MARIA.allergies, MARIA.notes)
    with storage.transaction() as s:
        assert s.scalar(select(PatientRow.created_at)) == T0


def test_session_round_trip(repo):
    p = repo.patients.add_patient(MARIA, T0)
    s = new_session(repo, p.id, later(seconds=1.5))
    loaded = repo.sessions.get_session(s.id)
    assert loaded == s
    assert (loaded.patient_id, loaded.chair, loaded.weight_kg, loaded.phase) == (
        p.id, "2", 68.5, Phase.BASELINE)
    assert (loaded.mg_per_kg, loaded.planned_minutes, loaded.observation_minutes) == (
        0.5, 40, 30)
    assert loaded.created_at == later(seconds=1.5)
    assert loaded.created_at.utcoffset() == timedelta(0)
    assert (loaded.started_at, loaded.infusion_ended_at, loaded.discharged_at) == (
        None, None, None)


def test_events_round_trip_and_set_the_session_phase(repo):
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
    start = repo.sessions.add_event(s.id, EventKind.START, later(minutes=2), "", Phase.INFUSING)
    pause = repo.sessions.add_event(s.id, EventKind.PAUSE, later(minutes=9, microseconds=1),
                           "nausea", Phase.PAUSED)
    assert start == SessionEvent(start.id, s.id, EventKind.START, later(minutes=2), "",
                                 later(minutes=2))
    assert repo.sessions.events(s.id) == [start, pause]
    assert repo.sessions.events(s.id)[1].at == later(minutes=9, microseconds=1)
    loaded = repo.sessions.get_session(s.id)
    assert (loaded.phase, loaded.started_at) == (Phase.PAUSED, later(minutes=2))


@pytest.mark.parametrize(("kind", "phase", "column"), [
    (EventKind.STOP_EARLY, Phase.OBSERVATION, "infusion_ended_at"),
    (EventKind.END_INFUSION, Phase.OBSERVATION, "infusion_ended_at"),
    (EventKind.DISCHARGE, Phase.DISCHARGED, "discharged_at"),
])
def test_phase_times_are_kept_on_the_session(repo, kind, phase, column):
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
    repo.sessions.add_event(s.id, kind, later(minutes=40), "x", phase)
    loaded = repo.sessions.get_session(s.id)
    assert loaded.phase is phase
    assert getattr(loaded, column) == later(minutes=40)


def test_a_note_leaves_the_phase_times_alone(repo):
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
    repo.sessions.add_event(s.id, EventKind.NOTE, later(minutes=1), "anxious", Phase.BASELINE)
    loaded = repo.sessions.get_session(s.id)
    assert (loaded.phase, loaded.started_at) == (Phase.BASELINE, None)


def test_events_come_back_in_commit_order_whatever_their_clocks_say(repo):
    """Issue 8 §2: a workstation's clock may be behind; the order is the commit sequence."""
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
    late = repo.sessions.add_event(s.id, EventKind.NOTE, later(minutes=5), "second", Phase.BASELINE)
    early = repo.sessions.add_event(s.id, EventKind.NOTE, later(minutes=1), "first", Phase.BASELINE)
    tie = repo.sessions.add_event(s.id, EventKind.NOTE, later(minutes=5), "third", Phase.BASELINE)
    assert [e.id for e in repo.sessions.events(s.id)] == [late.id, early.id, tie.id]


def test_vitals_round_trip(repo):
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
    flags = ["Systolic BP 185 mmHg is at or above the critical limit of 180.",
             "SpO₂ 92 % is below the advisory limit of 94."]
    with_temp = repo.sessions.add_vitals(s.id, VitalsValues(185, 95, 88, 92, 16, 37.4),
                                later(minutes=3), "manual", later(minutes=4, microseconds=9),
                                flags)
    without = repo.sessions.add_vitals(s.id, VitalsValues(120, 80, 70, 98, 14), later(minutes=1),
                              "monitor", later(minutes=1), [])
    assert repo.sessions.vitals(s.id) == [without, with_temp]
    assert with_temp.flags == tuple(flags)
    stored = repo.sessions.vitals(s.id)[1]
    assert stored.values == VitalsValues(185, 95, 88, 92, 16, 37.4)
    assert (stored.taken_at, stored.entered_at) == (later(minutes=3),
                                                    later(minutes=4, microseconds=9))
    assert (stored.source, stored.flags) == ("manual", tuple(flags))
    assert repo.sessions.vitals(s.id)[0].values.temp_c is None
    assert repo.sessions.vitals(s.id)[0].flags == ()


def test_side_effect_round_trip(repo):
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
    effect = repo.sessions.add_side_effect(s.id, "other", 3, later(minutes=12, microseconds=5),
                                  "tingling lips", "settled", later(minutes=13))
    assert repo.sessions.side_effects(s.id) == [effect]
    stored = repo.sessions.side_effects(s.id)[0]
    assert (stored.kind, stored.severity, stored.description, stored.note) == (
        "other", 3, "tingling lips", "settled")
    assert (stored.at, stored.entered_at) == (later(minutes=12, microseconds=5),
                                              later(minutes=13))


def test_an_aware_time_in_another_zone_comes_back_as_the_same_instant_in_utc(repo):
    berlin = datetime(2026, 7, 1, 16, 30, 0, 654321, tzinfo=ZoneInfo("Europe/Berlin"))
    s = new_session(repo, repo.patients.add_patient(MARIA, T0).id, at=berlin)
    loaded = repo.sessions.get_session(s.id)
    assert loaded.created_at == berlin
    assert loaded.created_at == datetime(2026, 7, 1, 14, 30, 0, 654321, tzinfo=UTC)
    assert loaded.created_at.utcoffset() == timedelta(0)


def test_a_naive_time_is_refused_and_nothing_is_stored(repo, storage):
    with pytest.raises(StatementError, match="naive"):
        repo.patients.add_patient(MARIA, datetime(2026, 11, 24, 14, 0))
    assert repo.patients.find_patients("") == []


def test_entries_for_each_session_stay_apart(repo):
    p = repo.patients.add_patient(MARIA, T0)
    one = new_session(repo, p.id)
    two = new_session(repo, p.id, later(days=7))
    repo.sessions.add_vitals(one.id, VitalsValues(120, 80, 70, 98, 14), T0, "manual", T0, [])
    repo.sessions.add_side_effect(two.id, "nausea", 2, later(days=7), "", "", later(days=7))
    assert len(repo.sessions.vitals(one.id)) == 1
    assert repo.sessions.vitals(two.id) == []
    assert repo.sessions.side_effects(one.id) == []
    assert [s.id for s in repo.sessions.sessions_of(p.id)] == [one.id, two.id]


# --- known errors ---------------------------------------------------------------------

def test_a_duplicate_mrn_is_an_invalid_entry(repo):
    repo.patients.add_patient(MARIA, T0)
    duplicate = NewPatient(MARIA.mrn, "Someone Else", date(1990, 1, 1))
    with pytest.raises(InvalidEntry, match="MRN CH-1001 is already registered.") as refused:
        repo.patients.add_patient(duplicate, later(minutes=1))
    assert refused.value.field == "mrn"
    # the failed transaction left the database usable and held nothing back
    assert repo.patients.add_patient(JAMES, later(minutes=2)).mrn == JAMES.mrn
    assert [p.name for p in repo.patients.find_patients("")] == [JAMES.name, MARIA.name]


def test_unknown_ids_are_not_found(repo):
    with pytest.raises(NotFound, match="No patient with id 999"):
        repo.patients.get_patient(999)
    with pytest.raises(NotFound, match="No session with id 999"):
        repo.sessions.get_session(999)
    with pytest.raises(NotFound, match="No patient with id 999"):
        new_session(repo, 999)
    with pytest.raises(NotFound, match="No session with id 999"):
        repo.sessions.add_event(999, EventKind.START, T0, "", Phase.INFUSING)


def test_foreign_keys_are_enforced(repo):
    with pytest.raises(IntegrityError):
        repo.sessions.add_vitals(999, VitalsValues(120, 80, 70, 98, 14), T0, "manual", T0, [])
    with pytest.raises(IntegrityError):
        repo.sessions.add_side_effect(999, "nausea", 2, T0, "", "", T0)


# --- finding patients and sessions ----------------------------------------------------

@pytest.fixture
def three_patients(repo):
    return [repo.patients.add_patient(p, later(minutes=n))
            for n, p in enumerate([MARIA, JAMES, PRIYA])]


@pytest.mark.parametrize(("query", "names"), [
    ("Natarajan", ["Priya Natarajan"]),
    ("nata", ["Priya Natarajan"]),
    ("O'CONNOR", ["James O'Connor"]),
    ("jAmEs", ["James O'Connor"]),
    ("a", ["James O'Connor", "Maria Álvarez", "Priya Natarajan"]),
    ("CH-1001", ["Maria Álvarez"]),
    ("ch-100", ["James O'Connor", "Maria Álvarez"]),
    ("xy", ["Priya Natarajan"]),
    ("1002", ["James O'Connor"]),
    ("maria ch-1001", ["Maria Álvarez"]),
    ("  priya   natarajan ", ["Priya Natarajan"]),
    ("priya james", []),
    ("nobody", []),
    ("Álvarez", ["Maria Álvarez"]),
    ("álvarez", ["Maria Álvarez"]),
    ("ÁLVAREZ", ["Maria Álvarez"]),
], ids=repr)
def test_find_patients_by_name_part_or_mrn_in_any_case(repo, three_patients, query, names):
    assert [p.name for p in repo.patients.find_patients(query)] == names


def test_an_empty_search_lists_the_newest_first(repo, three_patients):
    assert [p.mrn for p in repo.patients.find_patients("")] == ["XY-77", "CH-1002", "CH-1001"]
    assert [p.mrn for p in repo.patients.find_patients("  ", limit=2)] == ["XY-77", "CH-1002"]


def test_open_sessions_oldest_first_with_their_patients(repo, three_patients):
    maria, james, priya = three_patients
    done = new_session(repo, maria.id, later(minutes=1))
    repo.sessions.add_event(done.id, EventKind.DISCHARGE, later(minutes=80), "", Phase.DISCHARGED)
    second = new_session(repo, priya.id, later(minutes=30), chair="4")
    first = new_session(repo, james.id, later(minutes=20), chair="1")
    repo.sessions.add_event(first.id, EventKind.START, later(minutes=25), "", Phase.INFUSING)
    third = new_session(repo, maria.id, later(minutes=90), chair="2")
    assert [(s.id, p.name, s.phase) for s, p in repo.sessions.open_sessions()] == [
        (first.id, james.name, Phase.INFUSING),
        (second.id, priya.name, Phase.BASELINE),
        (third.id, maria.name, Phase.BASELINE),
    ]
    assert repo.sessions.active_session_for(maria.id).id == third.id
    assert repo.sessions.active_session_for(james.id).id == first.id


def test_no_active_session_once_discharged(repo, three_patients):
    maria = three_patients[0]
    s = new_session(repo, maria.id)
    repo.sessions.add_event(s.id, EventKind.DISCHARGE, later(minutes=80), "", Phase.DISCHARGED)
    assert repo.sessions.active_session_for(maria.id) is None
    assert repo.sessions.open_sessions() == []


# --- SQLite specifics -----------------------------------------------------------------

@pytest.mark.parametrize(("pragma", "value"), [
    ("journal_mode", "wal"), ("synchronous", 2), ("foreign_keys", 1),
])
def test_sqlite_pragmas_on_a_real_connection(sqlite_storage, pragma, value):
    with sqlite_storage.engine.connect() as conn:
        assert conn.exec_driver_sql(f"PRAGMA {pragma}").scalar() == value


def test_sqlite_pragmas_on_every_new_connection(sqlite_storage):
    sqlite_storage.engine.dispose()
    with sqlite_storage.engine.connect() as a, sqlite_storage.engine.connect() as b:
        for conn in (a, b):
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_file_is_in_wal_mode_for_other_programs(sqlite_storage):
    with sqlite3.connect(sqlite_storage.url.database) as other:
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    other.close()


def test_storage_describes_where_the_records_are(sqlite_storage, tmp_path):
    assert sqlite_storage.describe() == str(tmp_path / "chairside.sqlite")
    hidden = Storage("postgresql+psycopg://nurse:secret@db.clinic:5432/chairside")
    try:
        assert "secret" not in hidden.describe()
        assert "db.clinic" in hidden.describe()
    finally:
        hidden.close()


@pytest.fixture
def locked_path(tmp_path, monkeypatch):
    """A fresh SQLite database with a short busy timeout (patched before the Storage is
    made: the timeout is read when the engine is created)."""
    monkeypatch.setattr(db.storage, "SQLITE_BUSY_SECONDS", 0.2)
    return tmp_path / "locked.sqlite"


def hold_exclusive_lock(path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    return other


def count_patients(storage: Storage) -> int:
    with storage.transaction() as s:
        return s.scalar(select(func.count()).select_from(PatientRow))


def test_a_locked_database_is_a_plain_storage_error_and_stores_nothing(locked_path):
    storage = Storage(sqlite_url(locked_path))
    try:
        storage.upgrade()
        repo = ClinicRepository(storage)
        other = hold_exclusive_lock(locked_path)
        began = time.monotonic()
        with pytest.raises(StorageUnavailable) as unavailable:
            repo.patients.add_patient(MARIA, T0)
        waited = time.monotonic() - began
        other.rollback()
        other.close()

        message = str(unavailable.value)
        assert "locked" in message
        assert "Nothing was lost" in message
        assert message.startswith("Not saved:")
        assert "sqlite" not in message.lower()  # no driver jargon for the nurse
        assert waited < 2.5  # the patched 0.2 s busy timeout
        assert count_patients(storage) == 0
        assert repo.patients.add_patient(MARIA, T0).mrn == MARIA.mrn  # works once the lock is gone
        assert count_patients(storage) == 1
    finally:
        storage.close()


def test_a_locked_database_refuses_an_event_and_keeps_the_phase(locked_path):
    storage = Storage(sqlite_url(locked_path))
    try:
        storage.upgrade()
        repo = ClinicRepository(storage)
        s = new_session(repo, repo.patients.add_patient(MARIA, T0).id)
        other = hold_exclusive_lock(locked_path)
        with pytest.raises(StorageUnavailable, match="locked"):
            repo.sessions.add_event(s.id, EventKind.START, later(minutes=1), "", Phase.INFUSING)
        other.rollback()
        other.close()
        assert repo.sessions.events(s.id) == []
        assert repo.sessions.get_session(s.id).phase is Phase.BASELINE
    finally:
        storage.close()


def test_a_locked_empty_database_cannot_be_upgraded_and_says_so(locked_path):
    sqlite3.connect(locked_path).close()  # an empty file, not yet in WAL mode
    other = hold_exclusive_lock(locked_path)
    storage = Storage(sqlite_url(locked_path))
    try:
        with pytest.raises(StorageUnavailable, match="locked"):
            storage.upgrade()
    finally:
        other.rollback()
        other.close()
    try:
        assert storage.upgrade() is True
        with storage.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM patient")).scalar() == 0
    finally:
        storage.close()
