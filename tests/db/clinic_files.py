"""Clinic files for the start-up and backup tests: a real seeded clinic, and damaged,
foreign and read-only variants of it (made with ordinary file calls, which is fine here:
no connection of this process has these copies open)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.demo import seed_demo
from monitor.service import SessionService

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)


def seeded_clinic(path: Path) -> int:
    """The demo clinic in ``path`` (closed afterwards); returns chair 2's session id."""
    storage = Storage(sqlite_url(path))
    storage.upgrade()
    repo = ClinicRepository(storage)
    clock = FixedClock(NOW)
    busy = seed_demo(SessionService(repo, clock), clock.now())
    storage.close()
    return busy


def bad_file(kind: str, good: Path, dest: Path) -> Path:
    """A copy of ``good`` spoilt the way ``kind`` says."""
    data = good.read_bytes()
    if kind == "empty":
        dest.write_bytes(b"")
    elif kind == "truncated":
        dest.write_bytes(data[: len(data) // 2])
    elif kind == "garbled":  # the header intact, the pages noise
        noise = random.Random(8)
        dest.write_bytes(data[:8192] + bytes(noise.randrange(256)
                                             for _ in range(len(data) - 8192)))
    elif kind == "not-a-database":
        dest.write_text("Patient list, exported from the spreadsheet\n" * 100)
    elif kind == "other-database":
        import sqlite3

        other = sqlite3.connect(dest)
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.commit()
        other.close()
    else:
        raise ValueError(kind)
    return dest


BAD_KINDS = ["empty", "truncated", "garbled", "not-a-database", "other-database"]


def make_read_only(folder: Path, request) -> None:
    """Makes ``folder`` and its files unwritable, as on a locked USB stick or a CD
    (``chattr +i`` for root, who ignores permissions); skips where that is impossible."""
    paths = [*folder.iterdir(), folder]
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)

        def undo() -> None:
            subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
            for p in paths:
                p.chmod(0o755 if p.is_dir() else 0o644)

        request.addfinalizer(undo)
    else:
        request.addfinalizer(lambda: [p.chmod(0o755) for p in paths])
    if os.access(folder, os.W_OK):
        pytest.skip("cannot make a read-only folder here")
