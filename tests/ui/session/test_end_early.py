"""End infusion before the planned time in the real session screen: the shortfall is shown,
a reason is required, and it is stored as stopped early (real SQLite file, fixed clock)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel
from sqlalchemy import select

from db.models import EventRow
from monitor.vitals import VitalsValues
from tests.ui.conftest import answer_dialog
from tests.ui.session.test_entries import start_a_session
from tests.ui.session.test_session_flow import click

OK = QDialogButtonBox.StandardButton.Ok


def test_end_at_2_55_asks_for_a_reason_and_shows_the_shortfall(
        qtbot, window, ui_service, clock, sqlite_storage):
    view = start_a_session(qtbot, window)  # 70 kg × 0.5 = 35 mg at 1 mg/mL
    ui_service.record_vitals(view.session_id, VitalsValues(120, 80, 70, 98, 14))
    view.show_session(view.session_id)
    click(qtbot, view.controls.buttons["start"])
    clock.advance(minutes=2, seconds=55)
    prompts = []

    def fill(dialog):
        prompts.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        assert not dialog.buttons.button(OK).isEnabled()  # a reason is required
        qtbot.keyClicks(dialog.editor, "Patient asked to stop")
        click(qtbot, dialog.buttons.button(OK))

    seen = answer_dialog(qtbot, fill)
    click(qtbot, view.controls.buttons["end_infusion"])
    assert seen
    assert "The infusion has run 2:55 of the planned 40 min: 37:05 short" in prompts[0]
    assert "≈ 2.6 of 35 mg delivered (32.4 mg short)" in prompts[0]
    with sqlite_storage.transaction() as s:
        rows = s.execute(select(EventRow.kind, EventRow.text)).all()
    assert rows[-1] == ("stop_early", "Patient asked to stop")
    view.tick()
    assert view.clock_view.phase.text() == "OBSERVATION (STOPPED EARLY)"
