"""The sign-in screens driven as a user would: first start, wrong passwords, signing with
the password and a meaning, Ctrl+L and the idle lock during a running session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import text

from db import audit_log
from db.accounts_repo import AccountsRepository
from db.signature_repo import SignatureRepository
from monitor.accounts.account_service import AccountService
from monitor.accounts.current_user import CurrentUser
from monitor.accounts.roles import Role
from monitor.accounts.signature import Meaning
from monitor.accounts.signing import SigningService
from monitor.accounts.users import NewUser
from monitor.demo import seed_demo
from tests.conftest import FAST_HASHER
from tests.monitor.test_review import a_completed_session
from ui.accounts.first_admin_dialog import FirstAdminDialog
from ui.accounts.locker import Locker
from ui.accounts.sign_in_dialog import SignInDialog
from ui.accounts.signature_dialog import SignatureDialog

GOOD = "the infusion room is quiet"


@pytest.fixture
def accounts(sqlite_storage, clock):
    return AccountService(AccountsRepository(sqlite_storage, FAST_HASHER), clock, "ws", "os")


@pytest.fixture
def admin(accounts):
    accounts.create_first_admin(NewUser("sam", "Sam Admin", "", frozenset({Role.ADMIN})),
                                GOOD, "2580")
    return accounts.sign_in("sam", GOOD)


def add(accounts, admin, username, name, credentials, role, pin):
    accounts.add_user(admin, NewUser(username, name, credentials, frozenset({role})),
                      f"{username[::-1]}: a long password", pin)
    return accounts.sign_in(username, f"{username[::-1]}: a long password")


def trail(storage) -> list[str]:
    with storage.transaction() as s:
        return [e.event.action for e in audit_log.entries(s)]


def test_first_start_creates_the_first_admin(qtbot, accounts):
    assert accounts.needs_first_admin()
    dialog = FirstAdminDialog(accounts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "sam")
    qtbot.keyClicks(dialog.printed_name, "Sam Admin")
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    qtbot.keyClicks(dialog.pin, "2580")
    dialog.accept()
    assert dialog.user is None and "at least 12 characters" in dialog.message.text()
    dialog.password.setText(GOOD)
    dialog.repeat.setText(GOOD + "!")
    dialog.accept()
    assert dialog.user is None and "differ" in dialog.message.text()
    dialog.repeat.setText(GOOD)
    dialog.accept()
    assert dialog.user is not None and dialog.user.roles == {Role.ADMIN}
    assert not accounts.needs_first_admin()
    assert accounts.sign_in("sam", GOOD).printed_name == "Sam Admin"


def test_sign_in_refuses_a_wrong_password_and_clears_it(qtbot, accounts, admin):
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "sam")
    qtbot.keyClicks(dialog.secret, "not the password")
    dialog.accept()
    assert dialog.actor is None and dialog.secret.text() == ""
    assert "Wrong user name, password or PIN" in dialog.message.text()
    qtbot.keyClicks(dialog.secret, GOOD)
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.username == "sam"


def test_signing_asks_the_password_and_the_meaning(qtbot, sqlite_storage, ui_service, clock,
                                                   accounts, admin):
    dana = add(accounts, admin, "dana", "Dana Whitfield", "MD", Role.PSYCHIATRIST, "4826")
    sid = a_completed_session(ui_service, clock)
    signing = SigningService(ui_service, SignatureRepository(sqlite_storage), accounts, clock)
    dialog = SignatureDialog(signing, dana, sid, "Session 1")
    qtbot.addWidget(dialog)
    dialog.meaning.setCurrentIndex(dialog.meaning.findData(Meaning.AUTHORED))
    qtbot.keyClicks(dialog.password, "wrong")
    dialog.accept()
    assert dialog.signature is None and not ui_service.get_session(sid).signed
    qtbot.keyClicks(dialog.password, "anad: a long password")
    dialog.accept()
    assert dialog.signature is not None and dialog.signature.meaning is Meaning.AUTHORED
    assert "Electronically signed by Dana Whitfield, MD" in \
        signing.status(ui_service.load(sid)).header()


@pytest.fixture
def running(qtbot, window, sqlite_storage, clock, accounts, admin):
    """The real window with the demo clinic running (chair 2 infusing, with a critical
    alarm), a nurse signed in, and the locker on it."""
    kim = add(accounts, admin, "kim", "Kim Rivera", "RN", Role.NURSE, "7391")
    add(accounts, admin, "lee", "Lee Park", "RN", Role.NURSE, "6140")
    seed_demo(window.service, clock.now())
    window.tick()
    window.clinic.reload()
    user = CurrentUser(kim)
    from monitor.board import chair_statuses

    locker = Locker(window, accounts, user, clock,
                    lambda: chair_statuses(window.clinic.open_records(), 4, clock.now()))
    return locker, user


def test_ctrl_l_locks_hides_names_and_keeps_the_chairs_in_view(qtbot, window, running,
                                                               sqlite_storage):
    locker, user = running
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locker.locked
    tiles = "\n".join(locker.screen.tile_texts())
    with sqlite_storage.engine.connect() as conn:
        patients = conn.execute(text("SELECT name, mrn FROM patient")).all()
    assert patients
    for name, mrn in patients:
        assert name not in tiles and mrn not in tiles
        initials = "".join(part[0] for part in name.split()[:3]).upper()
        assert f"\n{initials}\n" not in f"\n{tiles}\n"
    assert "INFUSING" in tiles and "Critical alarm: Systolic BP" in tiles
    assert locker.screen.geometry() == window.rect()
    assert trail(sqlite_storage)[-1] == "lock"


def test_a_pin_unlocks_and_switches_user(qtbot, window, running, sqlite_storage):
    locker, user = running
    locker.lock("test")
    locker.screen.username.setText("lee")
    qtbot.keyClicks(locker.screen.pin, "0000")
    locker.screen.try_unlock()
    assert locker.locked and "Wrong" in locker.screen.message.text()
    qtbot.keyClicks(locker.screen.pin, "6140")
    locker.screen.try_unlock()
    assert not locker.locked and user.actor.username == "lee"
    assert trail(sqlite_storage)[-1] == "unlock"


def test_idle_for_ten_minutes_locks(qtbot, window, running, clock):
    locker, _user = running
    clock.advance(minutes=9, seconds=59)
    locker.check_idle()
    assert not locker.locked
    clock.advance(seconds=1)
    locker.check_idle()
    assert locker.locked


def test_first_start_then_sign_in_as_a_new_user_would(qtbot, accounts):
    from tests.ui.conftest import answer_dialog
    from ui.accounts.start import sign_in_at_start

    def first_admin(dialog):
        assert isinstance(dialog, FirstAdminDialog)
        for field, value in (("username", "sam"), ("printed_name", "Sam Admin"),
                             ("password", GOOD), ("repeat", GOOD), ("pin", "2580")):
            qtbot.keyClicks(dialog.fields[field], value)
        answer_dialog(qtbot, sign_in)  # the next dialog, once this one closes
        dialog.accept()

    def sign_in(dialog):
        assert isinstance(dialog, SignInDialog)
        seen.update(username=dialog.username.text(),
                    said=" ".join(label.text() for label in dialog.findChildren(QLabel)),
                    focus=dialog.focusWidget() is dialog.secret)
        qtbot.keyClicks(dialog.secret, GOOD)
        dialog.accept()

    seen: dict = {}
    answer_dialog(qtbot, first_admin)
    actor = sign_in_at_start(accounts)
    assert actor is not None and actor.username == "sam" and actor.roles == {Role.ADMIN}
    assert seen["username"] == "sam"  # just chosen: not typed again
    assert "Sam Admin is the clinic's first administrator" in seen["said"]
    assert seen["focus"]  # the password is next


def test_the_review_signs_with_the_password_and_shows_the_manifestation(
        qtbot, ui_service, sqlite_storage, clock, accounts, admin):
    from datetime import timezone

    from export.colours import LIGHT
    from tests.ui.conftest import answer_dialog
    from ui.review.review_view import ReviewView

    dana = add(accounts, admin, "dana", "Dana Whitfield", "MD", Role.PSYCHIATRIST, "4826")
    sid = a_completed_session(ui_service, clock)
    view = ReviewView(ui_service, LIGHT, timezone.utc)
    qtbot.addWidget(view)
    sr = view.session_review
    sr.signing = SigningService(ui_service, SignatureRepository(sqlite_storage), accounts,
                                clock)
    sr.current_user = CurrentUser(dana)
    view.show_patient(ui_service.get_session(sid).patient_id)
    view.show_session(sid)
    assert "UNSIGNED / DRAFT" in sr.signoff.text()

    def sign(dialog):
        assert isinstance(dialog, SignatureDialog)
        qtbot.keyClicks(dialog.password, "anad: a long password")
        dialog.accept()

    seen = answer_dialog(qtbot, sign)
    sr.sign()
    assert seen and ui_service.get_session(sid).signed_by == "Dana Whitfield, MD"
    assert "Electronically signed by Dana Whitfield, MD" in sr.signoff.text()
    with sqlite_storage.engine.begin() as conn:
        conn.execute(text("UPDATE vitals_set SET sbp = 128 WHERE sbp = 184"))
    view.show_patient(ui_service.get_session(sid).patient_id)  # opened again: loaded
    view.show_session(sid)
    assert "ALTERED AFTER SIGNING" in sr.signoff.text() and "vitals" in sr.signoff.text()


def test_a_nurse_cannot_export_and_an_export_is_audited(qtbot, window, sqlite_storage, clock,
                                                        accounts, admin, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import answer_dialog

    kim = add(accounts, admin, "kim", "Kim Rivera", "RN", Role.NURSE, "7391")
    dana = add(accounts, admin, "dana", "Dana Whitfield", "MD", Role.PSYCHIATRIST, "4826")
    sid = a_completed_session(window.service, clock)
    user = CurrentUser(kim)
    window.current_user, window.accounts = user, accounts
    path = tmp_path / "s.pdf"
    said: list[str] = []

    def read_and_close(box):
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    answer_dialog(qtbot, read_and_close)
    assert window.export_pdf("session", sid, str(path)) is None
    assert said and "Only a psychiatrist can export" in said[0] and not path.exists()
    user.sign_in(dana)
    assert window.export_pdf("session", sid, str(path)) == str(path)
    with sqlite_storage.transaction() as s:
        last = list(audit_log.entries(s))[-1]
    assert (last.event.action, last.username, last.event.detail) == (
        "export", "dana", f"PDF to {path}")


def test_the_throwaway_demo_opens_with_its_printed_account(qtbot, accounts, capsys):
    from PySide6.QtWidgets import QLabel

    from tests.ui.conftest import answer_dialog
    from ui.accounts.start import DEMO_PASSWORD, sign_in_at_start

    shown: list[str] = []

    def sign_in(dialog):
        shown.append(dialog.username.text())
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        qtbot.keyClicks(dialog.secret, DEMO_PASSWORD)
        dialog.accept()

    answer_dialog(qtbot, sign_in)
    actor = sign_in_at_start(accounts, throwaway_demo=True)
    assert actor is not None and actor.roles == set(Role)
    assert shown[0] == "demo" and any(DEMO_PASSWORD in text for text in shown)
    assert DEMO_PASSWORD in capsys.readouterr().err


def test_the_locked_board_is_the_boards_own_tiles_coloured_and_inert(qtbot, window,
                                                                     running):
    """Seen at 1280x800: the locked chairs were small black text in boxes, unreadable
    across the room. They are the board's tiles now (tier colours, big clock), names
    left out, and no click or key on them acts."""
    locker, _user = running
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    tiles = locker.screen.board.tiles
    assert tiles and any(t.property("alarm") == "critical" for t in tiles)
    assert all(t.focusPolicy() == Qt.FocusPolicy.NoFocus for t in tiles)
    assert all(t.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
               for t in tiles)
    assert all(t.initials.text() == "" and t.mrn.text() == "" for t in tiles)
    assert "Click to seat" not in "\n".join(locker.screen.tile_texts())  # chair 4 free
