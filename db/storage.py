"""The database: engine, transactions, known errors, schema upgrades.

Built once in ``main.py`` and passed down (no module-level engine), as qutebrowser's
``sql.Database`` is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.failures import Failure, classify, explain
from db.wal_guard import WalGuard
from monitor.errors import ReadOnlyRecords, StorageUnavailable

# The newest migration. Start-up compares it with the database's revision without
# loading Alembic (a test keeps it equal to the migrations' head).
HEAD_REVISION = "0016"

# How long a write waits for another program's write lock before it is refused with
# "Not saved: the database is locked…" (the entry stays on screen). Every write runs on
# the UI thread, so this is how long the window freezes: long enough for another
# workstation's commit (milliseconds), short enough not to look hung (it was 3 s a try).
SQLITE_BUSY_SECONDS = 0.5


def default_url() -> str:
    """SQLite in the platform's user data folder, unless CHAIRSIDE_DATABASE_URL says else."""
    env = os.environ.get("CHAIRSIDE_DATABASE_URL")
    if env:
        return env
    from platformdirs import user_data_path

    data = user_data_path("chairside", appauthor=False, ensure_exists=True)
    legacy = data / "chairside.sqlite"  # where versions before 0.2 kept it: never moved
    if legacy.exists():
        return f"sqlite:///{legacy}"
    # a folder of its own, so that nothing else (exports, backups) is ever saved beside it
    folder = data / "database"
    folder.mkdir(exist_ok=True)
    return f"sqlite:///{folder / 'chairside.sqlite'}"


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


class Storage:
    """One database; hands out committed transactions and turns known failures into
    ``StorageUnavailable`` with a plain message."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.wal_guard: WalGuard | None = None
        self.read_only = read_only and self.is_sqlite  # read-only media (SQLite only)
        self.engine = self._make_engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _make_engine(self) -> Engine:
        if not self.is_sqlite:
            return create_engine(self.url, pool_pre_ping=True)
        if self.read_only:
            return _read_only_engine(self.url)
        if self.url.database and self.url.database != ":memory:":
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        if self.url.database and self.url.database != ":memory:":
            self.wal_guard = WalGuard(engine, Path(self.url.database))
        return engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on leaving the block, or rolled back."""
        after_commit = None
        try:
            with self._sessions.begin() as session:
                yield session
                if self.wal_guard is not None:
                    after_commit = self.wal_guard.watch(session)
        except OperationalError as error:
            if self.read_only:
                raise ReadOnlyRecords(READ_ONLY_REFUSAL) from error
            raise unavailable(error) or StorageUnavailable(explain(Failure.OTHER)) from error
        except DBAPIError as error:
            plain = unavailable(error)
            if plain is None:
                raise
            raise plain from error
        if after_commit is not None:
            after_commit()

    def revision(self) -> str | None:
        """The schema revision the database is at, or None when it is empty."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def upgrade(self) -> bool:
        """Brings the schema to the newest revision; True if anything was done."""
        try:
            if self.revision() == HEAD_REVISION:
                return False
            from db.migrate import upgrade_to_head

            upgrade_to_head(self.engine)
            return True
        except DBAPIError as error:
            plain = unavailable(error)
            if plain is None:
                raise
            raise plain from error

    def describe(self) -> str:
        """Where the records are, for the window title and the log (no password)."""
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    def files(self) -> list[Path]:
        """The SQLite file and its companions, which nothing else in this process may open
        (an open and close drops SQLite's locks: ``db.wal_guard``)."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return []
        db = Path(self.url.database).absolute()
        return [db] + [db.with_name(db.name + end) for end in ("-wal", "-shm", "-journal")]

    def close(self) -> None:
        self.engine.dispose()


READ_ONLY_REFUSAL = ("Not saved: these records are open read-only (read-only disk or "
                     "file), so no entry can be made here. Nothing was stored; what you "
                     "entered is still on screen. Records can still be read and exported.")


def _read_only_engine(url) -> Engine:
    """Reads a clinic on read-only media without ever writing to it or its folder."""
    import sqlite3

    from db.clinic_file import BUSY_SECONDS, read_only_uri

    uri = read_only_uri(Path(url.database))
    engine = create_engine(url, creator=lambda: sqlite3.connect(
        uri, uri=True, timeout=BUSY_SECONDS, check_same_thread=False))
    event.listen(engine, "connect", _read_only_pragmas)
    return engine


def _read_only_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the nurse's writes
    cursor.execute("PRAGMA synchronous=FULL")  # a commit survives power loss
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # SQLite's own lower() folds only ASCII; ILIKE (name search) is lower() LIKE lower(),
    # so without this "álvarez" would not find "Álvarez" (PostgreSQL finds it).
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def unavailable(error: DBAPIError) -> StorageUnavailable | None:
    """The plain error to show for a failure of the surroundings (locked, full,
    unreachable...), classified by its code; None for an entry the database refused
    (a constraint, a value), which the caller handles or which is a bug."""
    failure = classify(error)
    if failure is None and isinstance(error, OperationalError):
        failure = Failure.OTHER  # an operational failure without a code we know
    if failure is None or not failure.unavailable:
        return None
    return StorageUnavailable(explain(failure))


def cause(error: DBAPIError) -> str:
    """Why the database refused, in a few plain words (classified by code)."""
    return (classify(error) or Failure.OTHER).value
