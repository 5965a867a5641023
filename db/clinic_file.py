"""A SQLite clinic file, looked at only through SQLite.

The live database is never opened with ordinary file calls: closing any descriptor on it
drops the process's POSIX locks, and a second program then deletes the WAL under the app
(issue 8, section 1; SQLite's "How To Corrupt", 2.2). ``os.stat`` and ``os.access`` do
not open the file, so the size and the permissions are read that way; everything else
(is it a database? is it intact? which schema?) is asked of SQLite.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from monitor.errors import ClinicFileProblem, NoClinicFile

BUSY_SECONDS = 3

RESTORE_HINT = ("Restore the latest backup (chairside restore BACKUP-FILE), or ask your "
                "administrator.")
NEVER_HELD = (" (A new installation that never held records: delete the empty file to "
              "start afresh.)")
PATH_HINT = ("Check the database path; if it is the right one, restore the latest backup "
             "(chairside restore BACKUP-FILE) or ask your administrator.")


def read_only_media(path: Path) -> bool:
    """True when this process cannot write the file or create its -wal beside it."""
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def connect(path: Path, read_only: bool = False, timeout: float = BUSY_SECONDS,
            **options) -> sqlite3.Connection:
    """A plain sqlite3 connection (autocommit unless ``options`` say otherwise); read-only
    ones never write the file or its folder."""
    options = {"isolation_level": None, "check_same_thread": False, **options}
    if not read_only:
        return sqlite3.connect(path, timeout=timeout, **options)
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout, **options)


def read_only_uri(path: Path) -> str:
    """``mode=ro`` sees committed entries still in the WAL, so it is used whenever a -wal
    is there or the folder is writable. On read-only media without a -wal, ``mode=ro``
    cannot open a WAL database (it needs a -shm) and nothing can be writing, so the file
    is opened ``immutable``."""
    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() or os.access(path.parent, os.W_OK) else "immutable=1"
    return f"file:{quote(str(path))}?{mode}"


@dataclass(frozen=True)
class FileState:
    """What SQLite says of a clinic file that opened and passed its check."""

    revision: str | None  # None: no Chairside schema yet
    has_tables: bool
    settings: dict[str, str]


def check_file(path: Path, full: bool = False, hint: str = RESTORE_HINT) -> FileState:
    """Checks an existing file: a database, intact (``quick_check``, or the full
    ``integrity_check``), and what schema it holds. Raises ``ClinicFileProblem``."""
    if not path.exists():
        raise missing(path)
    if path.stat().st_size == 0:
        raise ClinicFileProblem(
            f"The records file {path} is empty (0 bytes): it holds no clinic, and Chairside "
            f"will not start a new one over it. {hint}{NEVER_HELD if hint == RESTORE_HINT else ''}")
    try:
        # read-write where it may (a read-only connection leaves a -wal and -shm behind)
        conn = connect(path, read_only=read_only_media(path))
    except sqlite3.Error as error:
        raise unreadable(path, error, hint) from None
    try:
        problems = integrity(conn, full)
        if problems:
            raise damaged(path, problems[0], hint)
        return _state(conn)
    except sqlite3.DatabaseError as error:
        raise unreadable(path, error, hint) from None
    finally:
        conn.close()


def integrity(conn: sqlite3.Connection, full: bool = False) -> list[str]:
    """SQLite's own check of every page; an empty list when the file is intact."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    return [] if rows == ["ok"] else rows


def _state(conn: sqlite3.Connection) -> FileState:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    revision = None
    if "alembic_version" in tables:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else None
    settings: dict[str, str] = {}
    if "clinic_setting" in tables:
        settings = dict(conn.execute("SELECT key, value FROM clinic_setting").fetchall())
    return FileState(revision, bool(tables), settings)


def missing(path: Path, create: bool = False) -> NoClinicFile:
    if not path.parent.is_dir():
        # never made for the user: a mistyped path, or a share not mounted, looks the same
        then = (" If a new clinic belongs there, make the folder first, then start "
                "again with --create." if create else "")
        return NoClinicFile(
            f"The folder {path.parent} does not exist, so there is no clinic file "
            f"{path.name} in it. Check the database path.{then}")
    return NoClinicFile(
        f"There is no clinic file at {path}. Check the database path; to start a new, "
        "empty clinic there, confirm it in Chairside or add --create.")


def damaged(path: Path, detail: str, hint: str = RESTORE_HINT) -> ClinicFileProblem:
    return ClinicFileProblem(
        f"The records file {path} is damaged (SQLite's check: {_one_line(detail)}). "
        f"Nothing more was written to it. {hint}")


def unreadable(path: Path, error: Exception, hint: str = RESTORE_HINT) -> ClinicFileProblem:
    detail = _one_line(str(error))
    if "not a database" in detail or "encrypted" in detail:
        return ClinicFileProblem(
            f"The file {path} is not a Chairside database (SQLite: {detail}). "
            f"{PATH_HINT if hint == RESTORE_HINT else hint}")
    if "locked" in detail or "busy" in detail:
        return ClinicFileProblem(
            f"The records file {path} is locked by another program, so it cannot be "
            "checked now. Try again in a moment; if it keeps happening, call your "
            "administrator.")
    if "unable to open" in detail:
        return ClinicFileProblem(
            f"The records file {path} cannot be opened (SQLite: {detail}). Check that the "
            "disk is there and that you may read the file.")
    return damaged(path, detail, hint)


def _one_line(text: str) -> str:
    return " ".join(text.split())
