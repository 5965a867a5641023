"""What each role may do: the one table every service checks (not only greyed buttons)."""

from __future__ import annotations

from enum import Enum

from monitor.accounts.actor import Actor
from monitor.accounts.roles import Role
from monitor.errors import ChairsideError


class Action(Enum):
    REGISTER_PATIENT = "register a patient"
    RUN_SESSION = "chart a session"  # open, phases, vitals, scales, medications, alarms
    VIEW_RECORD = "view a patient's record"
    SIGN = "sign a session"
    ADD_ADDENDUM = "write an addendum"
    START_COURSE = "start a course"
    EXPORT = "export records"
    MANAGE_USERS = "manage users"
    MANAGE_PROTOCOLS = "change protocols"
    MANAGE_SETTINGS = "change clinic settings"
    BACKUP = "back up or restore the records"
    VIEW_AUDIT = "view the audit trail"


_N, _P, _A = Role.NURSE, Role.PSYCHIATRIST, Role.ADMIN

# Issue 10 §1: nurses register patients and run sessions; psychiatrists sign, write
# addenda, start courses and export; admins manage users, protocols, settings and backups.
# A psychiatrist may also chart (they are often at the chair). Everyone reads records:
# the board in the window lists the open sessions whoever is signed in (an admin-only user
# included), and the lock screen hides names from everyone.
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.REGISTER_PATIENT: frozenset({_N, _P}),
    Action.RUN_SESSION: frozenset({_N, _P}),
    Action.VIEW_RECORD: frozenset({_N, _P, _A}),
    Action.SIGN: frozenset({_P}),
    Action.ADD_ADDENDUM: frozenset({_P}),
    Action.START_COURSE: frozenset({_P}),
    Action.EXPORT: frozenset({_P}),
    Action.MANAGE_USERS: frozenset({_A}),
    Action.MANAGE_PROTOCOLS: frozenset({_A}),
    Action.MANAGE_SETTINGS: frozenset({_A}),
    Action.BACKUP: frozenset({_A}),
    Action.VIEW_AUDIT: frozenset({_A}),
}


class PermissionRefused(ChairsideError):
    """An action the signed-in user's roles do not allow; nothing was stored.

    Attributes:
        action: what was refused.
        needed: the roles any one of which would allow it.
    """

    def __init__(self, action: Action, needed: frozenset[Role], who: Actor | None) -> None:
        names = " or ".join(sorted(r.label.lower() for r in needed))
        if who is None:
            whom = ", and nobody is signed in"
        else:
            held = " and ".join(_a(r.label.lower()) for r in sorted(
                who.roles, key=lambda r: r.value)) or "no role"
            whom = f"; {who.printed_name} is signed in as {held}"
        super().__init__(f"Only {_a(names)} can {action.value}{whom}. Nothing was stored.")
        self.action = action
        self.needed = needed


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def allowed(actor: Actor, action: Action) -> bool:
    return bool(actor.roles & PERMISSIONS[action])


def require(actor: Actor | None, action: Action) -> None:
    """Refuses, naming the role needed, unless the actor holds one that allows it."""
    if actor is None:
        raise PermissionRefused(action, PERMISSIONS[action], None)
    if not allowed(actor, action):
        raise PermissionRefused(action, PERMISSIONS[action], actor)
