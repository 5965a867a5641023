"""Marking an entry in the chair view's session log, with the real window on a real
SQLite file: the dialog asks status and reason, the line is kept struck through with its
mark, the alarm it raised no longer shows, and the recheck is linked."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from db.models import CorrectionRow, VitalsRow
from tests.ui.conftest import answer_dialog
from tests.ui.session.test_session_flow import click, open_session, register, type_vitals
from ui.session.mark_dialog import MarkDialog


def select_log_row(view, text: str) -> int:
    model = view.log_model
    row = next(r for r in range(model.rowCount()) if text in model.entry(r).detail)
    view.log_view.selectionModel().select(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    return row


def mark_as(qtbot, status_index: int, reason: str, recheck: bool = False,
            refusal: list | None = None):
    def fill(dialog: MarkDialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if refusal is not None:  # first OK with nothing chosen: refused in the dialog
            click(qtbot, ok)
            refusal.append(dialog.message.text())
        dialog.status_choice.buttons[status_index].setChecked(True)
        qtbot.keyClicks(dialog.reason.lineEdit(), reason)
        dialog.recheck_box.setChecked(recheck)
        click(qtbot, ok)
    return answer_dialog(qtbot, fill)


def cuff_session(qtbot, window, clock):
    register(qtbot, window)
    open_session(qtbot, window)
    view = window.session_view
    type_vitals(qtbot, view, 124, 78, 72, 98, 14)
    click(qtbot, view.controls.buttons["start"])
    clock.advance(minutes=5)
    view.tick()
    type_vitals(qtbot, view, 185, 95, 80, 97, 15)
    assert view.alarm_banner.isVisible()
    return view


def test_an_artifact_is_marked_struck_and_rechecked(qtbot, window, clock, sqlite_storage):
    view = cuff_session(qtbot, window, clock)
    assert not view.mark_button.isEnabled()  # nothing selected yet
    row = select_log_row(view, "BP 185/95")
    assert view.mark_button.isEnabled()
    refusal: list = []
    seen = mark_as(qtbot, 1, "cuff", recheck=True, refusal=refusal)
    click(qtbot, view.mark_button)
    assert seen and refusal == ["Choose entered in error or artifact."]
    with sqlite_storage.transaction() as s:
        mark = s.scalars(select(CorrectionRow)).one()
        cuff = s.scalars(select(VitalsRow).where(VitalsRow.sbp == 185)).one()
        assert (mark.entry_kind, mark.entry_id, mark.status, mark.reason) == (
            "vitals", cuff.id, "artifact", "cuff")
    line = view.log_model.entry(row)
    assert line.struck and "ARTIFACT: cuff — marked" in line.detail
    font = view.log_model.data(view.log_model.index(row, 0), Qt.ItemDataRole.FontRole)
    assert font.strikeOut()
    assert not view.alarm_banner.isVisible()  # the artifact's alarm is not open
    assert view.vitals_form.message.text() == ""  # no stale "Saved and flagged"
    assert view.log_model.rowCount() == 3  # kept: baseline, start, cuff
    # the recheck: the form is set for it, the replaced values only as hints
    form = view.vitals_form
    assert form.recheck_of == cuff.id and form.recheck_label.isVisible()
    assert "Recheck of" in form.recheck_label.text() and "artifact: cuff" in \
        form.recheck_label.text()
    assert form.inputs["sbp"].text() == "" and form.inputs["sbp"].placeholderText() == \
        "was 185"
    type_vitals(qtbot, view, 150, 90, 78, 97, 15)
    with sqlite_storage.transaction() as s:
        link = s.scalars(select(CorrectionRow).where(CorrectionRow.status == "recheck")).one()
        new = s.scalars(select(VitalsRow).where(VitalsRow.sbp == 150)).one()
        assert (link.entry_id, link.recheck_of) == (new.id, cuff.id)
    assert form.recheck_of is None and not form.recheck_label.isVisible()
    recheck = next(view.log_model.entry(r) for r in range(view.log_model.rowCount())
                   if "BP 150/90" in view.log_model.entry(r).detail)
    assert "Recheck of" in recheck.detail and "(artifact: cuff)" in recheck.detail


def test_marked_by_keyboard_alone_and_only_once(qtbot, window, clock, sqlite_storage):
    view = cuff_session(qtbot, window, clock)
    view.log_view.setFocus()
    qtbot.keyClick(view.log_view, Qt.Key.Key_Home)  # newest first: the cuff line
    assert "BP 185/95" in view.log_model.entry(view.log_view.currentIndex().row()).detail
    assert view.mark_button.isEnabled()
    seen = mark_as(qtbot, 0, "typed into the wrong chair")
    view.mark_button.setFocus()
    qtbot.keyClick(view.mark_button, Qt.Key.Key_Space)
    assert seen
    line = view.log_model.entry(0)
    assert line.struck and "ENTERED IN ERROR: typed into the wrong chair" in line.detail
    select_log_row(view, "BP 185/95")
    # marked once; the mark stands: the button now offers only to withdraw it
    assert view.mark_button.text() == "Withdraw the mark…"
    with sqlite_storage.transaction() as s:
        assert len(s.scalars(select(CorrectionRow)).all()) == 1


def test_a_mark_made_by_mistake_is_withdrawn_from_the_log(qtbot, window, clock,
                                                          sqlite_storage):
    from ui.common.text_dialog import TextDialog

    view = cuff_session(qtbot, window, clock)
    select_log_row(view, "BP 185/95")
    mark_as(qtbot, 1, "cuff")
    click(qtbot, view.mark_button)
    assert not view.alarm_banner.isVisible()
    row = select_log_row(view, "BP 185/95")
    assert view.log_model.entry(row).struck
    assert view.mark_button.isEnabled() and view.mark_button.text() == "Withdraw the mark…"

    def withdraw(dialog):
        assert isinstance(dialog, TextDialog)
        qtbot.keyClicks(dialog.editor, "marked the wrong row")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    seen = answer_dialog(qtbot, withdraw)
    click(qtbot, view.mark_button)
    assert seen
    with sqlite_storage.transaction() as s:
        statuses = [c.status for c in s.scalars(select(CorrectionRow).order_by(
            CorrectionRow.id))]
    assert statuses == ["artifact", "withdrawn"]
    row = select_log_row(view, "BP 185/95")
    line = view.log_model.entry(row)
    assert not line.struck and "Artifact mark withdrawn: marked the wrong row" in line.detail
    assert view.alarm_banner.isVisible()  # the reading counts again: its alarm is open
    assert view.mark_button.text() == "Mark entered in error / artifact…"
    assert "Mark withdrawn: marked the wrong row" in view.status.text()


def test_alt_a_then_typing_fills_the_reason(qtbot, window, clock, sqlite_storage):
    """Seen at the chair: Alt+A chose Artifact, but "cuff" typed next went nowhere."""
    view = cuff_session(qtbot, window, clock)
    select_log_row(view, "BP 185/95")

    def by_keyboard(dialog: MarkDialog):
        dialog.activateWindow()  # as the window manager does for a new dialog
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.status_choice.setFocus()  # where the focus was at the chair
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClicks(dialog.focusWidget(), "cuff")  # at once: Qt clicks 100 ms later
        qtbot.waitUntil(lambda: dialog.status_choice.value() == 1)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        if dialog.isVisible():  # not taken: closed, so that the test fails, not hangs
            dialog.reject()

    seen = answer_dialog(qtbot, by_keyboard)
    click(qtbot, view.mark_button)
    assert seen
    with sqlite_storage.transaction() as s:
        mark = s.scalars(select(CorrectionRow)).one()
        assert (mark.status, mark.reason) == ("artifact", "cuff")
