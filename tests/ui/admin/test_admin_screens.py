"""The administrator's screens through the real widgets on a real SQLite file: the audit
view (opened and audited, filtered, sorted, exported as CSV and PDF) and the user
management (add, roles, unlock, reset, deactivate), and their refusal to a nurse."""

from __future__ import annotations

import csv
from datetime import timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from db import audit_log
from db.accounts_repo import AccountsRepository
from db.audit_query import AuditQueryRepository
from monitor.accounts.account_service import AccountService
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.permissions import PermissionRefused
from monitor.accounts.roles import Role
from monitor.accounts.users import NewUser
from monitor.audit.trail_service import AuditTrailService
from tests.conftest import FAST_HASHER
from tests.monitor.test_review import a_completed_session
from tests.ui.conftest import answer_dialog
from ui.admin.audit_view import AuditView, open_audit_view
from ui.admin.users_dialog import UsersDialog

ADMIN_PASSWORD = "the infusion room is quiet"


@pytest.fixture
def accounts(sqlite_storage, clock):
    from db.audit_hook import install

    user = CurrentUser()
    install(sqlite_storage, user, clock)
    service = AccountService(AccountsRepository(sqlite_storage, FAST_HASHER), clock, "ws-3",
                             "frontdesk")
    service.current = user  # (the tests sign in through it)
    return service


@pytest.fixture
def admin(accounts):
    accounts.create_first_admin(NewUser("sam", "Sam Admin", "", frozenset({Role.ADMIN})),
                                ADMIN_PASSWORD, "2580")
    actor = accounts.sign_in("sam", ADMIN_PASSWORD)
    accounts.current.sign_in(actor)
    return actor


def add(accounts, admin, username, name, credentials, role):
    accounts.add_user(admin, NewUser(username, name, credentials, frozenset({role})),
                      f"{username[::-1]}: a long password", "1739")
    return accounts.sign_in(username, f"{username[::-1]}: a long password")


@pytest.fixture
def trail(sqlite_storage, accounts, clock):
    return AuditTrailService(AuditQueryRepository(sqlite_storage), accounts, clock)


def entries(storage) -> list:
    with storage.transaction() as s:
        return list(audit_log.entries(s))


def click(qtbot, widget) -> None:
    assert widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ok(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def test_the_audit_view_filters_sorts_and_exports(qtbot, sqlite_storage, ui_service, clock,
                                                  accounts, admin, trail, tmp_path):
    kim = add(accounts, admin, "kim", "Kim Rivera", "RN", Role.NURSE)
    accounts.current.sign_in(kim)
    sid = a_completed_session(ui_service, clock)
    accounts.current.sign_in(admin)
    patient = ui_service.get_session(sid).patient_id
    view = open_audit_view(trail, accounts.current, lambda mrn: patient, tz=timezone.utc)
    qtbot.addWidget(view)
    view.show()
    assert entries(sqlite_storage)[-1].event.action == "open audit view"
    everything = view.model.rowCount()
    assert everything == len(entries(sqlite_storage))  # all, its own opening too
    view.username.setCurrentText("kim")
    click(qtbot, view.search_button)
    kims = view.model.entries
    assert kims and {e.username for e in kims} == {"kim"}
    assert "user kim" in view.count.text()
    view.username.setCurrentText("Any")
    qtbot.keyClicks(view.session, str(sid))
    view.action.setCurrentText("create")
    click(qtbot, view.search_button)
    created = {e.event.table for e in view.model.entries}
    assert {"infusion_session", "vitals_set", "side_effect", "alarm"} <= created
    assert {e.event.action for e in view.model.entries} == {"create"}
    seqs = [e.seq for e in view.model.entries]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # a header clicked
    assert [e.seq for e in view.shown_entries()] == sorted(seqs)
    out = tmp_path / "audit.csv"
    assert view.export("csv", str(out)) == str(out)
    with open(out, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["No.", "Time (UTC)", "User"]
    assert [int(r[0]) for r in rows[1:]] == sorted(seqs)
    assert any("sbp: 184" in r[9] for r in rows[1:])
    exported = entries(sqlite_storage)[-1]
    assert (exported.event.action, exported.username) == ("export", "sam")
    assert str(out) in exported.event.detail and f"session #{sid}" in exported.event.detail
    pdf = tmp_path / "audit.pdf"
    assert view.export("pdf", str(pdf)) == str(pdf)
    from tests.export.pdf_text import page_lines

    text = " ".join(" ".join(page) for page in page_lines(pdf))
    assert "Audit report" in text and f"session #{sid}" in text and "kim" in text


def test_a_bad_filter_is_said_and_the_shown_entries_stay(qtbot, accounts, admin, trail):
    view = AuditView(trail, accounts.current, lambda mrn: 1)
    qtbot.addWidget(view)
    shown = view.model.rowCount()
    qtbot.keyClicks(view.session, "twelve")
    click(qtbot, view.search_button)
    assert "digits only" in view.message.text() and view.model.rowCount() == shown
    view.session.clear()
    view.period.setChecked(True)
    view.since.setDate(view.until.date().addDays(3))
    click(qtbot, view.search_button)
    assert "ends before it starts" in view.message.text()


def test_a_nurse_is_refused_the_audit_view_and_the_users_naming_the_role(
        qtbot, sqlite_storage, accounts, admin, trail):
    kim = add(accounts, admin, "kim", "Kim Rivera", "RN", Role.NURSE)
    accounts.current.sign_in(kim)
    before = len(entries(sqlite_storage))
    with pytest.raises(PermissionRefused, match="Only an administrator can view the audit"):
        open_audit_view(trail, accounts.current, lambda mrn: 1)
    with pytest.raises(PermissionRefused, match="Only an administrator can manage users"):
        UsersDialog(accounts, accounts.current)
    assert len(entries(sqlite_storage)) == before


def test_the_admin_menu_refuses_a_nurse_in_words(qtbot, window, sqlite_storage, accounts,
                                                 admin, trail):
    from PySide6.QtWidgets import QMessageBox

    kim = add(accounts, admin, "kim", "Kim Rivera", "RN", Role.NURSE)
    accounts.current.sign_in(kim)
    window.current_user, window.accounts, window.audit_trail = accounts.current, accounts, \
        trail
    said: list[str] = []

    def read(box):
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    for open_it in (window.open_audit, window.open_users):
        seen = answer_dialog(qtbot, read)
        open_it()
        assert seen
    assert said == ["Only an administrator can view the audit trail; Kim Rivera is "
                    "signed in as a nurse. Nothing was stored.",
                    "Only an administrator can manage users; Kim Rivera is signed in "
                    "as a nurse. Nothing was stored."]


def test_user_management_adds_changes_unlocks_resets_and_deactivates(
        qtbot, sqlite_storage, accounts, admin, clock):
    dialog = UsersDialog(accounts, accounts.current)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [u.username for u in dialog.model.users] == ["sam"]

    def new_user(form):
        qtbot.keyClicks(form.username, "kim")
        qtbot.keyClicks(form.printed_name, "Kim Rivera")
        qtbot.keyClicks(form.credentials, "RN")
        ok(qtbot, form)  # no role: refused in the form
        assert form.isVisible() and "at least one role" in form.message.text()
        form.roles.boxes[Role.NURSE].setChecked(True)
        qtbot.keyClicks(form.password, "four chairs by the window")
        qtbot.keyClicks(form.repeat, "four chairs by the window")
        qtbot.keyClicks(form.pin, "7391")
        ok(qtbot, form)

    seen = answer_dialog(qtbot, new_user)
    click(qtbot, dialog.buttons["add"])
    assert seen and "Added kim." in dialog.message.text()
    assert dialog.selected().username == "kim"
    kim = accounts.store.user_named("kim")
    assert (kim.printed_name, kim.credentials, kim.roles) == ("Kim Rivera", "RN",
                                                              {Role.NURSE})

    def roles(form):
        form.roles.boxes[Role.PSYCHIATRIST].setChecked(True)
        ok(qtbot, form)

    seen = answer_dialog(qtbot, roles)
    click(qtbot, dialog.buttons["roles"])
    assert accounts.store.get_user(kim.id).roles == {Role.NURSE, Role.PSYCHIATRIST}
    assert "Nurse, Psychiatrist" in dialog.model.data(dialog.model.index(0, 3)) or \
        "Nurse, Psychiatrist" in dialog.model.data(dialog.model.index(1, 3))

    for _ in range(5):  # wrong passwords lock kim
        with pytest.raises(Exception):  # noqa: B017 (refused or too soon: both count)
            accounts.sign_in("kim", "not the password")
        clock.advance(minutes=1)
    dialog.reload()
    dialog.select("kim")
    row = [u.username for u in dialog.model.users].index("kim")
    assert dialog.model.data(dialog.model.index(row, 4)).startswith("Locked until")
    click(qtbot, dialog.buttons["unlock"])
    assert dialog.model.data(dialog.model.index(row, 4)) == "Active"

    def reset(form):
        qtbot.keyClicks(form.pin, "2684")
        ok(qtbot, form)

    seen = answer_dialog(qtbot, reset)
    click(qtbot, dialog.buttons["reset"])
    assert seen and accounts.sign_in("kim", "2684", kind="pin").user_id == kim.id
    click(qtbot, dialog.buttons["active"])
    assert dialog.model.data(dialog.model.index(row, 4)) == "Deactivated"
    assert dialog.buttons["active"].text() == "Reactivate"
    trail = [e for e in entries(sqlite_storage) if e.event.table == "app_user"
             and e.event.row_id == str(kim.id) and e.username == "sam"]
    assert [e.event.action for e in trail] == ["create user", "change roles", "unlock user",
                                               "reset secret", "deactivate user"]
    dialog.select("sam")
    click(qtbot, dialog.buttons["active"])  # oneself: refused, said
    assert "your own account" in dialog.message.text()
