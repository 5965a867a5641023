"""An addendum is signed as the session is (issue 10 §2): only by a psychiatrist with the
password again, stored with its meaning and digest; an addendum edited in the database
is found by ``audit verify`` and shown as altered."""

from __future__ import annotations

from datetime import timezone

import pytest
from sqlalchemy import text

from db.verify import verify_database
from monitor.accounts.account_service import SignInRefused
from monitor.accounts.addendum_signature import addendum_altered, addendum_manifestation
from monitor.accounts.permissions import PermissionRefused
from monitor.accounts.signature import Meaning
from tests.conftest import NURSE_PASSWORD, PSYCHIATRIST_PASSWORD
from tests.monitor.test_review import a_completed_session, row_counts


def test_an_addendum_needs_the_psychiatrist_and_the_password(storage, service, clock, staff,
                                                            signing):
    dana, kim = staff["psychiatrist"], staff["nurse"]
    sid = a_completed_session(service, clock)
    signing.sign(dana, sid, PSYCHIATRIST_PASSWORD)
    before = row_counts(storage)
    with pytest.raises(PermissionRefused, match="Only a psychiatrist can write an addendum"):
        signing.add_addendum(kim, sid, "Late entry", "forgot", NURSE_PASSWORD)
    with pytest.raises(SignInRefused):
        signing.add_addendum(dana, sid, "Late entry", "forgot", "not my password")
    after = row_counts(storage)
    assert after["addendum"] == before["addendum"] == 0
    clock.advance(hours=2)
    added = signing.add_addendum(dana, sid, "Phoned: slept well", "Outcome after discharge",
                                 PSYCHIATRIST_PASSWORD, Meaning.REVIEWED)
    [stored] = service.load(sid).addenda
    assert stored == added and stored.author == "Dana Whitfield, MD"
    assert (stored.author_user, stored.meaning, len(stored.digest)) == (
        dana.user_id, "Reviewed and approved", 64)
    assert not addendum_altered(stored)
    assert addendum_manifestation(stored, timezone.utc) == (
        f"Electronically signed by Dana Whitfield, MD — {clock.now():%Y-%m-%d %H:%M} UTC "
        "(UTC+00:00) — Reviewed and approved")
    assert verify_database(storage).intact


def test_an_addendum_edited_in_the_database_is_found(storage, service, clock, staff,
                                                     signing):
    dana = staff["psychiatrist"]
    sid = a_completed_session(service, clock)
    signing.sign(dana, sid, PSYCHIATRIST_PASSWORD)
    added = signing.add_addendum(dana, sid, "Phoned: slept well", "Outcome after discharge",
                                 PSYCHIATRIST_PASSWORD)
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE addendum SET reason = 'Correction'"))
    [stored] = service.load(sid).addenda
    assert addendum_altered(stored)
    assert addendum_manifestation(stored).startswith("ALTERED AFTER SIGNING")
    report = verify_database(storage)
    assert not report.intact
    assert report.altered == [(sid, f"its signed addendum {added.id} no longer matches "
                                    "its digest")]
