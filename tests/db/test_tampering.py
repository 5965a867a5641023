"""The database edited behind the app's back, on a real SQLite file and on PostgreSQL:
each change is named by ``chairside audit verify`` (exit 3) and shown by the app's
signature status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

import main
from tests.conftest import PSYCHIATRIST_PASSWORD
from tests.monitor.test_review import a_completed_session

ROOT = Path(__file__).resolve().parents[2]


def url_of(storage) -> str:
    return storage.url.render_as_string(hide_password=False)


def run_verify(storage, capsys) -> tuple[int, str]:
    code = main.main(["audit", "verify", "--database", url_of(storage)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def allow_audit_edits(conn, dialect: str) -> None:
    """What a determined intruder with the database owner's rights does first."""
    if dialect == "postgresql":
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete"))
    else:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))


@pytest.fixture
def signed(service, clock, signing, staff):
    """A signed session, among a few audit entries; returns its id."""
    sid = a_completed_session(service, clock)
    signing.sign(staff["psychiatrist"], sid, PSYCHIATRIST_PASSWORD)
    return sid


def test_an_intact_database_verifies(storage, signed, capsys):
    code, out = run_verify(storage, capsys)
    assert code == 0, out
    assert "Audit trail intact" in out and "Signatures checked: 1, 0 altered." in out


TAMPERING = {
    "vitals value edited": ("UPDATE vitals_set SET sbp = 128 WHERE sbp = 184", "vitals"),
    "alarm deleted": ("DELETE FROM alarm", "alarms"),
    "unsigned by SQL": ("UPDATE infusion_session SET signed_at = NULL, signed_by = ''",
                        "The signature was removed"),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_a_signed_session_changed_in_the_database_is_named(storage, service, signing, signed,
                                                           capsys, kind):
    statement, words = TAMPERING[kind]
    with storage.engine.begin() as conn:
        conn.execute(text(statement))
    code, out = run_verify(storage, capsys)
    assert code == 3
    assert f"Session {signed} ALTERED AFTER SIGNING" in out and words in out
    assert "Audit trail intact" in out  # the trail itself was not touched
    assert signing.status(service.load(signed)).is_altered  # and the app shows it


def test_unsigned_with_its_signature_row_deleted_too_is_named(storage, signed, capsys):
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE infusion_session SET signed_at = NULL, signed_by = ''"))
        conn.execute(text("DELETE FROM session_signature"))
    code, out = run_verify(storage, capsys)
    assert code == 3
    assert f"Session {signed} ALTERED AFTER SIGNING: its signature (audit entry" in out


def test_a_deleted_audit_entry_is_named(storage, signed, capsys):
    with storage.engine.begin() as conn:
        allow_audit_edits(conn, storage.engine.dialect.name)
        conn.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    code, out = run_verify(storage, capsys)
    assert code == 3
    assert "AUDIT TRAIL BROKEN at audit entry 3: missing" in out


def test_an_edited_audit_entry_is_named(storage, signed, capsys):
    with storage.engine.begin() as conn:
        allow_audit_edits(conn, storage.engine.dialect.name)
        conn.execute(text("UPDATE audit_log SET username = 'someone' WHERE seq = 2"))
    code, out = run_verify(storage, capsys)
    assert code == 3
    assert "AUDIT TRAIL BROKEN at audit entry 2: its content was changed" in out


def test_an_entry_edited_with_its_hash_recomputed_breaks_the_next_link(storage, signed,
                                                                       capsys):
    import dataclasses

    from db import audit_log

    with storage.transaction() as s:
        second = [e for e in audit_log.entries(s) if e.seq == 2][0]
    forged = dataclasses.replace(second, username="someone")
    with storage.engine.begin() as conn:
        allow_audit_edits(conn, storage.engine.dialect.name)
        conn.execute(text("UPDATE audit_log SET username = 'someone', hash = :h "
                          "WHERE seq = 2"), {"h": forged.expected_hash()})
    code, out = run_verify(storage, capsys)
    assert code == 3
    assert "AUDIT TRAIL BROKEN at audit entry 3: does not follow the entry before it" in out


@pytest.mark.slow
def test_the_command_line_exits_3_and_names_the_session(sqlite_storage, tmp_path):
    """The real ``chairside audit verify`` as a child process, on a SQLite file."""
    from db.accounts_repo import AccountsRepository
    from db.repository import ClinicRepository
    from db.signature_repo import SignatureRepository
    from monitor.accounts.account_service import AccountService
    from monitor.accounts.roles import Role
    from monitor.accounts.signing import SigningService
    from monitor.accounts.users import NewUser
    from monitor.clock import FixedClock
    from monitor.service import SessionService
    from tests.conftest import ADMIN_PASSWORD, ADMIN_PIN, FAST_HASHER

    clock = FixedClock(__import__("datetime").datetime(2026, 11, 24, 14, 0,
                                                      tzinfo=__import__("datetime").timezone.utc))
    service = SessionService(ClinicRepository(sqlite_storage), clock)
    accounts = AccountService(AccountsRepository(sqlite_storage, FAST_HASHER), clock)
    accounts.create_first_admin(NewUser("pat", "Pat Everyone", "MD", frozenset(Role)),
                                ADMIN_PASSWORD, ADMIN_PIN)
    pat = accounts.sign_in("pat", ADMIN_PASSWORD)
    sid = a_completed_session(service, clock)
    SigningService(service, SignatureRepository(sqlite_storage), accounts, clock).sign(
        pat, sid, ADMIN_PASSWORD)
    command = [sys.executable, str(ROOT / "main.py"), "audit", "verify", "--database",
               url_of(sqlite_storage)]
    intact = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert intact.returncode == 0, intact.stderr
    with sqlite_storage.engine.begin() as conn:
        conn.execute(text("UPDATE vitals_set SET sbp = 128 WHERE sbp = 184"))
    broken = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert broken.returncode == 3
    assert f"Session {sid} ALTERED AFTER SIGNING: Changed: vitals." in broken.stdout


@pytest.mark.parametrize("window", [1000, 3])
def test_the_start_up_check_of_the_newest_entries(storage, signed, window):
    from db.verify import tail_break
    from ui.accounts.start import trail_warning

    assert tail_break(storage, window) is None and trail_warning(None) == ""
    with storage.engine.begin() as conn:
        newest = conn.execute(text("SELECT max(seq) FROM audit_log")).scalar()
        allow_audit_edits(conn, storage.engine.dialect.name)
        conn.execute(text("UPDATE audit_log SET detail = 'x' WHERE seq = :s"),
                     {"s": newest - 1})
    broken = tail_break(storage, window)
    assert broken is not None and broken.seq == newest - 1
    assert f"audit entry {newest - 1}" in trail_warning(broken)
    with storage.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": newest - 3})
    assert tail_break(storage, window).seq <= newest - 1
