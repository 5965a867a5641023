"""Repeated wrong passwords or PINs: first slowed down, then the account locked for a time
(an admin can unlock it earlier). The numbers are Chairside defaults, not clinical."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.errors import ChairsideError


@dataclass(frozen=True)
class LockoutPolicy:
    slow_after: int = 3  # Chairside default: failures before each try waits
    first_delay_seconds: float = 2.0  # Chairside default: doubled with each further failure
    max_delay_seconds: float = 30.0  # Chairside default
    lock_after: int = 5  # Chairside default: failures in a row that lock the account
    lock_minutes: int = 15  # Chairside default

    def delay_after(self, failures: int) -> float:
        """Seconds the next try must wait after ``failures`` failures in a row."""
        if failures < self.slow_after:
            return 0.0
        extra = failures - self.slow_after
        return min(self.first_delay_seconds * 2 ** extra, self.max_delay_seconds)


DEFAULT_LOCKOUT = LockoutPolicy()


@dataclass(frozen=True)
class SignInState:
    """What the user row keeps between tries."""

    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None


class AccountLocked(ChairsideError):
    """Too many wrong tries: locked until a time, or until an admin unlocks it."""


class TryLater(ChairsideError):
    """A try too soon after a wrong one; nothing was checked."""


def check_may_try(state: SignInState, now: datetime,
                  policy: LockoutPolicy = DEFAULT_LOCKOUT) -> None:
    if state.locked_until is not None and now < state.locked_until:
        minutes = math.ceil((state.locked_until - now).total_seconds() / 60)
        # the workstation's local time, as every time the nurse reads
        until = state.locked_until.astimezone()
        raise AccountLocked(
            f"This account is locked after {policy.lock_after} wrong tries, for "
            f"{minutes} more min (until {until:%H:%M}). An administrator can unlock it "
            "sooner.")
    if state.last_failure_at is not None:
        wait = policy.delay_after(state.failures)
        ready = state.last_failure_at + timedelta(seconds=wait)
        if now < ready:
            seconds = max(1, round((ready - now).total_seconds()))
            raise TryLater(f"Wrong password or PIN. Wait {seconds} s before trying again.")


def after_failure(state: SignInState, now: datetime,
                  policy: LockoutPolicy = DEFAULT_LOCKOUT) -> SignInState:
    expired = state.locked_until is not None and now >= state.locked_until
    failures = 1 if expired else state.failures + 1  # a lock served starts the count again
    locked = None
    if failures >= policy.lock_after:
        locked = now + timedelta(minutes=policy.lock_minutes)
    return SignInState(failures, now, locked)


def after_success() -> SignInState:
    return SignInState()


def rebased(state: SignInState, now: datetime,
            policy: LockoutPolicy = DEFAULT_LOCKOUT) -> SignInState:
    """The state seen from a clock stepped back: a lock never ends sooner, but never lasts
    more than its length from now, and a wrong try is never in the future."""
    locked, last = state.locked_until, state.last_failure_at
    if locked is not None and locked - now > timedelta(minutes=policy.lock_minutes):
        locked = now + timedelta(minutes=policy.lock_minutes)
    if last is not None and last > now:
        last = now
    return SignInState(state.failures, last, locked)


def claim_try(state: SignInState, now: datetime, policy: LockoutPolicy = DEFAULT_LOCKOUT
              ) -> tuple[SignInState, ChairsideError | None]:
    """What to store before a secret is compared: the try counted as a failure (a success
    clears it), so that tries made at once from several workstations are counted and
    slowed as tries made one after another; or the refusal (locked, too soon)."""
    state = rebased(state, now, policy)
    try:
        check_may_try(state, now, policy)
    except (AccountLocked, TryLater) as refused:
        return state, refused
    return after_failure(state, now, policy), None


def lock_fields(state: SignInState) -> dict:
    """The state as an audit entry's before or after."""
    return {"failures": state.failures, "last_failure_at": state.last_failure_at,
            "locked_until": state.locked_until}
