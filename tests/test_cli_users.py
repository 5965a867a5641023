"""The command line runs as a Chairside user (issue 10 §1): from a credential an admin
issued, or asked at a terminal; refused plainly without either; its exports and backups
audited with that user and the OS user."""

from __future__ import annotations

import stat

import pytest

from db import audit_log
from db.cli_user import NoUser, Terminal, sign_in
from db.storage import Storage, sqlite_url
from monitor.accounts.account_service import SignInRefused
from monitor.accounts.permissions import Action, PermissionRefused
from monitor.accounts.roles import Role
from tests.credentials import CI_PASSWORD, credential_for
from tests.db.clinic_files import seeded_clinic
from tests.test_cli_maintenance import chairside, one_plain_line

pytestmark = pytest.mark.slow


@pytest.fixture
def clinic(tmp_path):
    path = tmp_path / "clinic" / "chairside.sqlite"
    path.parent.mkdir()
    return path, seeded_clinic(path)


def trail(path) -> list:
    storage = Storage(sqlite_url(path))
    try:
        with storage.transaction() as s:
            return list(audit_log.entries(s))
    finally:
        storage.close()


def test_without_a_credential_and_no_terminal_it_is_refused_plainly(clinic, tmp_path):
    path, busy = clinic
    credential_for(path)  # the clinic has users
    before = len(trail(path))
    out = tmp_path / "s.csv"
    done = chairside("--database", sqlite_url(path), "export-csv", "--session", str(busy),
                     "-o", str(out), home=tmp_path)
    line = one_plain_line(done, 1)
    assert "runs as a Chairside user" in line and "--credential FILE" in line
    assert not out.exists()
    done = chairside("--database", sqlite_url(path), "backup", "--to", str(tmp_path / "b"),
                     home=tmp_path)
    assert "--credential FILE" in one_plain_line(done, 1)
    assert not (tmp_path / "b").exists()
    assert len(trail(path)) == before  # nothing happened, so nothing to audit


def test_an_export_with_a_credential_is_audited_with_the_user_and_the_os_user(clinic,
                                                                             tmp_path):
    path, busy = clinic
    doctor = credential_for(path, frozenset({Role.PSYCHIATRIST}), "dana")
    out = tmp_path / "s.pdf"
    done = chairside("--database", sqlite_url(path), "export-pdf", "--session", str(busy),
                     "-o", str(out), home=tmp_path, credential=doctor)
    assert done.returncode == 0, done.stderr
    login, export = trail(path)[-2:]
    assert (login.event.action, login.username) == ("login", "dana")
    assert login.event.detail.startswith("by credential #")
    assert (export.event.action, export.event.table, export.event.row_id) == (
        "export", "infusion_session", str(busy))
    assert export.username == "dana" and export.os_user and export.workstation
    assert export.event.detail == f"PDF to {out} (command line)"


def test_a_nurse_credential_cannot_export_and_says_who_can(clinic, tmp_path):
    path, busy = clinic
    nurse = credential_for(path, frozenset({Role.NURSE}), "kim")
    out = tmp_path / "s.csv"
    done = chairside("--database", sqlite_url(path), "export-csv", "--session", str(busy),
                     "-o", str(out), home=tmp_path, credential=nurse)
    assert "Only a psychiatrist can export records" in one_plain_line(done, 1)
    assert not out.exists()


def test_an_admin_issues_and_revokes_a_credential_from_the_command_line(clinic, tmp_path):
    path, busy = clinic
    admin = credential_for(path)
    credential_for(path, frozenset({Role.PSYCHIATRIST}), "dana")
    issued = tmp_path / "dana.credential"
    done = chairside("--database", sqlite_url(path), "credential", "issue", "--user", "dana",
                     "--output", str(issued), home=tmp_path, credential=admin)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(issued.stat().st_mode) == 0o600
    number = done.stdout.split("#")[1].split()[0]
    secret = issued.read_text().strip().rsplit(":", 1)[1]
    storage = Storage(sqlite_url(path))
    with storage.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            f"SELECT token_hash FROM cli_credential WHERE id = {int(number)}").scalar()
    storage.close()
    assert secret not in stored and len(stored) == 64  # only a hash is kept
    csv = tmp_path / "s.csv"
    done = chairside("--database", sqlite_url(path), "export-csv", "--session", str(busy),
                     "-o", str(csv), home=tmp_path, credential=issued)
    assert done.returncode == 0, done.stderr
    done = chairside("--database", sqlite_url(path), "credential", "revoke", "--id", number,
                     home=tmp_path, credential=admin)
    assert done.returncode == 0, done.stderr
    done = chairside("--database", sqlite_url(path), "export-csv", "--session", str(busy),
                     "-o", str(csv), home=tmp_path, credential=issued)
    assert "not valid" in one_plain_line(done, 1)
    assert trail(path)[-1].event.action == "login failed"


def test_a_backup_is_audited_as_the_admin(clinic, tmp_path):
    path, _ = clinic
    done = chairside("--database", sqlite_url(path), "backup", "--to", str(tmp_path / "b"),
                     home=tmp_path, credential=credential_for(path))
    assert done.returncode == 0, done.stderr
    last = trail(path)[-1]
    assert (last.event.action, last.username) == ("backup", "ci")
    assert last.event.detail.startswith(f"to {tmp_path / 'b'}")


def test_at_a_terminal_the_user_and_password_are_asked(clinic):
    path, _ = clinic
    credential_for(path)
    storage = Storage(sqlite_url(path))
    asked: list[str] = []

    def terminal(password: str) -> Terminal:
        return Terminal(lambda: True, lambda q: asked.append(q) or "ci",
                        lambda q: asked.append(q) or password)

    try:
        who = sign_in(storage, Action.BACKUP, terminal=terminal(CI_PASSWORD))
        assert who.actor.username == "ci" and asked == ["Chairside user name: ",
                                                        "Password: "]
        with pytest.raises(SignInRefused):
            sign_in(storage, Action.BACKUP, terminal=terminal("not the password"))
        with pytest.raises(NoUser, match="--credential FILE"):
            sign_in(storage, Action.BACKUP, terminal=Terminal(lambda: False))
        with pytest.raises(PermissionRefused):
            kim = credential_for(path, frozenset({Role.NURSE}), "kim")
            sign_in(storage, Action.BACKUP, str(kim))
    finally:
        storage.close()
