"""Who a command-line run acts as (issue 10 §1): the CLI's exports, backups and restores
are audited like the window's, with a Chairside user and the OS user.

The user comes from ``--credential FILE`` (or $CHAIRSIDE_CREDENTIAL): a credential an
admin issued (``chairside credential issue``); else, at a terminal, the user name and
password are asked for (the password with getpass, never echoed). Without either the run
is refused plainly: a script cannot act as anybody.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import inspect

from db.accounts_repo import AccountsRepository
from db.storage import Storage
from db.workstation import os_user, workstation_name
from monitor.accounts.account_service import AccountService
from monitor.accounts.actor import Actor
from monitor.accounts.permissions import Action, require
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from monitor.audit.entry import AuditEvent
from monitor.clock import SystemClock
from monitor.errors import ChairsideError

CREDENTIAL_VARIABLE = "CHAIRSIDE_CREDENTIAL"
# the throw-away demo clinic of ``--demo`` without ``--database`` only (as the app's)
DEMO_USER = NewUser("demo", "Demo Clinician", "MD", frozenset(Role))
DEMO_PASSWORD, DEMO_PIN = "infusion practice only", "2468"


class NoUser(ChairsideError):
    """A command that reads or writes records, run with no way to say who runs it."""


@dataclass
class Terminal:
    """How the run asks at a terminal (replaced in tests)."""

    # no stdin at all (closed, as some CI runners start a job) is no terminal either
    is_tty: Callable[[], bool] = lambda: sys.stdin is not None and sys.stdin.isatty()
    ask: Callable[[str], str] = input
    ask_secret: Callable[[str], str] = getpass.getpass


@dataclass
class CliUser:
    actor: Actor
    accounts: AccountService

    def record(self, action: str, table: str = "", row_id: str = "",
               detail: str = "") -> None:
        """Audits what the run did, as its user, from this computer and OS user."""
        self.accounts.record(self.actor, AuditEvent(action, table, row_id,
                                                    detail=f"{detail} (command line)"))


def has_accounts(storage: Storage) -> bool:
    """Whether the records carry accounts at all (schema 0007 and later)."""
    return inspect(storage.engine).has_table("app_user")


def sign_in(storage: Storage, action: Action, credential: str | None = None,
            terminal: Terminal | None = None, throwaway_demo: bool = False) -> CliUser:
    """The Chairside user this run acts as, allowed to ``action``; else NoUser or
    PermissionRefused (one plain line)."""
    accounts = AccountService(AccountsRepository(storage), SystemClock(),
                              workstation_name(), os_user())
    terminal = terminal or Terminal()
    credential = credential or os.environ.get(CREDENTIAL_VARIABLE) or None
    if accounts.needs_first_admin():
        if not throwaway_demo:
            raise NoUser("This clinic has no users yet: start Chairside once to create its "
                         "first administrator.")
        accounts.create_first_admin(DEMO_USER, DEMO_PASSWORD, DEMO_PIN)
        actor = accounts.sign_in(DEMO_USER.username, DEMO_PASSWORD)
    elif credential:
        actor = accounts.sign_in_with_credential(_read(Path(credential).expanduser()))
    elif terminal.is_tty():
        username = terminal.ask("Chairside user name: ")
        actor = accounts.sign_in(username, terminal.ask_secret("Password: "))
    else:
        raise NoUser("This command reads or writes records, so it runs as a Chairside "
                     "user: run it at a terminal to be asked, or give --credential FILE "
                     "(an admin issues one: chairside credential issue --user NAME "
                     "--output FILE).")
    require(actor, action)
    return CliUser(replace(actor, os_user=accounts.os_user), accounts)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NoUser(f"The credential file {path} cannot be read ({error}).") from None


def write_credential(path: Path, token: str) -> None:
    """Writes a credential file readable by its owner only (it acts as its user)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(token + "\n")
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT
