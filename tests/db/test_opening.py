"""Start-up on a damaged or wrong database: one plain message naming the file, nothing
created by a mistyped path, read-only media opened read-only."""

from __future__ import annotations

from datetime import date

import pytest

from db.clinic_file import check_file
from db.opening import open_clinic
from db.repository import ClinicRepository
from db.storage import HEAD_REVISION, sqlite_url
from export.documents import export_session_csv
from monitor.clock import FixedClock
from monitor.errors import ClinicFileProblem, NoClinicFile, ReadOnlyRecords
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.vitals import VitalsValues
from tests.db.clinic_files import BAD_KINDS, NOW, bad_file, make_read_only, seeded_clinic


@pytest.fixture(autouse=True)
def user_data_here(tmp_path, monkeypatch):
    """The default backup folder lives in the user data folder: keep it in the test's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))


@pytest.fixture(scope="module")
def good_clinic(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "clinic.sqlite"
    return path, seeded_clinic(path)


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_a_bad_file_gets_one_plain_message_naming_it_and_stays_as_it_was(kind, good_clinic,
                                                                         tmp_path):
    path = bad_file(kind, good_clinic[0], tmp_path / "clinic.sqlite")
    before = path.read_bytes()
    with pytest.raises(ClinicFileProblem) as problem:
        open_clinic(sqlite_url(path), create=True)  # not even --create makes it a clinic
    message = str(problem.value)
    assert str(path) in message and "\n" not in message
    assert "Not saved" not in message and "still on screen" not in message
    assert ("backup" in message) or ("not Chairside's records" in message)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.sqlite"]


def test_an_empty_file_is_never_turned_into_an_empty_clinic(tmp_path):
    path = tmp_path / "clinic.sqlite"
    path.write_bytes(b"")
    with pytest.raises(ClinicFileProblem, match="empty \\(0 bytes\\)"):
        open_clinic(sqlite_url(path), create=True)
    assert path.stat().st_size == 0


def test_a_mistyped_path_creates_no_folder_and_no_clinic(tmp_path):
    typo = tmp_path / "Clinc" / "records" / "chairside.sqlite"
    with pytest.raises(NoClinicFile, match="does not exist"):
        open_clinic(sqlite_url(typo))
    with pytest.raises(NoClinicFile, match="make the folder first"):
        open_clinic(sqlite_url(typo), create=True)  # --create does not make folders either
    assert not typo.parent.parent.exists()
    missing = tmp_path / "chairsde.sqlite"
    with pytest.raises(NoClinicFile, match="--create"):
        open_clinic(sqlite_url(missing))
    assert {p.name for p in tmp_path.iterdir()} <= {"user-data"}
    assert not typo.parent.exists() and not missing.exists()


def test_a_new_clinic_is_made_when_asked_for(tmp_path):
    path = tmp_path / "new.sqlite"
    clinic = open_clinic(sqlite_url(path), create=True)
    assert clinic.storage.revision() == HEAD_REVISION
    clinic.storage.close()
    assert check_file(path).revision == HEAD_REVISION


def test_a_full_check_on_demand(good_clinic):
    clinic = open_clinic(sqlite_url(good_clinic[0]), full_check=True)
    assert clinic.storage.revision() == HEAD_REVISION
    clinic.storage.close()


def test_a_newer_schema_is_refused_plainly(tmp_path):
    import sqlite3

    path = tmp_path / "clinic.sqlite"
    seeded_clinic(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(ClinicFileProblem, match="newer Chairside"):
        open_clinic(sqlite_url(path))


def test_an_older_schema_is_backed_up_before_it_is_upgraded(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from db.backup import backups
    from db.migrate import alembic_config

    path = tmp_path / "clinic" / "old.sqlite"
    path.parent.mkdir()
    engine = create_engine(sqlite_url(path))
    command.upgrade(alembic_config(engine), "0002")
    engine.dispose()
    folder = tmp_path / "backups"
    with engine.connect() as conn:  # the clinic's own backup folder setting
        conn.exec_driver_sql("INSERT INTO clinic_setting (key, value) VALUES "
                             f"('backup_folder', '{folder}')")
        conn.commit()
    engine.dispose()
    clinic = open_clinic(sqlite_url(path))
    assert clinic.storage.revision() == HEAD_REVISION
    clinic.storage.close()
    saved = backups(folder, "old")
    assert [p.name.endswith("-before-upgrade.sqlite") for p in saved] == [True]
    assert check_file(saved[0], full=True).revision == "0002"


def test_read_only_media_can_be_read_and_exported_but_refuse_entries(good_clinic, tmp_path,
                                                                     request):
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "clinic.sqlite"
    path.write_bytes(good_clinic[0].read_bytes())
    make_read_only(folder, request)
    stat = path.stat()
    clinic = open_clinic(sqlite_url(path))
    assert clinic.storage.read_only and clinic.policy is None
    service = SessionService(ClinicRepository(clinic.storage), FixedClock(NOW))
    busy = good_clinic[1]
    assert service.load(busy).vitals  # the records read
    out = tmp_path / "session.csv"
    assert export_session_csv(service, busy, out) > 0  # and export
    with pytest.raises(ReadOnlyRecords, match="read-only") as refused:
        service.record_vitals(busy, VitalsValues(120, 80, 70, 98, 14))
    assert "Nothing was stored" in str(refused.value)
    with pytest.raises(ReadOnlyRecords):
        service.register_patient(NewPatient("RO-1", "Read Only", date(1980, 1, 1)))
    clinic.storage.close()
    assert sorted(p.name for p in folder.iterdir()) == ["clinic.sqlite"]
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (stat.st_mtime_ns,
                                                               stat.st_size)


def test_read_only_on_request_on_a_writable_disk(good_clinic, tmp_path):
    path = tmp_path / "clinic.sqlite"
    path.write_bytes(good_clinic[0].read_bytes())
    clinic = open_clinic(sqlite_url(path), read_only=True)
    service = SessionService(ClinicRepository(clinic.storage), FixedClock(NOW))
    before = len(service.load(good_clinic[1]).vitals)
    with pytest.raises(ReadOnlyRecords):
        service.record_vitals(good_clinic[1], VitalsValues(120, 80, 70, 98, 14))
    clinic.storage.close()
    clinic = open_clinic(sqlite_url(path))
    service = SessionService(ClinicRepository(clinic.storage), FixedClock(NOW))
    assert len(service.load(good_clinic[1]).vitals) == before
    clinic.storage.close()


def test_a_locked_file_at_start_is_said_to_be_locked_not_damaged(good_clinic, tmp_path):
    import sqlite3

    path = tmp_path / "clinic.sqlite"
    path.write_bytes(good_clinic[0].read_bytes())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ClinicFileProblem) as problem:
            open_clinic(sqlite_url(path))
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = str(problem.value)
    assert "locked by another program" in message and "damaged" not in message
    assert "Not saved" not in message
    open_clinic(sqlite_url(path)).storage.close()  # and opens once it is free
