"""A command-line credential for a test's clinic file (issue 10: the CLI runs as a
Chairside user): an all-roles user made when the clinic has none, and a credential
issued for it, written next to the file (as an admin would with `chairside credential
issue`)."""

from __future__ import annotations

from pathlib import Path

from db.accounts_repo import AccountsRepository
from db.cli_user import write_credential
from db.storage import Storage, sqlite_url
from monitor.accounts.account_service import AccountService
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from monitor.clock import SystemClock
from tests.conftest import FAST_HASHER

CI_PASSWORD = "the pump beeps at night"


def credential_for(clinic: Path, roles: frozenset[Role] = frozenset(Role),
                   username: str = "ci") -> Path:
    """``<clinic>.<username>.credential``, issued once per clinic file and user."""
    out = clinic.with_name(f"{clinic.name}.{username}.credential")
    if out.exists():
        return out
    storage = Storage(sqlite_url(clinic))
    try:
        accounts = AccountService(AccountsRepository(storage, FAST_HASHER), SystemClock(),
                                  "ci-host", "ci")
        if accounts.needs_first_admin():
            accounts.create_first_admin(NewUser("ci", "CI Runner", "", frozenset(Role)),
                                        CI_PASSWORD, "1470")
        admin = accounts.sign_in("ci", CI_PASSWORD)
        user = accounts.store.user_named(username)
        if user is None:
            accounts.add_user(admin, NewUser(username, username.title(), "", roles),
                              CI_PASSWORD, "1470")
            user = accounts.store.user_named(username)
        assert user is not None
        write_credential(out, accounts.issue_credential(admin, user.id))
    finally:
        storage.close()
    return out
