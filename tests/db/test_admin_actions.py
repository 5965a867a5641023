"""The administrator's actions in the service layer, on a real database: user management,
command-line credentials and the audit trail's search, each × every role; a refusal names
the role and stores nothing; what is allowed is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.audit_query import AuditQueryRepository
from db.models import AuditRow, Base
from monitor.accounts.account_service import SignInRefused
from monitor.accounts.permissions import PermissionRefused
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from monitor.audit.query import AuditQuery
from monitor.audit.trail_service import AuditTrailService
from monitor.errors import InvalidEntry
from tests.conftest import NURSE_PASSWORD
from tests.monitor.test_review import a_completed_session


def counts(storage) -> dict[str, int]:
    with storage.transaction() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}


def last_actions(storage, n: int) -> list[str]:
    with storage.transaction() as s:
        rows = s.scalars(select(AuditRow.action).order_by(AuditRow.seq.desc()).limit(n))
        return list(reversed(list(rows)))


@pytest.fixture
def trail(storage, accounts, clock):
    return AuditTrailService(AuditQueryRepository(storage), accounts, clock)


def admin_calls(accounts, trail, kim_id: int):
    """Every admin action, as (name, call(actor))."""
    return [
        ("users", lambda a: accounts.users(a)),
        ("add_user", lambda a: accounts.add_user(
            a, NewUser("lee", "Lee Park", "RN", frozenset({Role.NURSE})),
            "a new nurse joins today", "1593")),
        ("set_roles", lambda a: accounts.set_roles(
            a, kim_id, frozenset({Role.NURSE, Role.PSYCHIATRIST}))),
        ("unlock", lambda a: accounts.unlock(a, kim_id)),
        ("reset_secrets", lambda a: accounts.reset_secrets(a, kim_id, pin="9512")),
        ("issue_credential", lambda a: accounts.issue_credential(a, kim_id)),
        ("set_active", lambda a: accounts.set_active(a, kim_id, False)),
        ("open audit", lambda a: trail.open(a)),
        ("search audit", lambda a: trail.search(a, AuditQuery())),
        ("audit choices", lambda a: trail.choices(a)),
        ("audit exported", lambda a: trail.exported(a, AuditQuery(), "CSV x.csv", 3)),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_every_admin_action_by_every_role(storage, accounts, everyone, staff, trail, role):
    accounts.add_user(everyone, NewUser("one", "One Role", "", frozenset({role})),
                      "a long enough password", "8642")
    one = accounts.sign_in("one", "a long enough password")
    kim = accounts.store.user_named("kim")
    for name, call in admin_calls(accounts, trail, kim.id):
        before = counts(storage)
        if role is not Role.ADMIN:
            with pytest.raises(PermissionRefused, match="Only an administrator can"):
                call(one)
            assert counts(storage) == before, name
            continue
        call(one)
        if name in ("users", "search audit", "audit choices"):
            assert counts(storage) == before, name  # reading writes nothing
        else:
            assert counts(storage)["audit_log"] > before["audit_log"], name


def test_the_refusal_names_the_role_needed(accounts, staff, trail):
    with pytest.raises(PermissionRefused) as refused:
        trail.open(staff["nurse"])
    assert str(refused.value).startswith("Only an administrator can view the audit trail; "
                                         "Kim Rivera is signed in as a nurse.")


def test_user_management_is_audited_and_takes_effect(storage, accounts, everyone, staff):
    kim = accounts.store.user_named("kim")
    accounts.set_roles(everyone, kim.id, frozenset({Role.NURSE, Role.PSYCHIATRIST}))
    assert accounts.store.get_user(kim.id).roles == {Role.NURSE, Role.PSYCHIATRIST}
    accounts.reset_secrets(everyone, kim.id, password="a brand new passphrase")
    with pytest.raises(SignInRefused):
        accounts.sign_in("kim", NURSE_PASSWORD)
    assert accounts.sign_in("kim", "a brand new passphrase").user_id == kim.id
    accounts.set_active(everyone, kim.id, False)
    with pytest.raises(SignInRefused):
        accounts.sign_in("kim", "a brand new passphrase")
    accounts.set_active(everyone, kim.id, True)
    assert last_actions(storage, 7) == ["change roles", "reset secret", "login failed",
                                        "login", "deactivate user", "login failed",
                                        "reactivate user"]


def test_the_last_admin_cannot_be_removed_nor_oneself_deactivated(accounts, everyone, staff):
    with pytest.raises(InvalidEntry, match="your own account"):
        accounts.set_active(everyone, everyone.user_id, False)
    with pytest.raises(InvalidEntry, match="last active administrator"):
        accounts.set_roles(everyone, everyone.user_id, frozenset({Role.PSYCHIATRIST}))
    assert Role.ADMIN in accounts.store.get_user(everyone.user_id).roles


def test_a_credential_signs_in_until_revoked_and_is_stored_as_a_hash(storage, accounts,
                                                                    everyone, staff):
    kim = accounts.store.user_named("kim")
    token = accounts.issue_credential(everyone, kim.id)
    assert accounts.sign_in_with_credential(token).username == "kim"
    with storage.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM cli_credential").scalar()
    assert token.rsplit(":", 1)[1] not in stored
    with pytest.raises(SignInRefused):  # a guessed secret for a real credential number
        accounts.sign_in_with_credential(token[:-4] + "abcd")
    number = int(token.split(":")[1])
    accounts.revoke_credential(everyone, number)
    with pytest.raises(SignInRefused, match="not valid"):
        accounts.sign_in_with_credential(token)
    with pytest.raises(InvalidEntry, match="not a Chairside credential"):
        accounts.sign_in_with_credential("hello")


def test_the_audit_search_filters_by_user_patient_session_kind_and_period(
        storage, service, clock, accounts, staff, current_user, guarded, trail, everyone):
    current_user.sign_in(staff["nurse"])
    first = a_completed_session(guarded, clock)
    clock.advance(days=2)
    current_user.sign_in(staff["psychiatrist"])
    second = a_completed_session(guarded, clock, mrn="S-2")
    patient = service.get_session(first).patient_id
    search = lambda **kw: trail.search(everyone, AuditQuery(**kw))  # noqa: E731

    mine = search(username="kim")
    assert mine and {e.username for e in mine} == {"kim"}
    about_first = search(session_id=first)
    assert about_first and all(e.event.table == "infusion_session" and e.event.row_id
                               == str(first) or (e.event.after or e.event.before or {})
                               .get("session_id") == first for e in about_first)
    tables = {e.event.table for e in about_first}
    assert {"infusion_session", "vitals_set", "session_event"} <= tables
    assert not {e.seq for e in about_first} & {e.seq for e in search(session_id=second)}
    by_patient = search(patient_id=patient)
    assert {e.seq for e in about_first} < {e.seq for e in by_patient}
    assert any(e.event.table == "patient" for e in by_patient)
    logins = search(action="login")
    assert logins and {e.event.action for e in logins} == {"login"}
    since = clock.now() - timedelta(days=1)
    recent = search(since=since)
    assert recent and min(e.at for e in recent) >= since
    assert not {e.seq for e in recent} & {e.seq for e in about_first}
    assert [e.seq for e in search(until=since)] == sorted(
        (e.seq for e in search(until=since)), reverse=True)  # newest first
    oldest = search(newest_first=False, limit=3)
    assert [e.seq for e in oldest] == [1, 2, 3]
