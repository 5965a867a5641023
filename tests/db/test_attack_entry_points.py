"""An attack pass on the ways in (issue 10 §1): every attribute of the guarded service,
every command of the command line as the wrong user, and the refusals' words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main
from db.cli_user import write_credential
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.guard import (
    PLAIN_ATTRIBUTES,
    GuardedService,
    SignatureRequired,
    UnguardedAction,
)
from monitor.accounts.permissions import Action, PermissionRefused, require
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from tests.conftest import ADMIN_PASSWORD, FAST_HASHER
from tests.db.test_tampering import url_of

ROOT = Path(__file__).resolve().parents[2]
REFUSED = (PermissionRefused, UnguardedAction, SignatureRequired)


def public_names(obj) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def test_every_public_attribute_of_the_service_is_guarded(service):
    """Introspected, not a hand list: with nobody signed in, each attribute is refused,
    or is one of the plain values a screen reads, or is itself guarded."""
    guarded = GuardedService(service, CurrentUser())
    for name in public_names(service):
        if name in PLAIN_ATTRIBUTES:
            continue
        try:
            value = getattr(guarded, name)
        except REFUSED:
            continue
        if name in ("review", "care", "courses", "settings"):  # guarded collaborators
            for inner in public_names(getattr(service, name)):
                try:
                    attr = getattr(value, inner)
                except REFUSED:
                    continue
                if inner in PLAIN_ATTRIBUTES:
                    continue
                assert callable(attr), f"{name}.{inner} passes through unguarded"
                with pytest.raises(REFUSED):
                    attr()
            continue
        assert callable(value), f"{name} passes through unguarded"
        with pytest.raises(REFUSED):  # the guard's own methods check before using args
            value(*((service.clock,) if name == "with_clock" else ()))


def test_private_attributes_of_the_service_are_not_handed_out(service):
    guarded = GuardedService(service, CurrentUser())
    for name in ("_repo", "_sessions", "_review"):
        with pytest.raises(AttributeError):
            getattr(guarded, name)
    with pytest.raises(AttributeError):
        _ = guarded.settings._store  # noqa: SLF001


def test_refusals_read_plainly_and_name_the_role(staff):
    with pytest.raises(PermissionRefused) as nobody:
        require(None, Action.SIGN)
    assert str(nobody.value) == ("Only a psychiatrist can sign a session, and nobody is "
                                 "signed in. Nothing was stored.")
    with pytest.raises(PermissionRefused) as nurse:
        require(staff["nurse"], Action.EXPORT)
    assert str(nurse.value) == ("Only a psychiatrist can export records; Kim Rivera is "
                                "signed in as a nurse. Nothing was stored.")


# --- the command line as the wrong user ---------------------------------------------------


@pytest.fixture
def clinic(sqlite_storage, clock, tmp_path):
    """A SQLite clinic with an admin (pat), a nurse (kim) with a credential file, a
    revoked credential, and a session to export."""
    from db.accounts_repo import AccountsRepository
    from monitor.accounts.account_service import AccountService
    from tests.monitor.test_review import a_completed_session

    accounts = AccountService(AccountsRepository(sqlite_storage, FAST_HASHER), clock)
    accounts.create_first_admin(NewUser("pat", "Pat Everyone", "MD", frozenset({Role.ADMIN})),
                                ADMIN_PASSWORD, "2580")
    pat = accounts.sign_in("pat", ADMIN_PASSWORD)
    accounts.add_user(pat, NewUser("kim", "Kim Rivera", "RN", frozenset({Role.NURSE})),
                      "four chairs by the window", "7391")
    kim = accounts.store.user_named("kim")
    files = {}
    for name in ("nurse", "revoked"):
        files[name] = tmp_path / f"{name}.credential"
        write_credential(files[name], accounts.issue_credential(pat, kim.id))
    accounts.revoke_credential(pat, 2)
    files["admin"] = tmp_path / "admin.credential"
    write_credential(files["admin"], accounts.issue_credential(pat, 1))
    files["malformed"] = tmp_path / "malformed.credential"
    files["malformed"].write_text("chairside-credential-1:1:short\n")
    files["huge"] = tmp_path / "huge.credential"
    files["huge"].write_text(f"chairside-credential-1:{10 ** 30}:{'x' * 43}\n")
    files["binary"] = tmp_path / "binary.credential"
    files["binary"].write_bytes(b"\xff\xfe\x00garbage")
    sid = a_completed_session(__import__("monitor.service", fromlist=["x"]).SessionService(
        __import__("db.repository", fromlist=["x"]).ClinicRepository(sqlite_storage), clock),
        clock)
    return {"url": url_of(sqlite_storage), "files": files, "sid": sid, "tmp": tmp_path}


def run(capsys, *argv) -> tuple[int, str]:
    code = main.main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


COMMANDS = {
    "export-pdf": ("export-pdf", "--session", "{sid}", "-o", "{tmp}/x.pdf"),
    "export-csv": ("export-csv", "--session", "{sid}", "-o", "{tmp}/x.csv"),
    "backup": ("backup", "--to", "{tmp}/backups"),
    "credential issue": ("credential", "issue", "--user", "kim", "-o", "{tmp}/new.cred"),
    "credential revoke": ("credential", "revoke", "--id", "1"),
}
NEEDED = {"export-pdf": "psychiatrist", "export-csv": "psychiatrist", "backup": "administrator",
          "credential issue": "administrator", "credential revoke": "administrator"}


def argv_for(clinic, command: str, credential: str) -> list[str]:
    words = [w.format(**clinic) for w in COMMANDS[command]]
    return ["--database", clinic["url"], *words, "--credential",
            str(clinic["files"][credential])]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_nurses_credential_is_refused_naming_the_role(clinic, capsys, command):
    code, out = run(capsys, *argv_for(clinic, command, "nurse"))
    assert code == 1, out
    assert f"Only an {NEEDED[command]}" in out or f"Only a {NEEDED[command]}" in out
    assert "Traceback" not in out and len(out.strip().splitlines()) <= 2


@pytest.mark.parametrize("credential", ["revoked", "malformed", "huge", "binary"])
@pytest.mark.parametrize("command", ["export-pdf", "backup", "credential revoke"])
def test_a_bad_credential_is_refused_in_one_line(clinic, capsys, command, credential):
    code, out = run(capsys, *argv_for(clinic, command, credential))
    assert code == 1, out
    assert out.startswith("chairside: ") and "unexpected" not in out, out
    assert len(out.strip().splitlines()) == 1


def test_the_admins_credential_does_what_it_may(clinic, capsys):
    code, out = run(capsys, *argv_for(clinic, "credential revoke", "admin"))
    assert code == 0, out


@pytest.mark.slow
@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_no_credential_and_no_terminal_refuses_at_once(clinic, stdin):
    """CI has no stdin: the run refuses plainly, never waits for a user name."""
    command = [sys.executable, str(ROOT / "main.py"), "--database", clinic["url"],
               "export-csv", "--session", str(clinic["sid"]), "-o",
               str(clinic["tmp"] / "y.csv")]
    env = {k: v for k, v in __import__("os").environ.items() if k != "CHAIRSIDE_CREDENTIAL"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env,
                          stdin=subprocess.DEVNULL if stdin == "devnull" else None,
                          close_fds=True, preexec_fn=(None if stdin == "devnull"
                                                      else lambda: __import__("os").close(0)))
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("chairside: ") and "--credential" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_locked_users_credential_is_refused(clinic, sqlite_storage, capsys):
    """Five wrong passwords lock the account for the command line too (the run's clock
    is the real one: the lock is set from now)."""
    from db.accounts_repo import AccountsRepository
    from monitor.accounts.account_service import AccountService, SignInRefused
    from monitor.clock import SystemClock

    accounts = AccountService(AccountsRepository(sqlite_storage, FAST_HASHER), SystemClock(),
                              lockout=__import__("monitor.accounts.lockout",
                                                 fromlist=["x"]).LockoutPolicy(slow_after=9))
    for _ in range(5):
        with pytest.raises(SignInRefused):
            accounts.sign_in("kim", "not the password at all")
    code, out = run(capsys, *argv_for(clinic, "export-csv", "nurse"))
    assert code == 1 and "locked" in out and "Traceback" not in out, out


def test_a_credential_expires(storage, accounts, everyone, staff, clock):
    """They never did: a credential copied off a retired script worked for ever."""
    from monitor.accounts.account_service import SignInRefused
    from monitor.errors import InvalidEntry

    kim = accounts.store.user_named("kim")
    token = accounts.issue_credential(everyone, kim.id, days=30)
    assert accounts.sign_in_with_credential(token).username == "kim"
    clock.advance(days=30)
    with pytest.raises(SignInRefused, match="expired on 2026-12-24 14:00 UTC"):
        accounts.sign_in_with_credential(token)
    for days in (0, 367):
        with pytest.raises(InvalidEntry, match="1 to 366 days"):
            accounts.issue_credential(everyone, kim.id, days=days)


def test_the_command_line_issues_credentials_for_a_number_of_days(clinic, capsys):
    code, out = run(capsys, "--database", clinic["url"], "credential", "issue", "--user",
                    "kim", "-o", str(clinic["tmp"] / "kim.cred"), "--days", "7",
                    "--credential", str(clinic["files"]["admin"]))
    assert code == 0 and "it works for 7 days" in out, out
