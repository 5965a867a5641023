"""A note or a reason typed in its dialog survives a save that fails: the dialog stays
open with the text and says why, and OK saves it once the cause is gone."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from db.models import EventRow
from monitor.text_limits import NOTE as NOTE_LIMIT
from tests.ui.conftest import answer_dialog
from tests.ui.session.test_entries import start_a_session
from tests.ui.session.test_session_flow import click, type_vitals

NOTE = "Patient tearful at 20 min; reassured, wants to continue"


def stored_texts(storage, kind: str) -> list[str]:
    with storage.transaction() as s:
        return list(s.scalars(select(EventRow.text).where(EventRow.kind == kind)))


def infusing(qtbot, window, clock):
    view = start_a_session(qtbot, window)
    type_vitals(qtbot, view, 122, 78, 70, 98, 14)
    clock.advance(minutes=1)
    click(qtbot, view.controls.buttons["start"])
    clock.advance(minutes=5)
    return view


def type_and_ok_twice(qtbot, text: str, between) -> list:
    """Types ``text``, presses OK, checks the dialog kept it, calls ``between(dialog)``
    (which clears the cause), then presses OK again."""
    seen: list = []

    def fill(dialog):
        qtbot.keyClicks(dialog.editor, text[:40])  # the rest pasted: 4,000 key presses
        paste = getattr(dialog.editor, "insertPlainText", None) or dialog.editor.insert
        paste(text[40:])
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        began = time.monotonic()
        click(qtbot, ok)
        waited = time.monotonic() - began
        seen.append((dialog.isVisible(), dialog.text(), dialog.message.text(), waited))
        between(dialog)
        click(qtbot, ok)

    answer_dialog(qtbot, fill)
    return seen


@pytest.mark.parametrize(("action", "kind"), [
    ("note", "note"), ("pause", "pause"), ("stop_early", "stop_early")])
def test_a_save_on_a_locked_database_keeps_the_dialog_open_with_the_text(
        qtbot, window, clock, sqlite_storage, action, kind):
    view = infusing(qtbot, window, clock)
    locker = sqlite3.connect(sqlite_storage.url.database, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        seen = type_and_ok_twice(qtbot, NOTE, lambda _dialog: locker.execute("ROLLBACK"))
        click(qtbot, view.controls.buttons[action])
    finally:
        locker.close()
    still_open, kept, message, waited = seen[0]
    assert still_open and kept == NOTE
    assert message.startswith("Not saved: the database is locked by another program.")
    assert waited < 2.0  # the window froze for the 0.5 s busy timeout, not 3 s
    assert stored_texts(sqlite_storage, kind) == [NOTE]  # saved by the second OK


def test_a_refused_note_keeps_the_dialog_open_and_the_fixed_text_is_saved(
        qtbot, window, clock, sqlite_storage):
    view = infusing(qtbot, window, clock)
    too_long = "x" * (NOTE_LIMIT + 1)

    def shorten(dialog):
        dialog.editor.setPlainText(dialog.text()[:NOTE_LIMIT])

    seen = type_and_ok_twice(qtbot, too_long, shorten)
    click(qtbot, view.controls.buttons["note"])
    still_open, kept, message, _ = seen[0]
    assert still_open and kept == too_long
    assert message == (f"Note is {NOTE_LIMIT + 1:,} characters long; "
                       f"the limit is {NOTE_LIMIT:,}.")
    assert stored_texts(sqlite_storage, "note") == ["x" * NOTE_LIMIT]


def test_vitals_saved_on_a_locked_database_stay_on_screen_and_the_wait_is_short(
        qtbot, window, clock, sqlite_storage):
    view = infusing(qtbot, window, clock)
    locker = sqlite3.connect(sqlite_storage.url.database, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        type_vitals(qtbot, view, 131, 82, 76, 97, 15)  # Enter saves
        waited = time.monotonic() - began
    finally:
        locker.close()
    form = view.vitals_form
    assert form.message.text().startswith("Not saved: the database is locked")
    assert [form.inputs[k].text() for k in ("sbp", "dbp", "hr", "spo2", "rr")] == \
        ["131", "82", "76", "97", "15"]
    assert waited < 2.0  # typing and the 0.5 s busy timeout, not 3 s
    click(qtbot, form.save_button)  # the lock is gone: the same entry saves
    assert window.service._repo.sessions.vitals(view.session_id)[-1].values.sbp == 131
