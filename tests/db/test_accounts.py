"""Accounts on a real database: first admin, password and PIN sign-in, lockout kept in
the database, admin unlock, argon2id hashes, every step in the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db import audit_log
from db.accounts_repo import AccountsRepository
from monitor.accounts.account_service import AccountService, SignInRefused
from monitor.accounts.lockout import AccountLocked, TryLater
from monitor.accounts.permissions import PermissionRefused
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from monitor.audit.chain import first_break
from monitor.errors import InvalidEntry
from tests.conftest import ADMIN_PASSWORD, ADMIN_PIN, FAST_HASHER

NURSE_PASSWORD = "four chairs by the window"


def trail(storage):
    with storage.transaction() as s:
        return list(audit_log.entries(s))


def add_nurse(accounts, admin):
    return accounts.add_user(admin, NewUser("kim", "Kim Rivera", "RN",
                                            frozenset({Role.NURSE})), NURSE_PASSWORD, "7391")


def test_a_new_database_asks_for_the_first_admin_and_has_no_default(accounts):
    assert accounts.needs_first_admin()
    with pytest.raises(SignInRefused):
        accounts.sign_in("admin", "admin")
    with pytest.raises(InvalidEntry, match="must be an administrator"):
        accounts.create_first_admin(NewUser("kim", "Kim R", "", frozenset({Role.NURSE})),
                                    NURSE_PASSWORD, "7391")
    admin = accounts.create_first_admin(NewUser("sam", "Sam Admin", "", frozenset({Role.ADMIN})),
                                        ADMIN_PASSWORD, ADMIN_PIN)
    assert not accounts.needs_first_admin()
    with pytest.raises(InvalidEntry, match="already has users"):
        accounts.create_first_admin(NewUser("eve", "Eve", "", frozenset({Role.ADMIN})),
                                    ADMIN_PASSWORD, ADMIN_PIN)
    actor = accounts.sign_in("sam", ADMIN_PASSWORD)
    assert actor.user_id == admin.id and actor.roles == {Role.ADMIN}
    assert (actor.workstation, actor.os_user) == ("chair-ws-1", "nurse1")


def test_hashes_are_argon2id_and_secrets_are_never_stored(storage, accounts, everyone):
    with storage.engine.connect() as conn:
        password_hash, pin_hash = conn.execute(text(
            "SELECT password_hash, pin_hash FROM app_user")).one()
    assert password_hash.startswith("$argon2id$") and pin_hash.startswith("$argon2id$")
    assert ADMIN_PASSWORD not in password_hash and ADMIN_PIN not in pin_hash
    dumped = " ".join(e.event.after.__repr__() for e in trail(storage))
    assert "argon2" not in dumped


def test_pin_switches_user_and_a_wrong_pin_is_refused(accounts, everyone):
    add_nurse(accounts, everyone)
    assert accounts.sign_in("kim", "7391", kind="pin").printed_name == "Kim Rivera"
    with pytest.raises(SignInRefused):
        accounts.sign_in("kim", NURSE_PASSWORD, kind="pin")  # the password is not the PIN


def test_wrong_passwords_slow_down_then_lock_and_survive_a_restart(storage, clock, accounts,
                                                                  everyone):
    add_nurse(accounts, everyone)
    for _ in range(3):
        with pytest.raises(SignInRefused):
            accounts.sign_in("kim", "wrong password!!")
    with pytest.raises(TryLater):  # the third failure makes the next try wait
        accounts.sign_in("kim", NURSE_PASSWORD)
    clock.advance(seconds=2)
    with pytest.raises(SignInRefused):
        accounts.sign_in("kim", "wrong password!!")
    clock.advance(seconds=4)
    with pytest.raises(SignInRefused):
        accounts.sign_in("kim", "wrong password!!")  # the fifth: locked
    # another workstation, on the same database, sees the lock
    elsewhere = AccountService(AccountsRepository(storage, FAST_HASHER), clock, "ws-2", "x")
    with pytest.raises(AccountLocked, match="locked after 5 wrong tries"):
        elsewhere.sign_in("kim", NURSE_PASSWORD)
    kim = elsewhere.store.user_named("kim")
    with pytest.raises(PermissionRefused, match="administrator"):
        elsewhere.unlock(kim.as_actor(), kim.id)  # a nurse cannot unlock herself
    accounts.unlock(everyone, kim.id)
    assert elsewhere.sign_in("kim", NURSE_PASSWORD).username == "kim"
    actions = [e.event.action for e in trail(storage)]
    assert actions.count("login failed") == 5
    assert "login refused" in actions and "unlock user" in actions
    assert first_break(trail(storage)) is None


def test_a_lock_ends_by_itself_after_the_set_time(clock, accounts, everyone):
    add_nurse(accounts, everyone)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            accounts.sign_in("kim", "wrong password!!")
        clock.advance(seconds=30)
    with pytest.raises(AccountLocked):
        accounts.sign_in("kim", NURSE_PASSWORD)
    clock.advance(minutes=15)
    assert accounts.sign_in("kim", NURSE_PASSWORD).username == "kim"


def test_unknown_names_are_audited_and_told_nothing_more(storage, accounts, everyone):
    with pytest.raises(SignInRefused, match="Wrong user name, password or PIN"):
        accounts.sign_in("mallory", "anything at all")
    last = trail(storage)[-1]
    assert (last.event.action, last.username, last.user_id) == ("login failed", "mallory", 0)


def test_only_an_admin_adds_users(accounts, everyone):
    kim = add_nurse(accounts, everyone)
    nurse = accounts.sign_in("kim", NURSE_PASSWORD)
    with pytest.raises(PermissionRefused, match="Only an administrator can manage users"):
        accounts.add_user(nurse, NewUser("lee", "Lee", "", frozenset({Role.ADMIN})),
                          ADMIN_PASSWORD, ADMIN_PIN)
    with pytest.raises(PermissionRefused):
        accounts.reset_secrets(nurse, kim.id, pin="8642")
    accounts.reset_secrets(everyone, kim.id, pin="8642")
    assert accounts.sign_in("kim", "8642", kind="pin").username == "kim"


def test_the_database_refuses_to_change_or_delete_audit_entries(storage, everyone):
    assert trail(storage)
    for statement in ("UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), storage.engine.begin() as conn:
            conn.execute(text(statement))
    assert first_break(trail(storage)) is None


@pytest.mark.parametrize("field", ["username", "printed_name", "credentials"])
def test_hostile_text_in_a_users_names_is_refused_or_stored_exactly(accounts, everyone,
                                                                   field):
    from monitor.text_limits import LIMITS
    from tests.monitor.test_hostile_text import KEPT, REFUSED

    def add(value, n):
        names = {"username": f"user{n}", "printed_name": f"Name {n}", "credentials": "RN"}
        names[field] = value
        return accounts.add_user(everyone, NewUser(names["username"], names["printed_name"],
                                                   names["credentials"],
                                                   frozenset({Role.NURSE})),
                                 NURSE_PASSWORD, "7391")

    for n, text_value in enumerate(REFUSED.values()):
        with pytest.raises(InvalidEntry) as refused:
            add(text_value, n)
        assert refused.value.field == LIMITS[field].field
    for n, text_value in enumerate(KEPT.values(), 10):
        try:
            user = add(text_value, n)
        except InvalidEntry as refused:  # the user name's own pattern
            assert field == "username" and refused.field == "username"
            continue
        assert getattr(accounts.store.get_user(user.id), field) == \
            " ".join(text_value.split())
