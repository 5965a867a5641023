"""The Aldrete pre-fill reads only a set taken after the infusion ended and within the
clinic's window (default 15 min), never the baseline itself (real dialog, real SQLite)."""

from __future__ import annotations

import pytest

from monitor.vitals import VitalsValues
from tests.ui.care.test_care_dialogs import shown, started
from ui.care.discharge_dialog import DischargeDialog

NONE_MESSAGE = ("No vitals set in the last 15 min after the\ninfusion ended: take one, or "
                "score by hand.")


def test_no_vitals_since_the_start_prefills_nothing(qtbot, ui_service, clock):
    sid = started(ui_service, clock)  # baseline 120/80 only
    clock.advance(minutes=40)
    ui_service.end_infusion(sid)
    clock.advance(minutes=38)  # 78 minutes after the baseline
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    for key in ("oxygen", "circulation"):
        assert dialog.items[key].value() is None
        assert dialog.reasons[key].text() == NONE_MESSAGE


@pytest.mark.parametrize(("age_min", "used"), [(15, True), (16, False)])
def test_a_set_older_than_the_window_is_not_used(qtbot, ui_service, clock, age_min, used):
    sid = started(ui_service, clock)
    clock.advance(minutes=40)
    ui_service.end_infusion(sid)
    clock.advance(minutes=14)
    ui_service.record_vitals(sid, VitalsValues(150, 80, 70, 97, 14))  # +25 %: scored 1
    clock.advance(minutes=age_min)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    if used:
        assert dialog.items["circulation"].value() == 1
        assert dialog.reasons["circulation"].text().endswith("25.0 % change")
    else:
        assert dialog.items["circulation"].value() is None
        assert dialog.reasons["circulation"].text() == NONE_MESSAGE


def test_a_set_taken_before_the_end_is_not_used(qtbot, ui_service, clock):
    sid = started(ui_service, clock)
    clock.advance(minutes=39)
    ui_service.record_vitals(sid, VitalsValues(180, 80, 70, 97, 14))
    clock.advance(minutes=1)
    ui_service.end_infusion(sid)
    clock.advance(minutes=5)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    assert dialog.items["circulation"].value() is None
