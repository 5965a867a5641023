"""A backup carries its own checksum (issue 8 §4, attack pass): a bit flipped in a stored
value passes SQLite's integrity check but not the checksum, so restore refuses it; a
backup without a checksum is restored only when asked explicitly. Real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.backup import backup_now, backups, prune
from db.backup_checksum import NoChecksum, sidecar
from db.clinic_file import check_file
from db.repository import ClinicRepository
from db.restore import restore, verify_backup
from db.storage import Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.errors import ClinicFileProblem
from monitor.service import SessionService
from tests.db.clinic_files import NOW, seeded_clinic

MARK = "Dose checked against order 48213"


@pytest.fixture(autouse=True)
def user_data_here(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))


def clinic_with_a_note(live: Path) -> int:
    busy = seeded_clinic(live)
    storage = Storage(sqlite_url(live))
    SessionService(ClinicRepository(storage), FixedClock(NOW)).add_note(busy, MARK)
    storage.close()
    return busy


def notes(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [t for (t,) in conn.execute("SELECT text FROM session_event WHERE kind='note'")]
    finally:
        conn.close()


def flipped(good: Path, dest: Path) -> Path:
    """The backup with one bit flipped inside a stored note ("48213" → "48212")."""
    data = bytearray(good.read_bytes())
    at = data.index(MARK.encode()) + len(MARK) - 1
    data[at] ^= 0x01
    dest.write_bytes(bytes(data))
    sidecar(good).replace(sidecar(dest))  # the checksum that came with the backup
    return dest


def test_a_backup_is_written_with_its_checksum_and_passes_it(tmp_path):
    live = tmp_path / "clinic.sqlite"
    clinic_with_a_note(live)
    written = backup_now(live, tmp_path / "backups", 14, NOW)
    line = sidecar(written).read_text()
    assert line.endswith(f"  {written.name}\n") and len(line.split()[0]) == 64
    assert verify_backup(written)  # no exception: the checksum matches


def test_a_bit_flipped_in_a_stored_value_is_refused_by_restore(tmp_path):
    live = tmp_path / "clinic.sqlite"
    clinic_with_a_note(live)
    folder = tmp_path / "backups"
    good = backup_now(live, folder, 14, NOW)
    (tmp_path / "elsewhere").mkdir()
    bad = flipped(good, tmp_path / "elsewhere" / good.name)
    assert MARK not in notes(bad) and MARK[:-1] + "2" in notes(bad)  # a value changed
    check_file(bad, full=True)  # and SQLite's own full check does not see it
    with pytest.raises(ClinicFileProblem, match="has changed since it was made"):
        restore(bad, live, folder, NOW)
    with pytest.raises(ClinicFileProblem, match="has changed since it was made"):
        restore(bad, live, folder, NOW, unverified=True)  # a mismatch is never waved on
    assert MARK in notes(live)
    assert backups(folder, "clinic", kinds=("replaced",)) == []  # nothing was replaced


def test_a_backup_without_a_checksum_is_restored_only_when_asked(tmp_path):
    live = tmp_path / "clinic.sqlite"
    clinic_with_a_note(live)
    folder = tmp_path / "backups"
    good = backup_now(live, folder, 14, NOW)
    sidecar(good).unlink()
    with pytest.raises(NoChecksum, match="no checksum file.*--unverified"):
        restore(good, live, folder, NOW)
    kept = restore(good, live, folder, NOW, unverified=True)
    assert kept is not None and MARK in notes(live)
    assert verify_backup(kept)  # the replaced records got a checksum of their own


def test_pruned_backups_take_their_checksums_with_them(tmp_path):
    live = tmp_path / "clinic.sqlite"
    seeded_clinic(live)
    folder = tmp_path / "backups"
    from datetime import timedelta

    made = [backup_now(live, folder, 14, NOW + timedelta(days=d)) for d in range(3)]
    prune(folder, "clinic", 1)
    assert sorted(p.name for p in folder.iterdir()) == [made[-1].name,
                                                       sidecar(made[-1]).name]
