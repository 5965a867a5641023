"""Shared fixtures: a real database (SQLite file, and PostgreSQL when a server is given)
and a fixed clock."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from monitor.clock import FixedClock
from monitor.service import SessionService

POSTGRES_URL = os.environ.get("CHAIRSIDE_TEST_POSTGRES_URL")

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc))


def make_storage(backend: str, tmp_path) -> Storage:
    if backend == "sqlite":
        return Storage(sqlite_url(tmp_path / "chairside.sqlite"))
    if not POSTGRES_URL:
        pytest.skip("set CHAIRSIDE_TEST_POSTGRES_URL to run against PostgreSQL")
    storage = Storage(POSTGRES_URL)
    with storage.engine.begin() as conn:  # a clean schema for every test
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return storage


@pytest.fixture(params=BACKENDS)
def storage(request, tmp_path):
    """An upgraded, empty database on each backend."""
    store = make_storage(request.param, tmp_path)
    store.upgrade()
    yield store
    store.close()


@pytest.fixture
def sqlite_storage(tmp_path):
    store = make_storage("sqlite", tmp_path)
    store.upgrade()
    yield store
    store.close()


@pytest.fixture
def repo(storage) -> ClinicRepository:
    return ClinicRepository(storage)


@pytest.fixture
def service(repo, clock) -> SessionService:
    return SessionService(repo, clock)


@pytest.fixture(params=BACKENDS)
def empty_storage(request, tmp_path):
    """A database with no schema at all yet, on each backend (for migration tests)."""
    store = make_storage(request.param, tmp_path)
    yield store
    store.close()


@pytest.fixture
def ui_repo(sqlite_storage) -> ClinicRepository:
    """The storage behind ``ui_service``: tests read it to check what was stored."""
    return ClinicRepository(sqlite_storage)


@pytest.fixture
def ui_service(ui_repo, clock) -> SessionService:
    return SessionService(ui_repo, clock)
# --- accounts (issue 10) ----------------------------------------------------------------

# Real argon2id, at the smallest cost argon2 allows, so that tests that add users stay fast
# (the app uses argon2-cffi's RFC 9106 defaults: ``db.passwords.DEFAULT_HASHER``).
FAST_HASHER = __import__("argon2").PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

ADMIN_PASSWORD, ADMIN_PIN = "the infusion room is quiet", "2580"


@pytest.fixture
def accounts(storage, clock):
    from db.accounts_repo import AccountsRepository
    from monitor.accounts.account_service import AccountService

    return AccountService(AccountsRepository(storage, FAST_HASHER), clock, "chair-ws-1",
                          "nurse1")


@pytest.fixture
def everyone(accounts):
    """A signed-in user who holds every role (the tests' "anyone may")."""
    from monitor.accounts.roles import Role
    from monitor.accounts.users import NewUser

    accounts.create_first_admin(
        NewUser("pat", "Pat Everyone", "MD", frozenset(Role)), ADMIN_PASSWORD, ADMIN_PIN)
    return accounts.sign_in("pat", ADMIN_PASSWORD)


@pytest.fixture
def signing(service, storage, accounts, clock):
    from db.signature_repo import SignatureRepository
    from monitor.accounts.signing import SigningService

    return SigningService(service, SignatureRepository(storage), accounts, clock)


PSYCHIATRIST_PASSWORD = "reviewed every chart today"
NURSE_PASSWORD = "four chairs by the window"


@pytest.fixture
def staff(accounts, everyone):
    """A psychiatrist and a nurse, signed in (with ``everyone`` as the admin)."""
    from monitor.accounts.roles import Role
    from monitor.accounts.users import NewUser

    accounts.add_user(everyone, NewUser("dana", "Dana Whitfield", "MD",
                                        frozenset({Role.PSYCHIATRIST})),
                      PSYCHIATRIST_PASSWORD, "4826")
    accounts.add_user(everyone, NewUser("kim", "Kim Rivera", "RN", frozenset({Role.NURSE})),
                      NURSE_PASSWORD, "7391")
    return {"psychiatrist": accounts.sign_in("dana", PSYCHIATRIST_PASSWORD),
            "nurse": accounts.sign_in("kim", NURSE_PASSWORD)}


@pytest.fixture
def current_user(storage, clock):
    """Who is signed in, with every write through ``storage`` audited as them."""
    from db.audit_hook import install
    from monitor.accounts.current_user import CurrentUser

    user = CurrentUser()
    install(storage, user, clock)
    return user


@pytest.fixture
def guarded(service, current_user):
    """The session service behind the permission check, as the app hands it out."""
    from monitor.accounts.guard import GuardedService

    return GuardedService(service, current_user)
