"""An attack pass on signing in (issue 10 §1): guesses made in parallel from several
connections (two workstations, or a script running many at once) must be counted and
slowed as guesses made one after another are; a clock stepped back never unlocks."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from db.accounts_repo import AccountsRepository
from db.passwords import DEFAULT_HASHER
from db.storage import Storage
from monitor.accounts.account_service import AccountService, SignInRefused
from monitor.accounts.lockout import DEFAULT_LOCKOUT, AccountLocked, TryLater
from monitor.clock import FixedClock
from tests.conftest import NURSE_PASSWORD


def url_of_storage(storage) -> str:
    return storage.url.render_as_string(hide_password=False)


def guesses_in_parallel(storage, clock, username: str, secret: str, kind: str,
                        count: int) -> list[str]:
    """``count`` wrong tries at once, each on its own connection (its own engine, as a
    second workstation has), with the app's real argon2 cost; what each was told."""
    url = url_of_storage(storage)
    told: list[str] = []
    start = threading.Barrier(count)

    def one() -> None:
        other = Storage(url)
        try:
            accounts = AccountService(AccountsRepository(other, DEFAULT_HASHER), clock)
            start.wait()
            try:
                accounts.sign_in(username, secret, kind)
            except (SignInRefused, TryLater, AccountLocked) as refused:
                told.append(type(refused).__name__)
        finally:
            other.close()

    threads = [threading.Thread(target=one) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return told


@pytest.mark.parametrize("kind", ["password", "pin"])
def test_guesses_in_parallel_are_counted_and_slowed(storage, accounts, staff, clock, kind):
    wrong = "not the password at all" if kind == "password" else "1357"
    told = guesses_in_parallel(storage, clock, "kim", wrong, kind, 8)
    assert len(told) == 8
    checked = told.count("SignInRefused")  # the secret was compared: a real guess
    user = accounts.store.user_named("kim")
    assert user.sign_in.failures == checked  # none lost to a race
    # one after another, the fourth try within the same second must wait: so must these
    assert checked <= DEFAULT_LOCKOUT.slow_after


def test_a_locked_account_stays_locked_for_another_workstation(storage, accounts, staff,
                                                               clock):
    for _ in range(DEFAULT_LOCKOUT.lock_after):
        clock.advance(seconds=DEFAULT_LOCKOUT.max_delay_seconds)
        with pytest.raises(SignInRefused):
            accounts.sign_in("kim", "not the password at all")
    other = Storage(url_of_storage(storage))
    try:
        second = AccountService(AccountsRepository(other, DEFAULT_HASHER), clock)
        with pytest.raises(AccountLocked, match="locked"):
            second.sign_in("kim", NURSE_PASSWORD)
    finally:
        other.close()


def test_a_clock_stepped_back_does_not_unlock_or_lock_for_longer(accounts, staff, clock):
    for _ in range(DEFAULT_LOCKOUT.lock_after):
        clock.advance(seconds=DEFAULT_LOCKOUT.max_delay_seconds)
        with pytest.raises(SignInRefused):
            accounts.sign_in("kim", "not the password at all")
    back = FixedClock(clock.now() - timedelta(hours=2))
    accounts.clock = back
    with pytest.raises(AccountLocked) as locked:
        accounts.sign_in("kim", NURSE_PASSWORD)
    # the lock says its real length, not two hours more
    assert f"for {DEFAULT_LOCKOUT.lock_minutes} more min" in str(locked.value)
    back.advance(minutes=DEFAULT_LOCKOUT.lock_minutes + 1)
    assert accounts.sign_in("kim", NURSE_PASSWORD).username == "kim"
