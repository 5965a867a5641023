"""Backups with SQLite's backup API while nurses chart, and restoring them: every entry
confirmed before the backup comes back, a damaged backup is refused, and a clinic that is
open somewhere is never replaced under it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.backup import BackupFailed, BackupPolicy, backup_now, backups, last_backup
from db.clinic_file import check_file
from db.repository import ClinicRepository
from db.restore import ClinicInUse, restore
from db.storage import HEAD_REVISION, Storage, sqlite_url
from monitor.clock import SystemClock
from monitor.errors import ClinicFileProblem
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.vitals import VitalsValues
from tests.db.clinic_files import NOW, bad_file, seeded_clinic


@pytest.fixture(autouse=True)
def user_data_here(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))


class Nurse(threading.Thread):
    """Charts vitals through the service as fast as it can; ``confirmed`` holds each
    entry once the call that stored it has returned."""

    def __init__(self, service: SessionService, session_id: int) -> None:
        super().__init__(daemon=True)
        self.service, self.session_id = service, session_id
        self.confirmed: list[int] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            n = 0
            while not self.stop.is_set():
                n += 1
                v = self.service.record_vitals(self.session_id,
                                               VitalsValues(110 + n % 30, 75, 70, 98, 14))
                self.confirmed.append(v.id)
        except BaseException as error:  # reported by the test
            self.error = error


def running_clinic(path):
    storage = Storage(sqlite_url(path))
    storage.upgrade()
    service = SessionService(ClinicRepository(storage), SystemClock())
    patient = service.register_patient(NewPatient("BK-1", "Backup Test", date(1980, 1, 1)))
    session = service.open_session(patient.id, "1", weight_kg=70)
    return storage, service, session.id


def vitals_ids(path, session_id) -> set[int]:
    storage = Storage(sqlite_url(path))
    try:
        return {v.id for v in ClinicRepository(storage).sessions.vitals(session_id)}
    finally:
        storage.close()


def test_a_backup_during_charting_restores_every_entry_confirmed_before_it(tmp_path):
    live = tmp_path / "clinic" / "chairside.sqlite"
    live.parent.mkdir()
    folder = tmp_path / "backups"
    storage, service, session_id = running_clinic(live)
    nurse = Nurse(service, session_id)
    nurse.start()
    while len(nurse.confirmed) < 30:
        time.sleep(0.01)
    before = list(nurse.confirmed)  # confirmed before the backup began
    written = backup_now(live, folder, 14, SystemClock().now())
    during = list(nurse.confirmed)
    while len(nurse.confirmed) < len(during) + 30:  # and the nurse charts on
        time.sleep(0.01)
    nurse.stop.set()
    nurse.join(timeout=30)
    assert nurse.error is None
    everything = set(nurse.confirmed)
    assert check_file(written, full=True).revision == HEAD_REVISION
    with pytest.raises(ClinicInUse, match="open in Chairside"):
        restore(written, live, folder, SystemClock().now())  # the app still has it open
    storage.close()
    assert vitals_ids(live, session_id) == everything
    kept = restore(written, live, folder, SystemClock().now())
    restored = vitals_ids(live, session_id)
    assert set(before) <= restored  # every entry confirmed before the backup began
    assert restored == set(nurse.confirmed[:len(restored)])  # a snapshot: no holes
    assert len(during) >= len(restored) - 1  # (one may be committed, not yet counted)
    assert len(restored) < len(everything)  # the later entries are the backup's no more
    assert vitals_ids(kept, session_id) == everything  # the replaced records are kept
    assert kept.parent == folder and kept.name.endswith("-replaced.sqlite")


def test_a_damaged_backup_is_refused_and_the_records_stay(tmp_path):
    live = tmp_path / "clinic.sqlite"
    busy = seeded_clinic(live)
    folder = tmp_path / "backups"
    good = backup_now(live, folder, 14, NOW)
    count = len(vitals_ids(live, busy))
    for kind in ("garbled", "truncated", "empty", "not-a-database", "other-database"):
        spoilt = bad_file(kind, good, folder / f"spoilt-{kind}.sqlite")
        with pytest.raises(ClinicFileProblem, match="not restored|holds no Chairside"):
            restore(spoilt, live, folder, NOW)
        assert len(vitals_ids(live, busy)) == count
    assert backups(folder, "clinic") == [good]  # nothing replaced, nothing kept aside


def test_restore_over_a_damaged_file_keeps_that_file(tmp_path):
    good = tmp_path / "good.sqlite"
    busy = seeded_clinic(good)
    folder = tmp_path / "backups"
    backup = backup_now(good, folder, 14, NOW)
    live = bad_file("truncated", good, tmp_path / "clinic.sqlite")
    spoilt = live.read_bytes()
    kept = restore(backup, live, folder, NOW)
    assert kept.read_bytes() == spoilt
    assert vitals_ids(live, busy) == vitals_ids(good, busy)


def test_the_newest_n_backups_are_kept_in_a_folder_of_their_own(tmp_path):
    live = tmp_path / "clinic.sqlite"
    seeded_clinic(live)
    folder = tmp_path / "backups"
    made = [backup_now(live, folder, 3, NOW + timedelta(days=d)) for d in range(5)]
    assert backups(folder, "clinic") == made[2:]
    assert last_backup(folder, "clinic") == NOW + timedelta(days=4)
    with pytest.raises(BackupFailed, match="folder of their own"):
        backup_now(live, tmp_path, 3, NOW)
    assert not list(tmp_path.glob("clinic-*.sqlite"))


def test_two_backups_in_the_same_second_both_stay(tmp_path):
    live = tmp_path / "clinic.sqlite"
    seeded_clinic(live)
    first = backup_now(live, tmp_path / "b", 14, NOW)
    second = backup_now(live, tmp_path / "b", 14, NOW)
    assert first != second and backups(tmp_path / "b", "clinic") == [first, second]


def test_a_backup_is_a_single_self_contained_file(tmp_path):
    live = tmp_path / "clinic.sqlite"
    seeded_clinic(live)
    written = backup_now(live, tmp_path / "b", 14, NOW)
    # the database (no -wal, -shm or .part) and its checksum (db/backup_checksum.py)
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name,
                                                               written.name + ".sha256"]
    import sqlite3

    conn = sqlite3.connect(f"file:{written}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_the_default_backup_folder_is_in_the_user_data_folder(tmp_path):
    policy = BackupPolicy.from_settings({})
    assert policy.folder == tmp_path / "user-data" / "chairside" / "backups"
    assert policy.keep == 14
    chosen = BackupPolicy.from_settings({"backup_folder": str(tmp_path / "x"),
                                         "backup_keep": "30", "backup_warn_hours": "12"})
    assert (chosen.folder, chosen.keep, chosen.warn_after) == (tmp_path / "x", 30,
                                                               timedelta(hours=12))
    assert BackupPolicy.from_settings({"backup_keep": "lots", "backup_warn_hours": "-1"}) \
        == BackupPolicy(policy.folder)  # a mistyped setting falls back to the defaults


CHILD = Path(__file__).with_name("crash_child.py")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_backup_while_another_process_charts_has_every_entry_confirmed_before_it(
        tmp_path):
    """The nurse on another workstation: a second process charting into the same file,
    killed afterwards (its WAL is then the only copy of its last entries)."""
    live = tmp_path / "clinic" / "chairside.sqlite"
    live.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(CHILD.parents[2])}
    child = subprocess.Popen([sys.executable, str(CHILD), str(live)], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    confirmed: list[dict] = []
    try:
        for line in child.stdout:
            confirmed.append(json.loads(line))
            if len(confirmed) == 20:
                before = [e["id"] for e in confirmed if e["kind"] == "vitals"]
                written = backup_now(live, tmp_path / "backups", 14, SystemClock().now())
            if len(confirmed) == 40:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    session_id = next(e["id"] for e in confirmed if e["kind"] == "session")
    everything = {e["id"] for e in confirmed if e["kind"] == "vitals"}
    assert everything <= vitals_ids(live, session_id)  # nothing lost by the kill either
    restore(written, live, tmp_path / "backups", SystemClock().now())
    restored = vitals_ids(live, session_id)
    assert set(before) <= restored and len(restored) < len(everything)
