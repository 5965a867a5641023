"""Accounts at start-up (called by ``main.run``, which builds them): the first
administrator on a new database, then the sign-in; and, once the window exists,
signatures and the lock."""

from __future__ import annotations

import sys

from monitor.accounts.account_service import AccountService
from monitor.accounts.actor import Actor
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.roles import Role
from monitor.accounts.signing import SigningService
from monitor.accounts.users import NewUser
from monitor.audit.chain import ChainBreak
from monitor.audit.trail_service import AuditTrailService
from monitor.board import chair_statuses
from monitor.clock import Clock
from ui.accounts.first_admin_dialog import FirstAdminDialog
from ui.accounts.locker import Locker
from ui.accounts.sign_in_dialog import SignInDialog

# The throw-away demo clinic only (``--demo`` without ``--database``): a known account,
# printed at start, so that the demo opens without setting one up.
DEMO_USER = NewUser("demo", "Demo Clinician", "MD", frozenset(Role))
DEMO_PASSWORD, DEMO_PIN = "infusion practice only", "2468"


def sign_in_at_start(accounts: AccountService, throwaway_demo: bool = False) -> Actor | None:
    """The signed-in user, or None when the user closed the dialogs (the app then quits)."""
    note, username = "", DEMO_USER.username if throwaway_demo else ""
    if accounts.needs_first_admin():
        if throwaway_demo:
            accounts.create_first_admin(DEMO_USER, DEMO_PASSWORD, DEMO_PIN)
            note = f"Demo clinic: user {DEMO_USER.username}, password {DEMO_PASSWORD!r}."
            print(note, file=sys.stderr)
        else:
            first = FirstAdminDialog(accounts)
            if first.exec() != FirstAdminDialog.DialogCode.Accepted or first.user is None:
                return None
            # the new administrator signs in as anyone does (audited), their name given
            username = first.user.username
            note = f"{first.user.printed_name} is the clinic's first administrator. " \
                   "Sign in with the password just chosen."
    dialog = SignInDialog(accounts, note=note, username=username)
    if dialog.exec() != SignInDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def attach(window, signing: SigningService, accounts: AccountService, user: CurrentUser,
           clock: Clock, audit_trail: AuditTrailService | None = None) -> Locker:
    """Real signatures in the review, exports checked and audited, the admin's users and
    audit trail, and the lock."""
    window.signing = signing
    window.current_user = user
    window.accounts = accounts
    window.audit_trail = audit_trail

    def statuses():
        return chair_statuses(window.clinic.open_records(), window._chairs, clock.now(),
                              *window.monitor_feeds())

    return Locker(window, accounts, user, clock, statuses)


def trail_warning(broken: ChainBreak | None, users: list[str] | None = None) -> str:
    """What the start-up says when the newest audit entries do not hold together, or when
    accounts (roles, names) were changed outside Chairside (``db.verify.altered_users``)."""
    found = ([f"The audit trail is broken at {broken}."] if broken is not None else []) \
        + [f"{line}." for line in users or []]
    if not found:
        return ""
    return (" ".join(found) + " Records may have been changed outside Chairside. Tell your "
            "administrator; `chairside audit verify` names every change it can find.")
