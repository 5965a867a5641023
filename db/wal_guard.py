"""Notices when this process's SQLite connection has been cut off from the file on disk.

SQLite's locks are POSIX advisory locks, and POSIX drops every lock a process holds on a
file the moment that process closes *any* descriptor of it ("How To Corrupt An SQLite
Database File", §2.2). If anything in our process opens and closes the database (a file
dialog sniffing the folder, a stray ``open()``), the next program that uses the database
believes it is the last user, checkpoints and deletes the ``-wal`` and ``-shm`` files. Our
connection keeps writing into the deleted WAL: commits that no other process sees and that
a kill loses.

The guard remembers which WAL file (device and inode) each connection opened. On every
checkout from the pool and before every commit it compares that with the WAL on disk:

* at checkout, a cut-off connection is thrown away and a fresh one opened (the pool's
  ``DisconnectionError`` retry) — nothing had been written through it yet;
* before a commit, a cut-off connection refuses to commit: the transaction is rolled back
  and the caller gets ``DatabaseDetached`` (the entry stays on screen; saving again works
  on a fresh connection).

A connection cut off holds nothing that is not already in the database file: the other
program checkpointed the WAL completely before it deleted it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

from monitor.errors import StorageUnavailable

log = logging.getLogger(__name__)

WAL_KEY = "chairside_wal_file"
CHANGES_KEY = "chairside_changes_at_checkout"  # sqlite3's total_changes then


class DatabaseDetached(StorageUnavailable):
    """The connection no longer writes to the database file on disk."""


DETACHED_MESSAGE = (
    "Not saved: another program reset this workstation's link to the database file. "
    "Nothing was lost; what you entered is still on screen. The link has been reopened: "
    "save again. If this keeps happening, call your administrator.")


def wal_identity(database: Path) -> tuple[int, int] | None:
    """(device, inode) of the database's WAL file, or None when there is none.

    ``os.stat`` does not open the file, so it cannot cost us our locks.
    """
    try:
        st = os.stat(f"{database}-wal")
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


class WalGuard:
    """Installed once per SQLite engine by ``db.storage.Storage``."""

    def __init__(self, engine: Engine, database: Path) -> None:
        self.database = database
        self.reconnects = 0  # connections found cut off and replaced (for the log and tests)
        self.late_detachments = 0  # commits that went into a WAL deleted meanwhile
        event.listen(engine, "connect", self._remember)
        event.listen(engine, "checkout", self._check_out)
        event.listen(engine, "commit", self._before_commit)

    def _remember(self, dbapi_connection, record) -> None:
        # Reading the schema makes SQLite open (or create) the WAL and the shared memory.
        dbapi_connection.execute("PRAGMA schema_version").fetchone()
        record.info[WAL_KEY] = wal_identity(self.database)

    def is_cut_off(self, info: dict) -> bool:
        expected = info.get(WAL_KEY)
        return expected is not None and wal_identity(self.database) != expected

    def _check_out(self, dbapi_connection, record, _proxy) -> None:
        try:
            record.info[CHANGES_KEY] = dbapi_connection.total_changes
        except sqlite3.ProgrammingError:  # closed after a late detachment (``watch``)
            raise DisconnectionError("the connection was closed when it was cut off") from None
        if self.is_cut_off(record.info):
            self.reconnects += 1
            log.warning("database %s: the WAL file was replaced by another program; "
                        "reopening the connection", self.database)
            raise DisconnectionError("the connection's WAL file is no longer on disk")

    def watch(self, session) -> Callable[[], None]:
        """Called inside a transaction just before its commit; returns the check to run
        just after it. Between the check before COMMIT and COMMIT itself another program
        may still delete the WAL: then the commit went into a deleted file. The connection
        is closed at once (it must not serve again; SQLite may write that commit into the
        file as it closes, or may not), and the entry is reported not saved: it stays on
        screen, and saving it again stores it (at worst twice, never not at all)."""
        fairy = session.connection().connection
        info, dbapi_connection = fairy.info, fairy.dbapi_connection

        def after_commit() -> None:
            wrote = dbapi_connection.total_changes != info.get(CHANGES_KEY)
            if not wrote or not self.is_cut_off(info):
                return
            self.late_detachments += 1
            log.error("database %s: a commit went into a WAL file deleted meanwhile; "
                      "the entry is reported not saved", self.database)
            dbapi_connection.close()  # the pool replaces it at the next checkout
            raise DatabaseDetached(DETACHED_MESSAGE)

        return after_commit

    def _before_commit(self, connection) -> None:
        if self.is_cut_off(connection.connection.info):
            self.reconnects += 1
            log.error("database %s: refusing a commit into a WAL file that was deleted",
                      self.database)
            connection.invalidate()
            raise DatabaseDetached(DETACHED_MESSAGE)
