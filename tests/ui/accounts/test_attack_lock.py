"""An attack pass on the lock (issue 10 §1, automatic logoff): a dialog open when the lock
comes, the window's shortcuts and menus while locked, and unlocking as someone else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.accounts import test_accounts_ui as lock_tests
from ui.accounts.lock_screen import LockScreen
from ui.common.text_dialog import TextDialog

# the running clinic of the lock's own tests (their fixtures, shared)
accounts, admin, running = lock_tests.accounts, lock_tests.admin, lock_tests.running

NAME = "Alex Morgan"  # what a dialog about a patient shows


def open_note_dialog(window) -> TextDialog:
    """A note dialog left open at the chair, window-modal as the app's are when shown."""
    dialog = TextDialog(f"Note — {NAME}", f"Note for {NAME}", window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    return dialog


def visible_names(dialog) -> list[str]:
    """Texts of the dialog a passer-by could read: its title, and its labels not under a
    lock cover."""
    covered = any(isinstance(c, LockScreen) and c.isVisible() for c in dialog.children())
    seen = [dialog.windowTitle()]
    if not covered:
        seen += [label.text() for label in dialog.findChildren(QLabel)]
    return [text for text in seen if NAME in text]


def test_a_dialog_open_when_the_lock_comes_is_covered_and_the_pin_still_works(
        qtbot, window, running):
    locker, user = running
    dialog = open_note_dialog(window)
    qtbot.addWidget(dialog)
    dialog.editor.setText("BP settled after the pause")
    assert visible_names(dialog)
    locker.lock("idle for 10 minutes")
    assert locker.locked and visible_names(dialog) == []
    # the PIN can be typed where the input goes: the dialog is modal, so on its cover
    cover = next(c for c in dialog.children() if isinstance(c, LockScreen))
    cover.username.setText("kim")
    qtbot.keyClicks(cover.pin, "7391")
    cover.try_unlock()
    assert not locker.locked and user.actor.username == "kim"
    assert dialog.isVisible() and visible_names(dialog)  # the same user gets it back
    assert dialog.editor.text() == "BP settled after the pause"


def test_another_users_pin_closes_what_the_previous_user_left_open(qtbot, window, running):
    locker, user = running
    dialog = open_note_dialog(window)
    qtbot.addWidget(dialog)
    locker.lock("locked by the user")
    locker.screen.username.setText("lee")
    qtbot.keyClicks(locker.screen.pin, "6140")
    locker.screen.try_unlock()
    # Lee is now the author of the next entry: Kim's half-typed note is not Lee's to save
    assert user.actor.username == "lee"
    assert not dialog.isVisible()


def test_while_locked_no_shortcut_or_menu_of_the_window_acts(qtbot, window, running):
    locker, _user = running
    locker.lock("locked by the user")
    actions = [a for a in window.findChildren(QAction) if a.shortcut().toString()]
    assert actions
    assert not [a.text() for a in actions if a.isEnabled()]
    assert not window.menuBar().isEnabled()
    for key in (Qt.Key.Key_N, Qt.Key.Key_E, Qt.Key.Key_F):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.activeModalWidget() is None
    # an action the window enables again while locked (its own refresh) still does nothing
    register = next(a for a in actions if a.shortcut().matches(QKeySequence("Ctrl+N")))
    register.setEnabled(True)
    fired: list[bool] = []
    register.triggered.connect(lambda *_: fired.append(True))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert fired == []
    register.triggered.disconnect()
    locker.screen.username.setText("kim")
    qtbot.keyClicks(locker.screen.pin, "7391")
    locker.screen.try_unlock()
    assert window.menuBar().isEnabled()
    assert [a for a in actions if a.isEnabled()]
