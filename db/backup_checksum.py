"""A backup's own checksum: a SHA-256 sidecar written when the backup is made, checked
before it is restored.

SQLite's integrity check finds a broken page, not a changed value: a flipped bit in a
stored number or name passes it. The sidecar (``<backup>.sha256``, in ``sha256sum``'s
format, so it can also be checked by hand: ``sha256sum -c``) says whether the file is
still, byte for byte, what Chairside wrote and checked.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from monitor.errors import ClinicFileProblem

SUFFIX = ".sha256"
_CHUNK = 1 << 20


class NoChecksum(ClinicFileProblem):
    """The backup has no checksum file: it may be restored only when asked explicitly."""


def sidecar(backup: Path) -> Path:
    return backup.with_name(backup.name + SUFFIX)


def digest(path: Path) -> str:
    """The SHA-256 of a backup file (never the live records: see ``db.clinic_file``)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def write_checksum(copy: Path, named: Path) -> None:
    """Writes the checksum of ``copy`` (a finished, checked copy) for the backup that
    will be called ``named``; written in full before the backup gets that name."""
    final = sidecar(named)
    part = final.with_name(final.name + ".part")
    part.write_text(f"{digest(copy)}  {named.name}\n", encoding="ascii")
    part.replace(final)


def check_checksum(backup: Path) -> None:
    """Refuses a backup whose bytes are not those its checksum was written for, and one
    without a checksum (``NoChecksum``)."""
    side = sidecar(backup)
    try:
        stored = side.read_text(encoding="ascii").split()[0].lower()
    except FileNotFoundError:
        raise NoChecksum(
            f"Not restored: the backup {backup} has no checksum file ({side.name}), so "
            "Chairside cannot tell whether it has changed since it was made. Choose a "
            "backup Chairside made, or, if you are sure of this file, restore it with "
            "--unverified.") from None
    except (OSError, UnicodeError, IndexError):
        stored = ""
    if stored != digest(backup):
        raise ClinicFileProblem(
            f"Not restored: the backup {backup} has changed since it was made (its "
            f"contents no longer match its checksum {side.name}). It was not restored: "
            "choose another backup.")


def remove_checksum(backup: Path) -> None:
    sidecar(backup).unlink(missing_ok=True)
