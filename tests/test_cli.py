"""The command line: ``chairside export-pdf`` and ``export-csv`` run as child processes on
a seeded SQLite file, write their file without a window, and fail in one plain line."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.demo import seed_demo
from monitor.service import SessionService
from tests.credentials import credential_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "main.py"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> tuple[str, int]:
    """A database file with the demo clinic; returns its URL and chair 2's session id."""
    path = tmp_path_factory.mktemp("cli") / "clinic.sqlite"
    storage = Storage(sqlite_url(path))
    storage.upgrade()
    repo = ClinicRepository(storage)
    clock = FixedClock(datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc))
    busy = seed_demo(SessionService(repo, clock), clock.now())
    storage.close()
    CREDENTIAL["file"] = credential_for(path)  # the exports run as its user
    return sqlite_url(path), busy


CREDENTIAL: dict[str, Path] = {}


def chairside(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs the command line as a script would: no terminal (stdin closed), as the user
    of the seeded clinic's credential unless ``env`` says otherwise."""
    # the caller's own database and credential settings never leak into a test
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("CHAIRSIDE_DATABASE_URL", "CHAIRSIDE_CREDENTIAL")}
    if "file" in CREDENTIAL:
        environment["CHAIRSIDE_CREDENTIAL"] = str(CREDENTIAL["file"])
    environment.update({"QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=120, stdin=subprocess.DEVNULL)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_export_pdf_of_a_session(seeded_db, tmp_path):
    url, session_id = seeded_db
    out = tmp_path / "session.pdf"
    done = chairside("export-pdf", "--session", str(session_id), "-o", str(out),
                     "--database", url)
    assert done.returncode == 0, done.stderr
    pages = len(PdfReader(out).pages)
    assert done.stdout.strip() == f"Wrote {out} ({pages} pages)"
    assert "James O'Connor" in pdf_text(out)


def test_export_pdf_of_a_course_by_mrn_with_the_database_before_the_command(seeded_db,
                                                                            tmp_path):
    url, _ = seeded_db
    out = tmp_path / "course.pdf"
    done = chairside("--database", url, "export-pdf", "--patient", "CH-1001", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "Treatment course — Maria Alvarez" in text and "Session 6 of 6" in text


def test_the_database_comes_from_the_environment_too(seeded_db, tmp_path):
    url, session_id = seeded_db
    out = tmp_path / "env.pdf"
    done = chairside("export-pdf", "--session", str(session_id), "-o", str(out),
                     env={"CHAIRSIDE_DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    assert "James O'Connor" in pdf_text(out)


def test_an_unknown_mrn_exits_2_with_one_plain_line(seeded_db, tmp_path):
    url, _ = seeded_db
    out = tmp_path / "none.pdf"
    done = chairside("export-pdf", "--patient", "CH-9999", "-o", str(out), "--database", url)
    assert done.returncode == 2
    assert done.stderr.strip() == "chairside: No patient with MRN 'CH-9999'."
    assert not out.exists()


def test_an_unknown_session_exits_2(seeded_db, tmp_path):
    url, _ = seeded_db
    done = chairside("export-csv", "--session", "9999", "-o", str(tmp_path / "x.csv"),
                     "--database", url)
    assert done.returncode == 2
    assert done.stderr.strip() == "chairside: No session with id 9999."


def test_a_folder_that_is_not_there_exits_1(seeded_db, tmp_path):
    url, session_id = seeded_db
    out = tmp_path / "missing" / "x.pdf"
    done = chairside("export-pdf", "--session", str(session_id), "-o", str(out),
                     "--database", url)
    assert done.returncode == 1
    assert done.stderr.startswith("chairside: Cannot write") and done.stderr.count("\n") == 1


def test_export_csv_writes_the_expected_columns(seeded_db, tmp_path):
    url, session_id = seeded_db
    out = tmp_path / "session.csv"
    done = chairside("export-csv", "--session", str(session_id), "-o", str(out),
                     "--database", url)
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["time_utc", "time_local", "kind", "detail", "sbp", "dbp", "hr", "spo2",
                       "rr", "temp_c", "flags"]
    assert done.stdout.strip() == f"Wrote {out} ({len(rows) - 1} rows)"
    vitals = [r for r in rows[1:] if r[2] == "vitals"]
    assert vitals[-1][4:9] == ["182", "104", "96", "96", "16"]


def test_help_lists_the_commands():
    done = chairside("--help")
    assert done.returncode == 0
    assert "export-pdf" in done.stdout and "export-csv" in done.stdout
    assert "without one, the app opens" in done.stdout
