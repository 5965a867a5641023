"""Database failures are told apart by SQLite's result code and PostgreSQL's SQLSTATE:
each case here makes the real error happen."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

import db.storage
from db.failures import Failure, classify
from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.errors import StorageUnavailable
from monitor.records import NewPatient
from tests.conftest import POSTGRES_URL

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)
MARIA = NewPatient("CH-1001", "Maria Alvarez", date(1979, 3, 14))


def failure_of(storage: Storage, sql: str, params: dict | None = None) -> Failure | None:
    """Runs ``sql`` on the engine directly and classifies the driver error it raises."""
    with pytest.raises(DBAPIError) as raised, storage.engine.begin() as conn:
        conn.execute(text(sql), params or {})
    return classify(raised.value)


def insert_patient_sql() -> str:
    return ("INSERT INTO patient (mrn, name, date_of_birth, allergies, notes, created_at) "
            "VALUES ('CH-1001', 'Maria', '1979-03-14', '', '', :t)")


# --- SQLite ---------------------------------------------------------------------------


def test_a_database_locked_by_another_connection_is_locked(sqlite_storage, tmp_path,
                                                          monkeypatch):
    monkeypatch.setattr(db.storage, "SQLITE_BUSY_SECONDS", 0.1)
    path = tmp_path / "chairside.sqlite"
    storage = Storage(sqlite_url(path))  # the patched busy timeout
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert failure_of(storage, insert_patient_sql(), {"t": T0}) is Failure.LOCKED
        with pytest.raises(StorageUnavailable, match="locked by another program"):
            ClinicRepository(storage).patients.add_patient(MARIA, T0)
    finally:
        other.rollback()
        other.close()
        storage.close()


def test_a_database_opened_read_only_is_read_only(sqlite_storage, tmp_path):
    path = tmp_path / "chairside.sqlite"
    storage = Storage(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        assert failure_of(storage, insert_patient_sql(), {"t": T0}) is Failure.READ_ONLY
        with pytest.raises(StorageUnavailable, match="read-only"):
            ClinicRepository(storage).patients.add_patient(MARIA, T0)
    finally:
        storage.close()


def test_a_file_that_is_not_a_database_is_damaged(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"These are not the records you are looking for.\n" * 100)
    storage = Storage(sqlite_url(path))
    try:
        with pytest.raises(StorageUnavailable, match="damaged or is not a Chairside") as e:
            storage.upgrade()
        assert e.value.__cause__.orig.sqlite_errorname == "SQLITE_NOTADB"
    finally:
        storage.close()


def test_a_folder_where_the_file_should_be_cannot_be_opened(tmp_path):
    storage = Storage(sqlite_url(tmp_path))  # a directory, not a file
    try:
        with pytest.raises(StorageUnavailable, match="cannot be opened") as e:
            storage.upgrade()
        assert e.value.__cause__.orig.sqlite_errorname == "SQLITE_CANTOPEN"
    finally:
        storage.close()


def test_a_database_that_cannot_grow_is_full_and_stores_nothing(sqlite_storage):
    repo = ClinicRepository(sqlite_storage)
    with (pytest.raises(StorageUnavailable, match="the disk is full") as e,
          sqlite_storage.transaction() as s):
        pages = s.execute(text("PRAGMA page_count")).scalar()
        s.execute(text(f"PRAGMA max_page_count = {pages}"))  # no room for one more page
        for n in range(200):
            s.execute(text(
                "INSERT INTO patient (mrn, name, date_of_birth, allergies, notes, "
                "created_at) VALUES (:mrn, :name, '1979-03-14', '', '', :t)"),
                {"mrn": f"CH-{n}", "name": "x" * 500, "t": T0})
    assert e.value.__cause__.orig.sqlite_errorname == "SQLITE_FULL"
    assert repo.patients.find_patients("") == []


def test_sqlite_integrity_is_the_callers_to_handle_not_unavailable(sqlite_storage):
    ClinicRepository(sqlite_storage).patients.add_patient(MARIA, T0)
    assert failure_of(sqlite_storage, insert_patient_sql(), {"t": T0}) is Failure.INTEGRITY
    with pytest.raises(IntegrityError), sqlite_storage.transaction() as s:
        s.execute(text(insert_patient_sql()), {"t": T0})


def test_an_uncoded_sqlite_error_is_still_a_plain_storage_error(sqlite_storage):
    assert failure_of(sqlite_storage, "SELECT * FROM no_such_table") is None
    with (pytest.raises(StorageUnavailable, match="the database reported a problem"),
          sqlite_storage.transaction() as s):
        s.execute(text("SELECT * FROM no_such_table"))


# --- PostgreSQL -----------------------------------------------------------------------

postgres = pytest.mark.postgres


@pytest.fixture
def pg_storage(tmp_path):
    if not POSTGRES_URL:
        pytest.skip("set CHAIRSIDE_TEST_POSTGRES_URL to run against PostgreSQL")
    from tests.conftest import make_storage

    storage = make_storage("postgres", tmp_path)
    storage.upgrade()
    yield storage
    storage.close()


def raw_connection(storage: Storage) -> psycopg.Connection:
    url = storage.url.set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


@postgres
def test_postgres_unique_violation_is_integrity(pg_storage):
    ClinicRepository(pg_storage).patients.add_patient(MARIA, T0)
    assert failure_of(pg_storage, insert_patient_sql(), {"t": T0}) is Failure.INTEGRITY


@postgres
def test_postgres_bad_value_is_data_and_not_unavailable(pg_storage):
    assert failure_of(pg_storage, "SELECT 1 / 0") is Failure.DATA  # 22012
    with pytest.raises(DataError), pg_storage.transaction() as s:
        s.execute(text("SELECT 1 / 0"))


@postgres
def test_postgres_lock_timeout_is_locked(pg_storage):
    other = raw_connection(pg_storage)
    try:
        other.execute("BEGIN")
        other.execute("LOCK TABLE patient IN ACCESS EXCLUSIVE MODE")
        with (pytest.raises(StorageUnavailable, match="locked by another program"),
              pg_storage.transaction() as s):
            s.execute(text("SET LOCAL lock_timeout = '100ms'"))
            s.execute(text(insert_patient_sql()), {"t": T0})
    finally:
        other.execute("ROLLBACK")
        other.close()


@postgres
def test_postgres_serialization_failure_is_a_conflict(pg_storage):
    repo = ClinicRepository(pg_storage)
    repo.settings.set_setting("clinic_name", "Riverside")
    other = raw_connection(pg_storage)
    try:
        with (pytest.raises(StorageUnavailable, match="another workstation changed") as e,
              pg_storage.transaction() as s):
            s.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            s.execute(text("SELECT value FROM clinic_setting")).all()  # the snapshot
            other.execute("UPDATE clinic_setting SET value = 'Lakeside'")
            s.execute(text("UPDATE clinic_setting SET value = 'Hillside'"))
        assert e.value.__cause__.orig.sqlstate == "40001"
    finally:
        other.close()
    assert repo.settings.setting("clinic_name") == "Lakeside"


@postgres
def test_postgres_connection_killed_by_the_server_is_unreachable(pg_storage):
    with (pytest.raises(StorageUnavailable, match="server cannot be reached"),
          pg_storage.transaction() as s):
        s.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
    assert ClinicRepository(pg_storage).patients.find_patients("") == []  # reconnects
