"""Signatures that mean something, on a real database: the password again, a meaning, the
manifestation on screen text and on every PDF page, and content changed behind the app's
back shown as altered after signing."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text

from db import audit_log
from db.models import SignatureRow
from export.documents import export_course_pdf, export_session_pdf
from monitor.accounts.account_service import SignInRefused
from monitor.accounts.permissions import PermissionRefused
from monitor.accounts.signature import Meaning
from monitor.audit.chain import first_break
from monitor.errors import ChangedElsewhere, TransitionRefused
from monitor.review import SessionLocked
from tests.conftest import PSYCHIATRIST_PASSWORD
from tests.monitor.test_review import a_completed_session

BERLIN = ZoneInfo("Europe/Berlin")


def page_texts(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def signatures(storage) -> int:
    with storage.transaction() as s:
        return s.scalar(select(func.count()).select_from(SignatureRow))


def actions(storage) -> list[str]:
    with storage.transaction() as s:
        return [e.event.action for e in audit_log.entries(s)]


def test_a_psychiatrist_signs_with_password_and_meaning(storage, service, clock, signing,
                                                        staff):
    sid = a_completed_session(service, clock)
    signature = signing.sign(staff["psychiatrist"], sid, PSYCHIATRIST_PASSWORD,
                             Meaning.AUTHORED)
    assert (signature.printed_name, signature.credentials, signature.meaning,
            signature.at) == ("Dana Whitfield", "MD", Meaning.AUTHORED, clock.now())
    session = service.get_session(sid)
    assert session.signed_by == "Dana Whitfield, MD" and session.signed_at == clock.now()
    status = signing.status(service.load(sid))
    assert not status.is_altered and not status.is_draft
    local = f"{clock.now().astimezone(BERLIN):%Y-%m-%d %H:%M}"
    assert status.header(BERLIN) == ("Electronically signed by Dana Whitfield, MD — "
                                     f"{local} CET (UTC+01:00) — Authored")
    assert actions(storage)[-1] == "sign"


def test_a_nurse_trying_to_sign_is_refused_and_nothing_is_stored(storage, service, clock,
                                                                signing, staff):
    sid = a_completed_session(service, clock)
    before = actions(storage)
    with pytest.raises(PermissionRefused, match="Only a psychiatrist can sign"):
        signing.sign(staff["nurse"], sid, "four chairs by the window")
    assert not service.get_session(sid).signed and signatures(storage) == 0
    assert actions(storage) == before


def test_a_wrong_password_signs_nothing_and_counts_toward_the_lock(storage, service, clock,
                                                                  signing, staff):
    sid = a_completed_session(service, clock)
    with pytest.raises(SignInRefused):
        signing.sign(staff["psychiatrist"], sid, "not my password")
    assert not service.get_session(sid).signed and signatures(storage) == 0
    assert signing.accounts.store.user_named("dana").sign_in.failures == 1
    assert actions(storage)[-1] == "reauthenticate failed"


def test_only_a_completed_unsigned_session_as_seen_is_signed(storage, service, clock,
                                                            signing, staff):
    sid = a_completed_session(service, clock)
    dana = staff["psychiatrist"]
    seen = service.get_session(sid).version
    with pytest.raises(ChangedElsewhere):  # a screen that showed it before discharge
        signing.sign(dana, sid, PSYCHIATRIST_PASSWORD, seen_version=seen - 1)
    assert signatures(storage) == 0
    signing.sign(dana, sid, PSYCHIATRIST_PASSWORD, seen_version=seen)
    with pytest.raises(SessionLocked, match="signed by Dana Whitfield, MD"):
        signing.sign(dana, sid, PSYCHIATRIST_PASSWORD)
    assert signatures(storage) == 1
    open_one = service.open_session(service.get_session(sid).patient_id, "2", 70)
    with pytest.raises(TransitionRefused, match="Only a completed"):
        signing.sign(dana, open_one.id, PSYCHIATRIST_PASSWORD)


def test_altered_after_signing_is_shown_and_says_what_changed(storage, service, clock,
                                                             signing, staff):
    sid = a_completed_session(service, clock)
    signing.sign(staff["psychiatrist"], sid, PSYCHIATRIST_PASSWORD)
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE vitals_set SET sbp = 128 WHERE sbp = 184"))
        conn.execute(text("DELETE FROM alarm"))
    status = signing.status(service.load(sid))
    assert status.is_altered and status.altered == ("vitals", "alarms")
    assert status.header(BERLIN).startswith(
        "ALTERED AFTER SIGNING (changed: vitals, alarms) — signed by Dana Whitfield, MD")


def test_unsigned_by_sql_is_shown_as_altered(storage, service, clock, signing, staff):
    sid = a_completed_session(service, clock)
    signing.sign(staff["psychiatrist"], sid, PSYCHIATRIST_PASSWORD)
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE infusion_session SET signed_at = NULL, signed_by = ''"))
    status = signing.status(service.load(sid))
    assert status.is_altered and status.removed
    assert "signature removed" in status.header()


def test_pdf_pages_carry_the_manifestation_draft_mark_or_alteration(
        qapp, storage, service, clock, signing, staff, tmp_path):
    sid = a_completed_session(service, clock)
    unsigned = tmp_path / "unsigned.pdf"
    export_session_pdf(service, sid, unsigned, tz=BERLIN, signatures=signing)
    pages = page_texts(unsigned)
    assert pages and all("UNSIGNED / DRAFT" in p for p in pages)

    signing.sign(staff["psychiatrist"], sid, PSYCHIATRIST_PASSWORD)
    signed = tmp_path / "signed.pdf"
    export_session_pdf(service, sid, signed, tz=BERLIN, signatures=signing)
    local = f"{clock.now().astimezone(BERLIN):%Y-%m-%d %H:%M}"
    manifest = (f"Electronically signed by Dana Whitfield, MD — {local} CET "
                "(UTC+01:00) — Reviewed and approved")
    pages = page_texts(signed)
    assert all(manifest in p for p in pages) and not any("DRAFT" in p for p in pages)

    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE vitals_set SET sbp = 128 WHERE sbp = 184"))
    altered = tmp_path / "altered.pdf"
    export_session_pdf(service, sid, altered, tz=BERLIN, signatures=signing)
    pages = page_texts(altered)
    assert all("ALTERED AFTER SIGNING (changed: vitals)" in p for p in pages)
    assert "do not rely on it" in pages[0]


def test_course_pdf_marks_each_session_and_the_overview(qapp, storage, service, clock,
                                                        signing, staff, tmp_path):
    first = a_completed_session(service, clock)
    signing.sign(staff["psychiatrist"], first, PSYCHIATRIST_PASSWORD)
    second = service.open_session(service.get_session(first).patient_id, "1", 70)
    path = tmp_path / "course.pdf"
    export_course_pdf(service, second.patient_id, path, tz=BERLIN, signatures=signing)
    pages = page_texts(path)
    assert "UNSIGNED / DRAFT" in pages[0]
    assert any("Electronically signed by Dana Whitfield, MD" in p for p in pages[1:])
    assert "UNSIGNED / DRAFT" in pages[-1]


def test_signing_keeps_the_audit_chain_whole(storage, service, clock, signing, staff):
    sid = a_completed_session(service, clock)
    signing.sign(staff["psychiatrist"], sid, PSYCHIATRIST_PASSWORD)
    with storage.transaction() as s:
        assert first_break(audit_log.entries(s)) is None
