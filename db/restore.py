"""Restoring a backup in place of a SQLite clinic's records.

The backup is checked first; the live records are replaced through SQLite's backup API
while this process alone holds them (never under a running Chairside), and the replaced
records are kept next to the backup.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from db.backup import REPLACED, free_name
from db.backup_checksum import NoChecksum, check_checksum, write_checksum
from db.clinic_file import check_file, connect, integrity
from monitor.errors import ChairsideError, ClinicFileProblem, NoClinicFile


class ClinicInUse(ChairsideError):
    """Chairside (here or on another workstation) has the database open."""


class RestoreFailed(ChairsideError):
    """The restored records did not pass SQLite's check; the replaced ones are kept."""


def verify_backup(path: Path, unverified: bool = False) -> str:
    """The backup's schema revision, if it is an intact Chairside database whose bytes
    match the checksum written with it (without a checksum only when ``unverified``)."""
    state = check_file(path, full=True, hint="It was not restored: choose another backup.")
    if state.revision is None:
        raise ClinicFileProblem(f"Not restored: the file {path} holds no Chairside records. "
                                "Choose another backup.")
    try:
        check_checksum(path)
    except NoChecksum:
        if not unverified:
            raise
    return state.revision


def restore(backup: Path, live: Path, folder: Path, now: datetime,
            unverified: bool = False) -> Path | None:
    """Puts ``backup`` in place of ``live``; returns where the replaced records were kept.

    Refused while any program has the live database open, and for a backup that changed
    since it was made (its checksum); one without a checksum only when ``unverified``.
    The replaced file is kept in ``folder`` next to the backups, with its checksum.
    """
    if backup.resolve() == live.resolve():
        raise ClinicFileProblem(f"Not restored: {backup} is the records file itself; choose "
                                "a backup.")
    verify_backup(backup, unverified)
    if not live.parent.is_dir():
        raise NoClinicFile(f"Not restored: the folder {live.parent} does not exist.")
    if not live.exists():
        copy_into(backup, live)
        return None
    try:
        check_file(live)
    except ClinicFileProblem:
        return _replace_damaged(backup, live, folder, now)
    return _replace_healthy(backup, live, folder, now)


def take_exclusive(live: Path) -> sqlite3.Connection:
    """A connection that alone holds the database, or ``ClinicInUse``.

    Leaving WAL mode needs every other connection closed (each WAL reader keeps a shared
    lock), so it tells whether Chairside has the file open anywhere; the exclusive
    locking mode then keeps everyone out until this connection closes.
    """
    conn = connect(live, timeout=0.5)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
        return conn
    except sqlite3.OperationalError:
        conn.close()
        raise ClinicInUse(f"Not restored: the records {live} are open in Chairside (here or "
                          "on another workstation). Close Chairside everywhere, then "
                          "restore.") from None


def _replace_healthy(backup: Path, live: Path, folder: Path, now: datetime) -> Path:
    conn = take_exclusive(live)
    try:
        kept = free_name(folder, live.stem, now, REPLACED)
        folder.mkdir(parents=True, exist_ok=True)
        target = connect(kept)
        try:
            conn.backup(target)
        finally:
            target.close()
        write_checksum(kept, kept)  # so the replaced records can be restored in turn
        source = connect(backup, read_only=True)
        try:
            source.backup(conn)
        finally:
            source.close()
        if integrity(conn, full=True):
            raise RestoreFailed(f"The restore did not pass SQLite's check; the replaced "
                               f"records are kept in {kept}.")
        return kept
    finally:
        conn.close()


def _replace_damaged(backup: Path, live: Path, folder: Path, now: datetime) -> Path:
    """A file SQLite cannot use is moved aside as it is (nothing can have it open)."""
    kept = free_name(folder, live.stem, now, REPLACED)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.move(live, kept)
    for extra in ("-wal", "-shm"):
        side = Path(f"{live}{extra}")
        if side.exists():
            shutil.move(side, Path(f"{kept}{extra}"))
    copy_into(backup, live)
    return kept


def copy_into(backup: Path, live: Path) -> None:
    source = connect(backup, read_only=True)
    target = connect(live)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
