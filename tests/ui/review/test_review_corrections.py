"""Corrections in the psychiatrist's review, through the real widgets on a real SQLite
file: a discharged, unsigned session takes a mark (from the vitals table) and a note; once
signed, neither is offered and the addendum names the item it corrects."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from db.models import AddendumRow, CorrectionRow, EventRow
from tests.ui.conftest import answer_dialog
from tests.ui.review.test_review import (
    HELEN_PASSWORD,
    click,
    demo,
    helen,
    open_course,
    open_row,
    press_ok,
    review,
)

__all__ = ["demo", "helen", "review"]  # fixtures


def select_row(view, row: int) -> None:
    view.selectionModel().select(
        view.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_mark_and_note_until_signed_then_an_addendum_names_the_item(
        qtbot, review, demo, ui_service, clock, sqlite_storage, helen):
    open_course(qtbot, review, "CH-1001")
    open_row(qtbot, review, 0)  # completed, not signed
    sr = review.session_review
    sid = sr.session_id
    assert sr.note_button.isEnabled() and not sr.mark_button.isEnabled()
    select_row(sr.vitals_view, 2)
    bp = sr.vitals_model.index(2, 2).data()
    assert sr.mark_button.isEnabled()

    def mark(dialog):
        assert bp in dialog.findChild(QLabel, "markedEntry").text()
        dialog.status_choice.buttons[1].setChecked(True)
        qtbot.keyClicks(dialog.reason.lineEdit(), "patient talking")
        assert not dialog.recheck_box.isVisibleTo(dialog)  # no recheck after discharge
        press_ok(qtbot, dialog)

    seen = answer_dialog(qtbot, mark)
    click(qtbot, sr.mark_button)
    assert seen
    with sqlite_storage.transaction() as s:
        row = s.scalars(select(CorrectionRow)).one()
        assert (row.session_id, row.status, row.reason) == (sid, "artifact",
                                                            "patient talking")
    assert sr.vitals_model.index(2, 7).data().startswith("ARTIFACT: patient talking")
    font = sr.vitals_model.data(sr.vitals_model.index(2, 2), Qt.ItemDataRole.FontRole)
    assert font.strikeOut() and sr.vitals_model.index(2, 2).data() == bp  # kept
    struck = [sr.log_model.entry(r) for r in range(sr.log_model.rowCount())
              if sr.log_model.entry(r).struck]
    assert len(struck) == 1 and "ARTIFACT: patient talking" in struck[0].detail

    def note(dialog):
        qtbot.keyClicks(dialog.editor, "Phoned at 18:00: home, well.")
        press_ok(qtbot, dialog)

    seen = answer_dialog(qtbot, note)
    click(qtbot, sr.note_button)  # discharged but unsigned: a note is taken
    assert seen
    with sqlite_storage.transaction() as s:
        texts = s.scalars(select(EventRow.text).where(EventRow.session_id == sid)).all()
        assert "Phoned at 18:00: home, well." in texts

    ui_service.sign(sid, "Dr Helen Park")
    assert not sr.note_button.isEnabled() and not sr.mark_button.isEnabled()
    assert "addendum" in sr.mark_button.toolTip()
    record = ui_service.load(sid)
    score = record.assessments[0]

    def amend(dialog):
        combo = dialog.corrects
        index = next(i for i in range(combo.count())
                     if combo.itemData(i) == ("assessment", score.id))
        combo.setCurrentIndex(index)
        qtbot.keyClicks(dialog.text, "Score was 15, not 13.")
        qtbot.keyClicks(dialog.reason.lineEdit(), "Correction")
        qtbot.keyClicks(dialog.password, HELEN_PASSWORD)  # signed, as the session was
        press_ok(qtbot, dialog)

    seen = answer_dialog(qtbot, amend)
    click(qtbot, sr.addendum_button)
    assert seen
    with sqlite_storage.transaction() as s:
        row = s.scalars(select(AddendumRow)).one()
        assert (row.corrects_kind, row.corrects_id) == ("assessment", score.id)
    assert "Corrected by addendum" in sr.details.toPlainText()
