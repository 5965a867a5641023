"""Opening the clinic at start-up: check the file, check the schema, back up, upgrade.

One path for the window and the command line, so both refuse the same files with the same
plain words (``ClinicFileProblem``): an empty, truncated, garbled or foreign file is never
turned into an empty clinic, and a new clinic file is made only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from db.backup import BEFORE_UPGRADE, BackupPolicy, backup_now
from db.clinic_file import FileState, check_file, missing, read_only_media
from db.storage import HEAD_REVISION, Storage, cause
from monitor.errors import ClinicFileProblem, StorageUnavailable


@dataclass
class OpenClinic:
    storage: Storage
    path: Path | None  # the SQLite file, None on a server
    policy: BackupPolicy | None  # None: the server's tooling backs up (or nothing to do)


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL; None for a server or an in-memory database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ClinicFileProblem(f"{url!r} is not a database URL (for example "
                                "sqlite:///path/clinic.sqlite or "
                                "postgresql+psycopg://host/chairside).") from None
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser().absolute()


def open_clinic(url: str, *, create: bool = False, read_only: bool = False,
                full_check: bool = False, upgrade: bool = True) -> OpenClinic:
    """The clinic's storage, checked and at the newest schema revision.

    ``create`` allows a new, empty clinic where there is no file. An older schema is
    backed up before it is upgraded. Raises ``ClinicFileProblem`` with a plain message.
    """
    path = sqlite_file(url)
    if path is None:
        return OpenClinic(_open_server(url, upgrade), None, None)
    if not path.exists():
        if not create or not path.parent.is_dir() and not _may_make_folder(path):
            raise missing(path, create)
        path.parent.mkdir(parents=True, exist_ok=True)
        return _fresh(url, path)
    state = check_file(path, full_check)
    read_only = read_only or read_only_media(path)
    if state.revision is None:
        return _no_schema_yet(url, path, state, create, read_only)
    refuse_unknown_revision(f"The records file {path}", state.revision)
    storage = Storage(url, read_only=read_only)
    policy = None if read_only else BackupPolicy.from_settings(state.settings)
    if state.revision != HEAD_REVISION and upgrade:
        if read_only:
            storage.close()
            raise ClinicFileProblem(
                f"The records file {path} is read-only and was written by an older "
                "Chairside; copy it to a writable folder to open it here.")
        assert policy is not None  # not read-only here
        backup_now(path, policy.folder, policy.keep, datetime.now(timezone.utc),
                   BEFORE_UPGRADE)
        _upgrade(storage, str(path))
    return OpenClinic(storage, path, policy)


def _upgrade(storage: Storage, where: str) -> None:
    """The schema upgrade at start-up; a refusal is said as such (no "Not saved")."""
    try:
        storage.upgrade()
    except StorageUnavailable as refused:
        storage.close()
        why = cause(refused.__cause__) if isinstance(refused.__cause__, DBAPIError) else ""
        raise ClinicFileProblem(
            f"The records {where} cannot be opened now ({why or refused}). Try again in "
            "a moment; if it keeps happening, call your administrator.") from None


def _may_make_folder(path: Path) -> bool:
    """Only the default location gets its folders made (the first start)."""
    from db.storage import default_url

    return sqlite_file(default_url()) == path


def _fresh(url: str, path: Path) -> OpenClinic:
    storage = Storage(url)
    _upgrade(storage, str(path))
    return OpenClinic(storage, path, BackupPolicy.from_settings({}))


def _no_schema_yet(url: str, path: Path, state: FileState, create: bool,
                   read_only: bool) -> OpenClinic:
    if state.has_tables:
        raise ClinicFileProblem(f"The file {path} is a database, but not Chairside's "
                                "records. Check the database path.")
    if not create or read_only:
        raise ClinicFileProblem(
            f"The file {path} is an empty database: it holds no clinic yet. Check the "
            "database path; to start a new clinic in it, confirm it in Chairside or add "
            "--create.")
    return _fresh(url, path)


def refuse_unknown_revision(what: str, revision: str) -> None:
    if revision == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from db.migrate import MIGRATIONS

    scripts = ScriptDirectory(str(MIGRATIONS))
    try:
        if scripts.get_revision(revision) is not None:
            return
    except CommandError:
        pass
    raise ClinicFileProblem(
        f"{what} was written by a newer Chairside (schema revision "
        f"{revision}; this one knows up to {HEAD_REVISION}). Open it with that version.")


def _open_server(url: str, upgrade: bool) -> Storage:
    """A database server: reachable, and at a revision this Chairside knows."""
    if make_url(url).get_backend_name() != "postgresql":
        raise ClinicFileProblem(f"Chairside cannot use the database {_hidden(url)}: it "
                                "works with SQLite and PostgreSQL.")
    try:
        storage = Storage(url)
    except ArgumentError as error:  # an unknown driver (mysql://...) or a bad URL
        raise ClinicFileProblem(f"Chairside cannot use the database {_hidden(url)}: "
                                f"{_first_line(error)}. It works with SQLite and "
                                "PostgreSQL.") from None
    except ImportError as error:
        raise ClinicFileProblem(f"The database driver for {_hidden(url)} is not installed "
                                f"({error.name}).") from None
    try:
        revision = storage.revision()
        if revision is not None:
            refuse_unknown_revision(f"The database {storage.describe()}", revision)
        if upgrade:
            _upgrade(storage, storage.describe())
    except DBAPIError as error:
        storage.close()
        raise ClinicFileProblem(f"The database {storage.describe()} cannot be reached: "
                                f"{_first_line(error.orig)}. Check the server and the "
                                "URL.") from None
    except ClinicFileProblem:
        storage.close()
        raise
    return storage


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _hidden(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
