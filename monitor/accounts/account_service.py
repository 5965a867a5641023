"""Signing in, locking out, and managing staff accounts: the rules, checked before
storage is asked (``db.accounts_repo.AccountsRepository`` in the app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol as Interface

from monitor.accounts.actor import SYSTEM, Actor
from monitor.accounts.credentials import new_secret, parse_token, secret_hash, token_text
from monitor.accounts.lockout import (
    DEFAULT_LOCKOUT,
    LockoutPolicy,
    SignInState,
    after_success,
    check_may_try,
    claim_try,
    lock_fields,
)
from monitor.accounts.permissions import Action, require
from monitor.accounts.roles import Role
from monitor.accounts.secrets_policy import check_password, check_pin
from monitor.accounts.users import NewUser, User, check_new_user
from monitor.audit.entry import AuditEvent
from monitor.clock import Clock
from monitor.errors import ChairsideError, InvalidEntry


class AccountsStore(Interface):
    def user_count(self) -> int: ...
    def add_user(self, by: Actor, user: NewUser, password: str, pin: str,
                 at: datetime) -> User: ...
    def get_user(self, user_id: int) -> User: ...
    def user_named(self, username: str) -> User | None: ...
    def secret_matches(self, user_id: int, kind: str, secret: str) -> bool: ...
    def record_sign_in(self, user_id: int, state: SignInState, as_actor: Actor,
                       at: datetime, action: str, detail: str = "") -> None: ...
    def claim_try(self, user_id: int, decide: Callable[[SignInState], tuple[
            SignInState, ChairsideError | None]]) -> tuple[SignInState, SignInState]: ...
    def record(self, actor: Actor, at: datetime, event: AuditEvent) -> None: ...
    def set_secrets(self, by: Actor, user_id: int, password: str | None, pin: str | None,
                    at: datetime) -> None: ...
    def users(self) -> list[User]: ...
    def set_roles(self, by: Actor, user_id: int, roles: frozenset[Role],
                  at: datetime) -> None: ...
    def set_active(self, by: Actor, user_id: int, active: bool, at: datetime) -> None: ...
    def add_credential(self, by: Actor, user_id: int, token_hash: str, at: datetime,
                       expires_at: datetime | None = None) -> int: ...
    def credential_user(self, credential_id: int, secret: str
                        ) -> tuple[User, datetime | None] | None: ...
    def revoke_credential(self, by: Actor, credential_id: int, at: datetime) -> None: ...


class SignInRefused(ChairsideError):
    """A wrong user name, password or PIN (which one is not said)."""


WRONG = "Wrong user name, password or PIN."

# Chairside defaults (not clinical): how long a command-line credential works, and the most
CREDENTIAL_DAYS, MAX_CREDENTIAL_DAYS = 90, 366


def as_typed(text: str) -> str:
    """A user name as typed at the sign-in, safe to keep in the audit trail and show in
    its view: what cannot be printed (controls, NUL, bidi overrides, broken characters)
    becomes "?", and at most 40 characters (the column's width) are kept."""
    return "".join(ch if ch.isprintable() else "?" for ch in text.strip())[:40]


class AccountService:
    def __init__(self, store: AccountsStore, clock: Clock, workstation: str = "",
                 os_user: str = "", lockout: LockoutPolicy = DEFAULT_LOCKOUT) -> None:
        self.store = store
        self.clock = clock
        self.workstation = workstation
        self.os_user = os_user
        self.lockout = lockout

    # --- first start and administration ------------------------------------------

    def needs_first_admin(self) -> bool:
        return self.store.user_count() == 0

    def create_first_admin(self, user: NewUser, password: str, pin: str) -> User:
        """The first account on a new database (no default password exists)."""
        if not self.needs_first_admin():
            raise InvalidEntry("This database already has users; an administrator adds more.")
        if Role.ADMIN not in user.roles:
            raise InvalidEntry("The first user must be an administrator.", "roles")
        return self._add(self._here(SYSTEM), user, password, pin)

    def add_user(self, by: Actor, user: NewUser, password: str, pin: str) -> User:
        require(by, Action.MANAGE_USERS)
        return self._add(by, user, password, pin)

    def _add(self, by: Actor, user: NewUser, password: str, pin: str) -> User:
        user = check_new_user(user)
        check_password(password, user.username)
        check_pin(pin)
        return self.store.add_user(by, user, password, pin, self.clock.now())

    def unlock(self, by: Actor, user_id: int) -> None:
        require(by, Action.MANAGE_USERS)
        self.store.record_sign_in(user_id, after_success(), by, self.clock.now(), "unlock user")

    def reset_secrets(self, by: Actor, user_id: int, password: str | None = None,
                      pin: str | None = None) -> None:
        require(by, Action.MANAGE_USERS)
        user = self.store.get_user(user_id)
        if password is not None:
            check_password(password, user.username)
        if pin is not None:
            check_pin(pin)
        self.store.set_secrets(by, user_id, password, pin, self.clock.now())

    def users(self, by: Actor) -> list[User]:
        """Every account, active or not (the admin's user list)."""
        require(by, Action.MANAGE_USERS)
        return self.store.users()

    def set_roles(self, by: Actor, user_id: int, roles: frozenset[Role]) -> None:
        require(by, Action.MANAGE_USERS)
        if not roles:
            raise InvalidEntry("Give the user at least one role.", "roles")
        if Role.ADMIN not in roles:
            self._keep_an_admin(user_id, "take the administrator role from")
        self.store.set_roles(by, user_id, frozenset(roles), self.clock.now())

    def set_active(self, by: Actor, user_id: int, active: bool) -> None:
        """Deactivates (no more sign-in; entries and signatures keep the name) or
        reactivates an account."""
        require(by, Action.MANAGE_USERS)
        if not active:
            if user_id == by.user_id:
                raise InvalidEntry("You cannot deactivate your own account.", "active")
            self._keep_an_admin(user_id, "deactivate")
        self.store.set_active(by, user_id, active, self.clock.now())

    def _keep_an_admin(self, user_id: int, what: str) -> None:
        admins = [u for u in self.store.users() if u.active and Role.ADMIN in u.roles]
        if [u.id for u in admins] == [user_id]:
            raise InvalidEntry(f"You cannot {what} the last active administrator: add "
                               "another one first.", "roles")

    def issue_credential(self, by: Actor, user_id: int,
                         days: int = CREDENTIAL_DAYS) -> str:
        """A credential for the command line, as the text of its file: shown once, only
        its hash is stored; it stops working after ``days``."""
        require(by, Action.MANAGE_USERS)
        if not 1 <= days <= MAX_CREDENTIAL_DAYS:
            raise InvalidEntry(f"A credential lasts 1 to {MAX_CREDENTIAL_DAYS} days.", "days")
        user = self.store.get_user(user_id)
        if not user.active:
            raise InvalidEntry(f"{user.username} is deactivated.", "user")
        secret = new_secret()
        now = self.clock.now()
        credential_id = self.store.add_credential(by, user_id, secret_hash(secret), now,
                                                  now + timedelta(days=days))
        return token_text(credential_id, secret)

    def revoke_credential(self, by: Actor, credential_id: int) -> None:
        require(by, Action.MANAGE_USERS)
        self.store.revoke_credential(by, credential_id, self.clock.now())

    # --- signing in ---------------------------------------------------------------

    def sign_in_with_credential(self, token: str) -> Actor:
        """The user an issued credential stands for (a command-line run); refused when
        unknown, revoked, or the user is deactivated or locked."""
        now = self.clock.now()
        credential_id, secret = parse_token(token)
        found = self.store.credential_user(credential_id, secret)
        user, expires = found if found is not None else (None, None)
        if user is None or not user.active:
            self.store.record(self._here(SYSTEM), now, AuditEvent(
                "login failed", "cli_credential", str(credential_id),
                detail="unknown or revoked credential, or a deactivated user"))
            raise SignInRefused("That credential is not valid (revoked, or its user "
                                "deactivated); ask an administrator for a new one.")
        if expires is not None and now >= expires:
            self.store.record(self._here(SYSTEM), now, AuditEvent(
                "login failed", "cli_credential", str(credential_id),
                detail="expired credential"))
            raise SignInRefused(f"That credential expired on {expires:%Y-%m-%d %H:%M} UTC; "
                                "ask an administrator for a new one.")
        who = self._here(user.as_actor())
        try:
            check_may_try(user.sign_in, now, self.lockout)
        except ChairsideError as error:
            self.store.record(who, now, AuditEvent("login refused", "app_user", str(user.id),
                                                   detail=str(error)))
            raise
        self.store.record(who, now, AuditEvent("login", "app_user", str(user.id),
                                               detail=f"by credential #{credential_id}"))
        return who

    def sign_in(self, username: str, secret: str, kind: str = "password") -> Actor:
        """The user as an ``Actor``, after the password (first sign-in of the day) or the
        PIN (switching user at the chair). Wrong tries slow down, then lock."""
        now = self.clock.now()
        shown = as_typed(username)
        # what no user name can be (controls, NUL, too long) is not even looked up
        user = self.store.user_named(username) if shown == username.strip() else None
        if user is None or not user.active:
            self.store.record(self._here(replace(SYSTEM, username=shown)),
                              now, AuditEvent("login failed", detail="unknown user name"))
            raise SignInRefused(WRONG)
        self.check_secret(user, secret, kind, "login")
        return self._here(user.as_actor())

    def confirm_password(self, actor: Actor, password: str) -> None:
        """The password again, before a signature (wrong tries count toward the lock)."""
        self.check_secret(self.store.get_user(actor.user_id), password, "password",
                          "reauthenticate")

    def check_secret(self, user: User, secret: str, kind: str, action: str) -> None:
        """Checks a password or PIN; ``action`` ("login", "reauthenticate") names the
        audit entry, with " failed" or " refused" (locked, too soon) when it is not."""
        now = self.clock.now()
        who = self._here(user.as_actor())
        try:  # counted before it is compared: guesses at once are slowed too
            before, state = self.store.claim_try(
                user.id, lambda stored: claim_try(stored, now, self.lockout))
        except ChairsideError as error:
            self.store.record(who, now, AuditEvent(f"{action} refused", "app_user",
                                                   str(user.id), detail=str(error)))
            raise
        if not self.store.secret_matches(user.id, kind, secret):
            detail = f"wrong {kind}" + (", account locked" if state.locked_until else "")
            self.store.record(who, now, AuditEvent(f"{action} failed", "app_user",
                                                   str(user.id), lock_fields(before),
                                                   lock_fields(state), detail))
            raise SignInRefused(WRONG)
        self.store.record_sign_in(user.id, after_success(), who, now, action, f"by {kind}")

    def record(self, actor: Actor, event: AuditEvent) -> None:
        """Audits something that changes no row: a lock, an unlock, an export."""
        self.store.record(actor, self.clock.now(), event)

    def _here(self, actor: Actor) -> Actor:
        return replace(actor, workstation=self.workstation, os_user=self.os_user)
