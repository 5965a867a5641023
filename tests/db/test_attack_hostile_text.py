"""An attack pass with hostile text (issue 10 with issue 8 §6) in user names, printed
names, credentials and what is typed at the sign-in, on SQLite and PostgreSQL, and in
what is exported: the audit CSV neutralises spreadsheet formulas, the PDF prints markup
as text."""

from __future__ import annotations

import csv

import pytest

from db import audit_log
from export.audit_report import write_audit_csv
from monitor.accounts.account_service import SignInRefused
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from monitor.errors import InvalidEntry

TYPED_AT_SIGN_IN = ["=cmd|' /C calc'!A0", "a\x00b", "\u202eevil", "x" * 10_000, "\ud800",
                    "<script>alert(1)</script>", "line\nbreak"]


@pytest.mark.parametrize("typed", TYPED_AT_SIGN_IN)
def test_any_user_name_typed_at_sign_in_is_refused_plainly(storage, accounts, everyone,
                                                          typed):
    with pytest.raises(SignInRefused):
        accounts.sign_in(typed, "whatever was typed")
    with storage.transaction() as s:
        last = list(audit_log.entries(s))[-1]
    assert last.event.action == "login failed"
    assert last.username.isprintable() and len(last.username) <= 40


@pytest.mark.parametrize("secret", ["\ud800", "a\x00b", "x" * 100_000])
def test_any_password_typed_is_a_wrong_password(accounts, staff, secret):
    with pytest.raises(SignInRefused):
        accounts.sign_in("kim", secret)


HOSTILE_NAMES = {"bidi": "Dana \u202eWhitfield", "NUL": "Dana\x00Whitfield",
                 "too long": "D" * 500, "surrogate": "Dana \ud800"}


@pytest.mark.parametrize("field", ["printed_name", "credentials"])
@pytest.mark.parametrize("kind", list(HOSTILE_NAMES))
def test_hostile_names_are_refused_with_a_message(accounts, everyone, field, kind):
    values = {"printed_name": "Dana Whitfield", "credentials": "MD", field: HOSTILE_NAMES[kind]}
    user = NewUser("dana", values["printed_name"], values["credentials"],
                   frozenset({Role.PSYCHIATRIST}))
    with pytest.raises(InvalidEntry):
        accounts.add_user(everyone, user, "reviewed every chart today", "4826")


def test_the_audit_csv_neutralises_formulas(storage, accounts, everyone, tmp_path):
    for typed in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB"):
        with pytest.raises(SignInRefused):
            accounts.sign_in(typed, "whatever was typed")
    with storage.transaction() as s:
        entries = list(audit_log.entries(s))
    path = tmp_path / "audit.csv"
    write_audit_csv(entries, path)
    with open(path, encoding="utf-8", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
                and not _number(c)]
    assert "'=HYPERLINK(\"http://x\")" in cells  # kept, readable, not run


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_markup_in_a_printed_name_prints_as_text_in_the_pdf(qapp, storage, service, clock,
                                                           signing,
                                                           accounts, everyone, tmp_path):
    from export.documents import export_session_pdf
    from tests.db.test_signatures import page_texts
    from tests.monitor.test_review import a_completed_session

    accounts.add_user(everyone, NewUser("dana", "Dana <b>Bold</b> & Co", "MD",
                                        frozenset({Role.PSYCHIATRIST})),
                      "reviewed every chart today", "4826")
    dana = accounts.sign_in("dana", "reviewed every chart today")
    sid = a_completed_session(service, clock)
    signing.sign(dana, sid, "reviewed every chart today")
    path = tmp_path / "s.pdf"
    export_session_pdf(service, sid, path, signatures=signing)
    assert all("Dana <b>Bold</b> & Co, MD" in text for text in page_texts(path))


def test_the_session_csv_neutralises_formulas_typed_as_a_drug(service, clock, tmp_path):
    from export.documents import export_session_csv
    from tests.monitor.test_review import a_completed_session

    sid = a_completed_session(service, clock)
    service.add_note(sid, "=HYPERLINK(\"http://x\",\"click\")")
    session = service.open_session(service.get_session(sid).patient_id, "2", 70,
                                   **__import__("tests.monitor.test_review",
                                                fromlist=["BAG"]).BAG)
    service.record_medication(session.id, "=SUM(1+1)*cmd", 4, "mg", "IV")
    for which in (sid, session.id):
        path = tmp_path / f"{which}.csv"
        export_session_csv(service, which, path)
        with open(path, encoding="utf-8-sig", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@") and not _number(c)], cells
