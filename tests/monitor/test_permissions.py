"""The permission table: every action × every role, and the words of a refusal."""

from __future__ import annotations

import pytest

from monitor.accounts.actor import Actor
from monitor.accounts.permissions import (
    PERMISSIONS,
    Action,
    PermissionRefused,
    allowed,
    require,
)
from monitor.accounts.roles import Role, roles_from_text, roles_to_text
from monitor.errors import ChairsideError

N, P, A = Role.NURSE, Role.PSYCHIATRIST, Role.ADMIN

# Issue 10 §1, written out once more by hand so that a change to the table is a decision
EXPECTED = {
    Action.REGISTER_PATIENT: {N, P}, Action.RUN_SESSION: {N, P}, Action.VIEW_RECORD: {N, P, A},
    Action.SIGN: {P}, Action.ADD_ADDENDUM: {P}, Action.START_COURSE: {P},
    Action.EXPORT: {P}, Action.MANAGE_USERS: {A}, Action.MANAGE_PROTOCOLS: {A},
    Action.MANAGE_SETTINGS: {A}, Action.BACKUP: {A}, Action.VIEW_AUDIT: {A},
}


def actor(*roles: Role) -> Actor:
    return Actor(7, "dana", "Dana Whitfield", "MD", frozenset(roles))


def test_every_action_is_in_the_table():
    assert set(PERMISSIONS) == set(Action) == set(EXPECTED)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_action_by_role(action, role):
    who = actor(role)
    if role in EXPECTED[action]:
        require(who, action)
        assert allowed(who, action)
    else:
        with pytest.raises(PermissionRefused) as refused:
            require(who, action)
        assert refused.value.action is action
        assert not allowed(who, action)


def test_several_roles_add_up():
    both = actor(N, A)
    require(both, Action.RUN_SESSION)
    require(both, Action.MANAGE_USERS)
    with pytest.raises(PermissionRefused):
        require(both, Action.SIGN)


def test_a_refusal_names_the_role_needed_and_is_a_known_error():
    with pytest.raises(PermissionRefused) as refused:
        require(actor(N), Action.SIGN)
    assert isinstance(refused.value, ChairsideError)
    assert str(refused.value) == ("Only a psychiatrist can sign a session; Dana Whitfield is "
                                  "signed in as a nurse. Nothing was stored.")
    with pytest.raises(PermissionRefused, match="Only an administrator can manage users"):
        require(actor(N), Action.MANAGE_USERS)
    with pytest.raises(PermissionRefused, match="nurse or psychiatrist"):
        require(actor(A), Action.RUN_SESSION)


def test_nobody_signed_in_may_do_nothing():
    for action in Action:
        with pytest.raises(PermissionRefused, match="nobody"):
            require(None, action)


def test_roles_round_trip_as_text():
    assert roles_to_text({A, N}) == "admin,nurse"
    assert roles_from_text("admin,nurse") == {A, N}
    assert roles_from_text("") == frozenset()
    with pytest.raises(ValueError):
        roles_from_text("janitor")
