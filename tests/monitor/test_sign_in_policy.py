"""Passwords, PINs and the lockout: slowed down, then locked for a time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from monitor.accounts.lockout import (
    DEFAULT_LOCKOUT,
    AccountLocked,
    SignInState,
    TryLater,
    after_failure,
    after_success,
    check_may_try,
)
from monitor.accounts.roles import Role
from monitor.accounts.secrets_policy import check_password, check_pin
from monitor.accounts.users import NewUser, check_new_user
from monitor.errors import InvalidEntry

T0 = datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("password", ["short", "a" * 12, "x" * 129, "dana-secret-99"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(InvalidEntry) as refused:
        check_password(password, "dana")
    assert refused.value.field == "password"


def test_a_long_sentence_is_a_good_password():
    check_password("the infusion room is quiet", "dana")


@pytest.mark.parametrize("pin", ["123", "1111", "1234", "4321", "12a4", "123456789", "١٢٣٤٥"])
def test_weak_or_malformed_pins_are_refused(pin):
    with pytest.raises(InvalidEntry):
        check_pin(pin)


@pytest.mark.parametrize("pin", ["2580", "739164", "10293847"])
def test_good_pins(pin):
    check_pin(pin)


def test_failures_slow_down_then_lock():
    state = SignInState()
    delays = []
    now = T0
    for _ in range(DEFAULT_LOCKOUT.lock_after - 1):
        check_may_try(state, now)
        state = after_failure(state, now)
        delays.append(DEFAULT_LOCKOUT.delay_after(state.failures))
        now += timedelta(seconds=delays[-1])
    assert delays == [0.0, 0.0, 2.0, 4.0]  # the Chairside defaults
    with pytest.raises(TryLater, match="Wait 4 s"):
        check_may_try(state, now - timedelta(seconds=4))
    check_may_try(state, now)
    state = after_failure(state, now)
    assert state.locked_until == now + timedelta(minutes=15)
    with pytest.raises(AccountLocked, match="locked after 5 wrong tries, for 1 more min"):
        check_may_try(state, now + timedelta(minutes=14))
    with pytest.raises(AccountLocked) as said:
        check_may_try(state, now)
    local_end = state.locked_until.astimezone()  # the workstation's time, not UTC
    assert f"for 15 more min (until {local_end:%H:%M})" in str(said.value)
    check_may_try(state, now + timedelta(minutes=15))
    # a lock served starts the count again: one more mistake does not lock at once
    again = after_failure(state, now + timedelta(minutes=15))
    assert again.failures == 1 and again.locked_until is None


def test_a_success_clears_the_count():
    state = after_failure(after_failure(SignInState(), T0), T0)
    assert after_success() == SignInState() and state.failures == 2


def test_new_user_is_cleaned_and_checked():
    user = check_new_user(NewUser(" Dana ", " Dana   Whitfield ", " MD ",
                                  frozenset({Role.PSYCHIATRIST})))
    assert (user.username, user.printed_name, user.credentials) == (
        "dana", "Dana Whitfield", "MD")
    with pytest.raises(InvalidEntry, match="at least one role"):
        check_new_user(NewUser("dana", "Dana W", "", frozenset()))
    with pytest.raises(InvalidEntry) as refused:
        check_new_user(NewUser("9lives", "Dana W", "", frozenset({Role.NURSE})))
    assert refused.value.field == "username"


def test_idle_lock_after_the_default_ten_minutes():
    from monitor.accounts.idle import should_lock

    assert not should_lock(T0, T0 + timedelta(minutes=9, seconds=59))
    assert should_lock(T0, T0 + timedelta(minutes=10))
    assert not should_lock(T0, T0 + timedelta(hours=5), minutes=0)  # 0: never
