"""Database failures, told apart by the database's own error code, never by the words
of its message (which change with the version and the language).

SQLite: the primary result code (the low byte of ``sqlite_errorcode``, Python ≥ 3.11).
PostgreSQL: the SQLSTATE (``sqlstate`` on psycopg's errors), by class or exact code.
As in qutebrowser's ``raise_sqlite_error``, failures of the surroundings (locked, full,
unreadable, unreachable) are told to the user; anything else is a bug.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy.exc import DBAPIError


class Failure(Enum):
    """What went wrong, and whether it is the surroundings (``unavailable``) or the
    entry itself (refused by a constraint or a type: the caller handles or it is a bug)."""

    LOCKED = "the database is locked by another program"
    FULL = "the disk is full"
    DISK = "the disk could not be read or written"
    DAMAGED = "the database file is damaged or is not a Chairside database"
    READ_ONLY = "the database file is read-only"
    CANNOT_OPEN = "the database file cannot be opened"
    UNREACHABLE = "the database server cannot be reached"
    CONFLICT = "another workstation changed the same record at the same moment"
    RESOURCES = "the database server is out of resources (disk, memory or connections)"
    REFUSED_LOGIN = "the database server refused the login"
    OTHER = "the database reported a problem"
    INTEGRITY = "the entry conflicts with one already stored"
    DATA = "a value does not fit the database"

    @property
    def unavailable(self) -> bool:
        return self not in (Failure.INTEGRITY, Failure.DATA)


# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE = {
    3: Failure.READ_ONLY,  # SQLITE_PERM
    5: Failure.LOCKED,  # SQLITE_BUSY
    6: Failure.LOCKED,  # SQLITE_LOCKED
    8: Failure.READ_ONLY,  # SQLITE_READONLY
    10: Failure.DISK,  # SQLITE_IOERR
    11: Failure.DAMAGED,  # SQLITE_CORRUPT
    13: Failure.FULL,  # SQLITE_FULL
    14: Failure.CANNOT_OPEN,  # SQLITE_CANTOPEN
    15: Failure.LOCKED,  # SQLITE_PROTOCOL (a locking race between processes)
    18: Failure.DATA,  # SQLITE_TOOBIG
    19: Failure.INTEGRITY,  # SQLITE_CONSTRAINT
    20: Failure.DATA,  # SQLITE_MISMATCH
    26: Failure.DAMAGED,  # SQLITE_NOTADB
}

# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html):
# exact codes first, then the two-character class.
SQLSTATE = {
    "40001": Failure.CONFLICT,  # serialization_failure
    "40P01": Failure.CONFLICT,  # deadlock_detected
    "53100": Failure.FULL,  # disk_full
    "25006": Failure.READ_ONLY,  # read_only_sql_transaction (a standby server)
    "55P03": Failure.LOCKED,  # lock_not_available
    "57P01": Failure.UNREACHABLE,  # admin_shutdown
    "57P02": Failure.UNREACHABLE,  # crash_shutdown
    "57P03": Failure.UNREACHABLE,  # cannot_connect_now (starting up)
    "3D000": Failure.CANNOT_OPEN,  # invalid_catalog_name (no such database)
    "58030": Failure.DISK,  # io_error
    "XX001": Failure.DAMAGED,  # data_corrupted
    "XX002": Failure.DAMAGED,  # index_corrupted
}
SQLSTATE_CLASS = {
    "08": Failure.UNREACHABLE,  # connection exception
    "53": Failure.RESOURCES,  # insufficient resources
    "28": Failure.REFUSED_LOGIN,  # invalid authorization
    "23": Failure.INTEGRITY,  # integrity constraint violation
    "22": Failure.DATA,  # data exception
}


def classify(error: DBAPIError) -> Failure | None:
    """The failure behind a driver error, by its code; None when it carries no code
    this table knows."""
    orig = error.orig
    sqlite_code = getattr(orig, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return SQLITE.get(sqlite_code & 0xFF)
    state = getattr(orig, "sqlstate", None)
    if state:
        found = SQLSTATE.get(state) or SQLSTATE_CLASS.get(state[:2])
        if found is not None:
            return found
    if error.connection_invalidated:
        return Failure.UNREACHABLE  # the connection broke before any SQLSTATE came back
    return None


def explain(failure: Failure) -> str:
    """A failure in words a nurse can act on."""
    return (f"Not saved: {failure.value}. Nothing was lost; what you entered is still on "
            "screen. Try again in a moment; if it keeps happening, call your "
            "administrator.")
