"""A whole session through the real widgets, then the database and the chart data."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from db.models import EventRow, SessionRow, SideEffectRow, VitalsRow
from tests.ui.conftest import answer_dialog


def click(qtbot, widget) -> None:
    assert widget.isEnabled(), f"{widget.objectName() or widget.text()} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_vitals(qtbot, view, sbp, dbp, hr, spo2, rr, temp="") -> None:
    form = view.vitals_form
    for key, value in zip(("sbp", "dbp", "hr", "spo2", "rr", "temp_c"),
                          (sbp, dbp, hr, spo2, rr, temp), strict=True):
        form.inputs[key].clear()
        qtbot.keyClicks(form.inputs[key], str(value))
    qtbot.keyClick(form.inputs["rr"], Qt.Key.Key_Return)  # Enter saves from any field


def register(qtbot, window, mrn="MRN-77", name="Alex Rivera") -> None:
    def fill(dialog):
        qtbot.keyClicks(dialog.mrn, mrn)
        qtbot.keyClicks(dialog.name, name)
        qtbot.keyClicks(dialog.dob.edit, "1984-05-06")
        qtbot.keyClicks(dialog.allergies, "Sulfa")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    seen = answer_dialog(qtbot, fill)
    click(qtbot, window.patients.register_button)
    assert seen


def open_session(qtbot, window, weight="70") -> None:
    def fill(dialog):
        qtbot.keyClicks(dialog.weight, weight)
        total = float(weight) / 2
        lines = dialog.dose.text().splitlines()
        assert lines[0] == f"{weight} kg × 0.5 mg/kg = {total:g} mg over 40 min"
        assert "bag's concentration" in lines[1]
        qtbot.keyClicks(dialog.concentration, "1")
        qtbot.keyClicks(dialog.bag_volume, "100")
        lines = dialog.dose.text().splitlines()
        assert lines[1] == f"{total:g} mg ÷ 1 mg/mL = {total:g} mL to infuse (bag 100 mL)"
        exact = Decimal(weight) / 2 * Decimal("1.5")  # mL/h, rounded once for the pump
        pump = exact.quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert lines[2] == (f"{total:g} mL ÷ (40 min ÷ 60) = {exact.normalize():f} mL/h: "
                            f"set the pump to {pump.normalize():f} mL/h")
        dialog.chair.setCurrentText("3")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    seen = answer_dialog(qtbot, fill)
    click(qtbot, window.patients.start_button)
    assert seen


def give_reason(qtbot, text):
    def fill(dialog):
        qtbot.keyClicks(dialog.editor, text)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    return answer_dialog(qtbot, fill)


def discharge_all_clear(qtbot):
    def fill(dialog):
        for group in dialog.items.values():
            if group.value() is None:
                group.buttons[2].setChecked(True)
        dialog.escort.setChecked(True)
        dialog.no_driving.setChecked(True)
        assert dialog.status.text().startswith("Score 10/10")
        click(qtbot, dialog.discharge_button)
    return answer_dialog(qtbot, fill)


def say_yes(qtbot):
    return answer_dialog(qtbot, lambda box: click(
        qtbot, box.button(QMessageBox.StandardButton.Yes)))


def test_whole_session_through_the_window(qtbot, window, ui_service, clock, sqlite_storage):
    t0 = clock.now()
    register(qtbot, window)
    assert window.patients.selected_patient().name == "Alex Rivera"
    open_session(qtbot, window)
    view = window.session_view
    assert window.stack.currentWidget() is view
    assert "Alex Rivera" in view.header.text() and "35 mg" in view.header.text()
    assert view.clock_view.phase.text() == "BASELINE"

    type_vitals(qtbot, view, 122, 78, 70, 98, 14, "36.6")  # baseline
    clock.advance(minutes=1)
    click(qtbot, view.controls.buttons["start"])
    view.tick()
    assert view.clock_view.phase.text() == "INFUSING"

    clock.advance(minutes=10)
    view.tick()
    assert view.clock_view.elapsed.text() == "10:00"
    assert view.clock_view.remaining.text() == "30:00"
    type_vitals(qtbot, view, 148, 92, 84, 97, 16)
    click(qtbot, view.side_effects.kind_buttons["nausea"])
    click(qtbot, view.side_effects.severity_buttons[5])
    qtbot.keyClicks(view.side_effects.note, "mild, wants to continue")
    click(qtbot, view.side_effects.log_button)
    assert view.side_effects.message.text().startswith("Logged: Nausea 5/10 (moderate)")

    clock.advance(minutes=2)
    seen = give_reason(qtbot, "Patient asked for a break")
    click(qtbot, view.controls.buttons["pause"])
    assert seen and view.clock_view.phase.text() == "PAUSED"
    clock.advance(minutes=3)
    view.tick()
    assert view.clock_view.elapsed.text() == "12:00"  # the pause does not count
    click(qtbot, view.controls.buttons["resume"])
    clock.advance(minutes=28)
    view.tick()
    assert view.clock_view.alerting  # 40 min reached: the alert offers "End infusion"
    seen = say_yes(qtbot)
    click(qtbot, view.clock_view.end_button)
    assert seen and view.clock_view.phase.text() == "OBSERVATION"
    clock.advance(minutes=30)
    type_vitals(qtbot, view, 126, 80, 74, 98, 14)
    seen = discharge_all_clear(qtbot)
    click(qtbot, view.controls.buttons["discharge"])
    assert seen and view.clock_view.phase.text() == "DISCHARGED"

    with sqlite_storage.transaction() as s:
        session = s.scalars(select(SessionRow)).one()
        vitals = s.scalars(select(VitalsRow).order_by(VitalsRow.taken_at)).all()
        effects = s.scalars(select(SideEffectRow)).all()
        events = s.scalars(select(EventRow).order_by(EventRow.at)).all()
    assert session.phase == "discharged" and session.chair == "3"
    assert session.weight_kg == 70 and session.mg_per_kg == 0.5
    assert session.started_at == t0 + timedelta(minutes=1)
    assert session.infusion_ended_at == t0 + timedelta(minutes=44)
    assert [(v.sbp, v.dbp, v.hr, v.spo2, v.rr, v.temp_c) for v in vitals] == [
        (122, 78, 70, 98, 14, 36.6), (148, 92, 84, 97, 16, None), (126, 80, 74, 98, 14, None)]
    assert [(e.kind, e.severity, e.note) for e in effects] == [
        ("nausea", 5, "mild, wants to continue")]
    assert [(e.kind, e.text) for e in events] == [
        ("start", ""), ("pause", "Patient asked for a break"), ("resume", ""),
        ("end_infusion", ""),
        ("discharge", "Aldrete 10/10; escort present; no driving confirmed")]
    assert session.pump_rate_ml_h == 52.5 and session.concentration_mg_ml == 1
    assert session.discharge_ready_at == session.discharged_at

    # the charts: minutes from the start of the infusion
    x, y = view.charts.curves["sbp"].getData()
    assert np.allclose(x, [-1, 10, 73]) and list(y) == [122, 148, 126]
    x, y = view.charts.curves["dbp"].getData()
    assert list(y) == [78, 92, 80]
    assert list(view.charts.curves["hr"].getData()[1]) == [70, 84, 74]
    assert list(view.charts.curves["spo2"].getData()[1]) == [98, 97, 98]
    assert list(view.charts.curves["rr"].getData()[1]) == [14, 16, 14]
    spots = view.charts.effect_points.data
    assert [tuple(p) for p in zip(spots["x"], spots["y"], strict=True)] == [(10.0, 5.0)]
    assert view.charts.effect_labels[0].textItem.toPlainText() == "Nausea 5"
    # the log: newest first (the Aldrete score and the discharge share a time)
    assert {view.log_model.entry(0).what, view.log_model.entry(1).what} == {
        "Discharged", "Assessment"}
    assert view.log_model.rowCount() == 3 + 1 + 5 + 1
