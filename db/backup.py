"""Backups of a SQLite clinic (restoring one: ``db.restore``).

Copies go through SQLite's online backup API (never ordinary file calls on the live file,
see ``db.clinic_file``), so a backup taken while nurses chart is a consistent snapshot of
what was committed when it started. Each copy is checked (``integrity_check``) before it
gets its final name, so a file named like a backup is a good one, and gets a SHA-256
checksum beside it (``db.backup_checksum``), checked before it is restored.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from db.backup_checksum import remove_checksum, write_checksum
from db.clinic_file import connect, integrity, read_only_media
from monitor.errors import ChairsideError

# Chairside defaults, not clinical numbers: a clinic sets its own (clinic settings
# backup_folder, backup_keep, backup_warn_hours).
DEFAULT_KEEP = 14
DEFAULT_WARN_HOURS = 48.0
DAILY = timedelta(days=1)
STAMP = "%Y%m%dT%H%M%SZ"

ORDINARY, BEFORE_UPGRADE, REPLACED = "", "before-upgrade", "replaced"


class BackupFailed(ChairsideError):
    """A backup could not be written or did not pass its check; the last good one stays."""


def default_backup_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("chairside", appauthor=False) / "backups"


@dataclass(frozen=True)
class BackupPolicy:
    folder: Path
    keep: int = DEFAULT_KEEP
    warn_after: timedelta = timedelta(hours=DEFAULT_WARN_HOURS)

    @classmethod
    def from_settings(cls, settings: dict[str, str]) -> BackupPolicy:
        """The clinic's settings, falling back to Chairside's defaults."""
        folder = (settings.get("backup_folder") or "").strip()
        keep = _number(settings.get("backup_keep"), int, DEFAULT_KEEP)
        hours = _number(settings.get("backup_warn_hours"), float, DEFAULT_WARN_HOURS)
        return cls(Path(folder).expanduser() if folder else default_backup_folder(),
                   keep, timedelta(hours=hours))


def _number(text: str | None, kind, default):
    """A setting typed by hand: anything that is not a positive number is the default."""
    try:
        value = kind(text)
    except (TypeError, ValueError, OverflowError):
        return default
    return value if 0 < value < 1e9 else default


def backup_now(live: Path, folder: Path, keep: int, now: datetime,
               kind: str = ORDINARY) -> Path:
    """Writes a checked copy of ``live`` into ``folder``, then keeps the newest ``keep``."""
    if folder.resolve() == live.resolve().parent:
        raise BackupFailed(f"Backups are not kept in the records' own folder ({folder}): "
                           "choose a folder of their own.")
    final = free_name(folder, live.stem, now, kind)
    part = final.with_name(final.name + ".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part.unlink(missing_ok=True)
        _copy(live, part)
        write_checksum(part, final)  # the checked copy's bytes, before it is named
        part.replace(final)
    except (sqlite3.Error, OSError) as error:
        part.unlink(missing_ok=True)
        remove_checksum(final)
        raise BackupFailed(f"No backup was written to {folder}: {error}. The last good "
                           "backup is kept.") from None
    prune(folder, live.stem, keep)
    return final


def _copy(live: Path, part: Path) -> None:
    # only read; read-write where it may, as a read-only connection leaves a -wal behind
    source = connect(live, read_only=read_only_media(live))
    copy = connect(part)
    try:
        source.backup(copy)  # all pages in one step: one consistent snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        problems = integrity(copy, full=True)
        if problems:
            raise sqlite3.DatabaseError(f"the copy failed SQLite's check ({problems[0]}); "
                                        "the records file may be damaged: run chairside "
                                        "check --full")
    finally:
        copy.close()
        source.close()


def free_name(folder: Path, stem: str, now: datetime, kind: str) -> Path:
    stamp = now.astimezone(timezone.utc).strftime(STAMP)
    suffix = f"-{kind}" if kind else ""
    name, n = folder / f"{stem}-{stamp}{suffix}.sqlite", 1
    while name.exists() or name.with_name(name.name + ".part").exists():
        n += 1
        name = folder / f"{stem}-{stamp}-{n}{suffix}.sqlite"
    return name


def _pattern(stem: str) -> re.Pattern:
    return re.compile(rf"{re.escape(stem)}-(\d{{8}}T\d{{6}}Z)(?:-(\d+))?"
                      rf"(?:-({BEFORE_UPGRADE}|{REPLACED}))?\.sqlite")


def backups(folder: Path, stem: str, kinds=(ORDINARY, BEFORE_UPGRADE)) -> list[Path]:
    """The clinic's checked backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    pattern = _pattern(stem)
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and (match.group(3) or "") in kinds:
            found.append((match.group(1), int(match.group(2) or 1), path))
    return [path for _stamp, _n, path in sorted(found)]


def last_backup(folder: Path, stem: str) -> datetime | None:
    """When the newest good backup was made (from its name), or None."""
    found = backups(folder, stem)
    if not found:
        return None
    match = _pattern(stem).fullmatch(found[-1].name)
    assert match is not None  # backups() only lists names that match
    stamp = match.group(1)
    return datetime.strptime(stamp, STAMP).replace(tzinfo=timezone.utc)


def prune(folder: Path, stem: str, keep: int) -> None:
    """Deletes all but the newest ``keep`` backups (a replaced file is never deleted)."""
    for old in backups(folder, stem)[:-max(keep, 1)]:
        old.unlink(missing_ok=True)
        remove_checksum(old)


class ClinicBackups:
    """One SQLite clinic's backups under its policy (``monitor.ports.Backups``)."""

    def __init__(self, live: Path, policy: BackupPolicy) -> None:
        self.live, self.policy = live, policy
        self.warn_after = policy.warn_after

    def last(self) -> datetime | None:
        return last_backup(self.policy.folder, self.live.stem)

    def due(self, now: datetime) -> bool:
        last = self.last()
        return last is None or now - last >= DAILY

    def back_up(self, now: datetime) -> Path:
        return backup_now(self.live, self.policy.folder, self.policy.keep, now)

    def describe(self) -> str:
        return (f"Backups of {self.live} are kept in {self.policy.folder} "
                f"(the newest {self.policy.keep}).")
