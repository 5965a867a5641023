"""Staff accounts: stored with argon2id hashes; every change audited in its transaction.

The rules (who may, lockout, password policy) are ``monitor.accounts.account_service``'s;
this only stores and checks hashes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy import func, select, update

from db import audit_log
from db.models import CredentialRow, UserRow
from db.passwords import DEFAULT_HASHER, hash_secret, secret_matches
from db.storage import Storage
from monitor.accounts.actor import Actor
from monitor.accounts.credentials import same_hash
from monitor.accounts.lockout import SignInState
from monitor.accounts.roles import Role, roles_from_text, roles_to_text
from monitor.accounts.users import NewUser, User
from monitor.audit.entry import AuditEvent
from monitor.errors import ChairsideError, InvalidEntry, NotFound


class AccountsRepository:
    def __init__(self, storage: Storage, hasher: PasswordHasher = DEFAULT_HASHER) -> None:
        self.storage = storage
        self.hasher = hasher

    def user_count(self) -> int:
        with self.storage.transaction() as s:
            return s.scalar(select(func.count()).select_from(UserRow)) or 0

    def add_user(self, by: Actor, user: NewUser, password: str, pin: str,
                 at: datetime) -> User:
        row = UserRow(username=user.username, printed_name=user.printed_name,
                      credentials=user.credentials, roles=roles_to_text(user.roles),
                      password_hash=hash_secret(password, self.hasher),
                      pin_hash=hash_secret(pin, self.hasher), active=True, failures=0,
                      created_at=at)
        with self.storage.transaction() as s:
            if s.scalar(select(UserRow.id).where(UserRow.username == user.username)):
                raise InvalidEntry(f"There is already a user called {user.username}.",
                                   "username")
            s.add(row)
            s.flush()
            audit_log.append(s, by, at, AuditEvent("create user", "app_user", str(row.id),
                                                   after=audit_log.snapshot(row)))
            return _user(row)

    def users(self) -> list[User]:
        with self.storage.transaction() as s:
            return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.username))]

    def get_user(self, user_id: int) -> User:
        with self.storage.transaction() as s:
            return _user(_row(s, user_id))

    def user_named(self, username: str) -> User | None:
        with self.storage.transaction() as s:
            row = s.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
            return None if row is None else _user(row)

    def secret_matches(self, user_id: int, kind: str, secret: str) -> bool:
        """Whether ``secret`` is the user's password (``kind="password"``) or PIN."""
        with self.storage.transaction() as s:
            row = _row(s, user_id)
            stored = row.password_hash if kind == "password" else row.pin_hash
        return secret_matches(stored, secret, self.hasher)

    def record_sign_in(self, user_id: int, state: SignInState, as_actor: Actor,
                       at: datetime, action: str, detail: str = "") -> None:
        """Stores the lockout state after a try and audits it (login, failed login,
        unlock), in one transaction."""
        with self.storage.transaction() as s:
            row = _row(s, user_id)
            before = _lock_fields(row)
            row.failures = state.failures
            row.last_failure_at = state.last_failure_at
            row.locked_until = state.locked_until
            audit_log.append(s, as_actor, at, AuditEvent(
                action, "app_user", str(user_id), before, _lock_fields(row), detail))

    def claim_try(self, user_id: int, decide: Callable[[SignInState], tuple[
            SignInState, ChairsideError | None]]) -> tuple[SignInState, SignInState]:
        """Stores ``decide``'s new state for the user in one transaction that holds the
        user's row from before it is read (a no-op UPDATE first: SQLite's write lock,
        PostgreSQL's row lock), so that tries at once from several workstations are
        counted one after another; raises the refusal ``decide`` returned, after storing.
        Returns (before, after)."""
        with self.storage.transaction() as s:
            s.execute(update(UserRow).where(UserRow.id == user_id)
                      .values(failures=UserRow.failures)
                      .execution_options(synchronize_session=False))
            row = _row(s, user_id)
            before = SignInState(row.failures, row.last_failure_at, row.locked_until)
            after, refused = decide(before)
            row.failures = after.failures
            row.last_failure_at = after.last_failure_at
            row.locked_until = after.locked_until
        if refused is not None:
            raise refused
        return before, after

    def record(self, actor: Actor, at: datetime, event: AuditEvent) -> None:
        """An audit entry for something that changes no row (a refused sign-in, a lock,
        an export)."""
        with self.storage.transaction() as s:
            audit_log.append(s, actor, at, event)

    def set_secrets(self, by: Actor, user_id: int, password: str | None, pin: str | None,
                    at: datetime) -> None:
        with self.storage.transaction() as s:
            row = _row(s, user_id)
            if password is not None:
                row.password_hash = hash_secret(password, self.hasher)
            if pin is not None:
                row.pin_hash = hash_secret(pin, self.hasher)
            what = " and ".join(w for w, v in (("password", password), ("PIN", pin)) if v)
            audit_log.append(s, by, at, AuditEvent("reset secret", "app_user", str(user_id),
                                                   detail=f"{what} set"))


    def set_roles(self, by: Actor, user_id: int, roles: frozenset[Role],
                  at: datetime) -> None:
        self._change(by, user_id, at, "change roles", roles=roles_to_text(roles))

    def set_active(self, by: Actor, user_id: int, active: bool, at: datetime) -> None:
        self._change(by, user_id, at, "reactivate user" if active else "deactivate user",
                     active=active)

    def _change(self, by: Actor, user_id: int, at: datetime, action: str, **values) -> None:
        with self.storage.transaction() as s:
            row = _row(s, user_id)
            before = {k: getattr(row, k) for k in values}
            for key, value in values.items():
                setattr(row, key, value)
            audit_log.append(s, by, at, AuditEvent(action, "app_user", str(user_id),
                                                   before, dict(values)))

    def add_credential(self, by: Actor, user_id: int, token_hash: str, at: datetime,
                       expires_at: datetime | None = None) -> int:
        with self.storage.transaction() as s:
            _row(s, user_id)
            row = CredentialRow(user_id=user_id, token_hash=token_hash, issued_at=at,
                                issued_by=by.user_id, expires_at=expires_at)
            s.add(row)
            s.flush()
            audit_log.append(s, by, at, AuditEvent(
                "issue credential", "cli_credential", str(row.id),
                after={"user_id": user_id, "expires_at": expires_at},
                detail="for the command line"))
            return row.id

    def credential_user(self, credential_id: int, secret: str
                        ) -> tuple[User, datetime | None] | None:
        """The credential's user and when it expires, if the secret is its own and it is
        not revoked."""
        with self.storage.transaction() as s:
            row = s.get(CredentialRow, credential_id)
            if row is None or row.revoked_at is not None \
                    or not same_hash(row.token_hash, secret):
                return None
            return _user(_row(s, row.user_id)), row.expires_at

    def revoke_credential(self, by: Actor, credential_id: int, at: datetime) -> None:
        with self.storage.transaction() as s:
            row = s.get(CredentialRow, credential_id)
            if row is None:
                raise NotFound(f"No credential #{credential_id}.")
            row.revoked_at = at
            audit_log.append(s, by, at, AuditEvent("revoke credential", "cli_credential",
                                                   str(credential_id)))


def _row(s, user_id: int) -> UserRow:
    row = s.get(UserRow, user_id)
    if row is None:
        raise NotFound(f"No user with id {user_id}.")
    return row


def _lock_fields(row: UserRow) -> dict:
    return {"failures": row.failures, "last_failure_at": row.last_failure_at,
            "locked_until": row.locked_until}


def _user(r: UserRow) -> User:
    return User(r.username, r.printed_name, r.credentials, roles_from_text(r.roles), id=r.id,
                active=r.active, sign_in=SignInState(r.failures, r.last_failure_at,
                                                     r.locked_until),
                created_at=r.created_at)
