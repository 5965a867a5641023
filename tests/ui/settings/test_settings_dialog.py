"""Clinic settings: protocols (with alarm limits), clinic name and chairs, the drug list.

Each test drives the real dialog on a real SQLite file and checks what the database holds.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from monitor.errors import InvalidEntry
from monitor.records import NewPatient
from monitor.vitals import Limit, Tier
from tests.ui.conftest import answer_dialog
from ui.settings.drug_list_tab import NAMES_ONLY
from ui.settings.limits_model import THRESHOLD
from ui.settings.protocol_fields import KEEP_NOTE, LIMITS_NOTE, SAVED
from ui.settings.settings_dialog import SettingsDialog

SBP_CRITICAL_HIGH = ("sbp", ">=", Tier.CRITICAL, False)


@pytest.fixture
def repo(clock, ui_repo):
    ui_repo.settings.ensure_defaults(clock.now())
    return ui_repo


@pytest.fixture
def dialog(qtbot, repo, ui_service):
    d = SettingsDialog(ui_service.settings)
    d.show()
    qtbot.waitExposed(d)
    yield d
    # closed here, not by qtbot.addWidget: closing with unsaved edits asks first
    for tab in (d.protocols, d.clinic, d.drugs):
        tab.dirty = False
    d.close()
    d.deleteLater()


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def save_protocol(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.protocols.save_button, Qt.MouseButton.LeftButton)


def limit_row(model, key=SBP_CRITICAL_HIGH) -> int:
    return next(i for i, lim in enumerate(model.limits())
                if (lim.measure, lim.op, lim.tier, lim.relative) == key)


def edit_threshold(qtbot, tab, row: int, text: str) -> None:
    """Types into the threshold cell's editor as a nurse would, and presses Enter."""
    index = tab.limits.index(row, THRESHOLD)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.indexWidget(index)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop
    qtbot.waitUntil(lambda: tab.table.indexWidget(index) is None)


def test_dialog_has_three_tabs_and_says_what_a_save_means(dialog):
    assert dialog.windowTitle() == "Clinic settings"
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Protocols", "Clinic", "Drug list"]
    tab = dialog.protocols
    assert tab.note.text() == KEEP_NOTE
    assert tab.limits_note.text() == LIMITS_NOTE
    assert tab.list.count() == 1 and tab.edits["mg_per_kg"].text() == "0.5"
    dose_tip = "0.1–1.0 mg/kg · default 0.5 (standard research dose)"
    assert tab.edits["mg_per_kg"].toolTip() == dose_tip
    assert "(software bound)" in tab.edits["vitals_every_infusing_min"].toolTip()


def test_dose_edited_to_0_75_is_saved(qtbot, dialog, repo):
    tab = dialog.protocols
    retype(qtbot, tab.edits["mg_per_kg"], "0.75")
    save_protocol(qtbot, dialog)
    assert tab.message.text() == SAVED and tab.message.isVisible()
    [stored] = repo.settings.protocols()
    assert stored.mg_per_kg == 0.75
    assert tab.edits["mg_per_kg"].text() == "0.75" and not tab.dirty


def test_dose_out_of_range_is_refused_inline_and_nothing_changes(qtbot, dialog, repo):
    before = repo.settings.protocols()
    tab = dialog.protocols
    retype(qtbot, tab.edits["mg_per_kg"], "1.2")
    save_protocol(qtbot, dialog)
    # the domain's message names the range; the caption beside the field says 0.1–1.0
    assert tab.message.isVisible()
    assert tab.message.text() == ("Dose 1.2 mg/kg is outside the allowed 0.1–1.0 mg/kg. "
                                  "Nothing was saved.")
    assert tab.edits["mg_per_kg"].text() == "1.2"  # kept on screen, not clamped
    assert tab.edits["mg_per_kg"].property("invalid") is True
    assert repo.settings.protocols() == before


@pytest.mark.parametrize(("key", "text", "range_text"), [
    ("planned_minutes", "90", "40–60 min"),
    ("observation_minutes", "5", "15–120 min"),
    ("vitals_every_infusing_min", "0", "1–60 min"),
    ("overdue_after_min", "45", "0–30 min"),
    ("discharge_min_aldrete", "12", "0–10 points"),
])
def test_every_timing_field_refuses_out_of_range(qtbot, dialog, repo, key, text, range_text):
    before = repo.settings.protocols()
    retype(qtbot, dialog.protocols.edits[key], text)
    save_protocol(qtbot, dialog)
    assert range_text in dialog.protocols.message.text()
    assert repo.settings.protocols() == before


def test_limit_edited_is_stored_and_round_trips(qtbot, dialog, repo, ui_service):
    tab = dialog.protocols
    row = limit_row(tab.limits)
    assert tab.limits.index(row, THRESHOLD).data() == "180"
    edit_threshold(qtbot, tab, row, "175")
    assert tab.limits.index(row, THRESHOLD).data() == "175" and tab.dirty
    save_protocol(qtbot, dialog)
    [stored] = repo.settings.protocols()
    assert Limit("sbp", ">=", 175, Tier.CRITICAL) in stored.limits
    assert Limit("sbp", ">=", 180, Tier.CRITICAL) not in stored.limits
    assert len(stored.limits) == 22
    again = SettingsDialog(ui_service.settings)
    qtbot.addWidget(again)
    assert again.protocols.limits.index(row, THRESHOLD).data() == "175"
    assert again.protocols.limits.limits() == stored.limits


def test_limit_out_of_range_is_refused_naming_the_range(qtbot, dialog, repo):
    tab = dialog.protocols
    row = limit_row(tab.limits)
    edit_threshold(qtbot, tab, row, "350")
    assert tab.message.text() == ("Systolic BP critical limit 350 mmHg is outside the "
                                  "allowed 40–300 mmHg. The limit stays at 180.")
    assert tab.limits.index(row, THRESHOLD).data() == "180"
    rise = limit_row(tab.limits, ("sbp", ">=", Tier.CRITICAL, True))
    edit_threshold(qtbot, tab, rise, "0")
    assert "1–260 mmHg" in tab.message.text()
    assert repo.settings.protocols()[0].limits == tab.limits.limits()


def test_limits_model_is_a_well_behaved_model(qtmodeltester, dialog):
    qtmodeltester.check(dialog.protocols.limits)


def test_new_protocol_starts_from_defaults_and_a_duplicate_name_is_refused(qtbot, dialog,
                                                                           repo):
    tab = dialog.protocols
    existing = repo.settings.protocols()[0].name
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.edits["name"].text() == "" and tab.edits["mg_per_kg"].text() == "0.5"
    qtbot.keyClicks(tab.edits["name"], existing)
    save_protocol(qtbot, dialog)
    assert tab.message.text() == (f"A protocol named {existing!r} already exists. "
                                  "Nothing was saved.")
    assert tab.edits["name"].property("invalid") is True
    assert len(repo.settings.protocols()) == 1
    retype(qtbot, tab.edits["name"], "Higher dose 0.75 mg/kg")
    retype(qtbot, tab.edits["mg_per_kg"], "0.75")
    save_protocol(qtbot, dialog)
    assert [(p.name, p.mg_per_kg) for p in repo.settings.protocols()] == [
        (existing, 0.5), ("Higher dose 0.75 mg/kg", 0.75)]
    assert tab.list.count() == 2 and tab.list.currentItem().text() == "Higher dose 0.75 mg/kg"


def test_a_session_opened_before_the_edit_keeps_its_copy(qtbot, dialog, repo, ui_service):
    patient = ui_service.register_patient(NewPatient("S-1", "Sam Lee", date(1985, 3, 2)))
    session = ui_service.open_session(patient.id, "1", 70, protocol=repo.settings.protocols()[0])
    retype(qtbot, dialog.protocols.edits["mg_per_kg"], "0.75")
    edit_threshold(qtbot, dialog.protocols, limit_row(dialog.protocols.limits), "175")
    save_protocol(qtbot, dialog)
    assert repo.settings.protocols()[0].mg_per_kg == 0.75
    kept = repo.sessions.get_session(session.id)
    assert kept.mg_per_kg == 0.5
    assert ui_service.load(session.id) is not None


def test_switching_protocol_with_unsaved_edits_asks_first(qtbot, dialog, repo):
    tab = dialog.protocols
    retype(qtbot, tab.edits["mg_per_kg"], "0.6")

    def cancel(box) -> None:
        box.button(QMessageBox.StandardButton.Cancel).click()

    seen = answer_dialog(qtbot, cancel)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert seen and tab.edits["mg_per_kg"].text() == "0.6"

    def discard(box) -> None:
        box.button(QMessageBox.StandardButton.Discard).click()

    seen = answer_dialog(qtbot, discard)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert seen and tab.edits["mg_per_kg"].text() == "0.5" and tab.edits["name"].text() == ""
    assert repo.settings.protocols()[0].mg_per_kg == 0.5


def test_chair_count_and_clinic_name_are_saved(qtbot, dialog, repo):
    dialog.tabs.setCurrentWidget(dialog.clinic)
    clinic = dialog.clinic
    assert clinic.chairs.text() == "4" and clinic.name.text() == ""
    qtbot.keyClicks(clinic.name, "Riverside Clinic")
    retype(qtbot, clinic.chairs, "6")
    with qtbot.waitSignal(dialog.clinic_changed):
        qtbot.mouseClick(clinic.save_button, Qt.MouseButton.LeftButton)
    assert repo.settings.setting("chair_count") == "6"
    assert repo.settings.setting("clinic_name") == "Riverside Clinic"
    assert clinic.message.text() == "Saved."


@pytest.mark.parametrize("text", ["0", "17", ""])
def test_chair_count_outside_1_to_16_is_refused(qtbot, dialog, repo, text):
    clinic = dialog.clinic
    qtbot.keyClicks(clinic.name, "Riverside Clinic")
    retype(qtbot, clinic.chairs, text)
    qtbot.mouseClick(clinic.save_button, Qt.MouseButton.LeftButton)
    assert "1–16" in clinic.message.text() and "Nothing was saved." in clinic.message.text()
    assert clinic.chairs.property("invalid") is True
    assert repo.settings.setting("chair_count") == "4"
    assert repo.settings.setting("clinic_name") == ""


def test_drug_list_add_and_remove_are_saved(qtbot, dialog, repo):
    drugs = dialog.drugs
    dialog.tabs.setCurrentWidget(drugs)
    assert drugs.table.rowCount() == 5
    row = next(r for r in range(5) if drugs.table.item(r, 0).text() == "Labetalol")
    drugs.table.selectRow(row)
    qtbot.mouseClick(drugs.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(drugs.add_button, Qt.MouseButton.LeftButton)
    new = drugs.table.rowCount() - 1
    index = drugs.table.model().index(new, 0)
    editor = drugs.table.indexWidget(index)  # Add opens the new name for typing
    qtbot.keyClicks(editor, "Ketorolac")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: drugs.table.indexWidget(index) is None)
    drugs.table.cellWidget(new, 2).setCurrentText("IM")
    with qtbot.waitSignal(dialog.formulary_changed):
        qtbot.mouseClick(drugs.save_button, Qt.MouseButton.LeftButton)
    assert [(f.drug, f.unit, f.route) for f in repo.settings.formulary()] == [
        ("Ketorolac", "mg", "IM"), ("Lorazepam", "mg", "PO"), ("Midazolam", "mg", "IV"),
        ("Ondansetron", "mg", "IV"), ("Oxygen", "L/min", "nasal cannula")]
    assert drugs.message.text().startswith("Saved.") and not drugs.dirty


def test_drug_list_offers_only_known_units_and_routes_and_says_names_only(dialog):
    drugs = dialog.drugs
    unit, route = drugs.table.cellWidget(0, 1), drugs.table.cellWidget(0, 2)
    assert unit.count() == 6 and unit.itemText(0) == "mg"
    assert "nasal cannula" in [route.itemText(i) for i in range(route.count())]
    assert drugs.caption.text() == NAMES_ONLY


@pytest.mark.parametrize(("name", "message"), [
    ("", "Row 6 has no name"),
    ("midazolam", "Midazolam"),
])
def test_drug_list_refuses_an_empty_or_repeated_name(qtbot, dialog, repo, name, message):
    drugs = dialog.drugs
    before = repo.settings.formulary()
    qtbot.mouseClick(drugs.add_button, Qt.MouseButton.LeftButton)
    drugs.table.item(5, 0).setText(name)
    qtbot.mouseClick(drugs.save_button, Qt.MouseButton.LeftButton)
    assert drugs.message.text().endswith("Nothing was saved.")
    assert message.casefold() in drugs.message.text().casefold()
    assert repo.settings.formulary() == before


def test_repository_refuses_a_repeated_drug_as_a_known_error(repo):
    before = repo.settings.formulary()
    with pytest.raises(InvalidEntry, match="Midazolam"):
        repo.settings.set_formulary([("Midazolam", "mg", "IV"), ("Midazolam", "mg", "IM")])
    assert repo.settings.formulary() == before


def test_closing_with_unsaved_changes_asks_first(qtbot, dialog):
    retype(qtbot, dialog.clinic.chairs, "8")
    assert dialog.unsaved_tabs() == ["Clinic"]

    def cancel(box) -> None:
        assert "Clinic" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    seen = answer_dialog(qtbot, cancel)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert seen and dialog.isVisible()


@pytest.mark.parametrize(("text", "message"), [
    ("River\x00side", "Clinic name contains an invisible control character (U+0000)"),
    ("R" * 10_001, "Clinic name is 10,001 characters long; the limit is 200."),
])
def test_clinic_name_with_a_nul_or_too_long_is_refused_and_nothing_saved(qtbot, dialog, repo,
                                                                         text, message):
    clinic = dialog.clinic
    clinic.name.setMaxLength(20_000)
    clinic.name.setText(text)
    retype(qtbot, clinic.chairs, "6")
    qtbot.mouseClick(clinic.save_button, Qt.MouseButton.LeftButton)
    assert message in clinic.message.text() and "Nothing was saved." in clinic.message.text()
    assert repo.settings.setting("chair_count") == "4"
    assert repo.settings.setting("clinic_name") == ""


def test_drug_list_refuses_a_name_with_a_control_character(qtbot, dialog, repo):
    drugs = dialog.drugs
    before = repo.settings.formulary()
    qtbot.mouseClick(drugs.add_button, Qt.MouseButton.LeftButton)
    drugs.table.item(5, 0).setText("Keto\x07rolac")
    qtbot.mouseClick(drugs.save_button, Qt.MouseButton.LeftButton)
    assert "Drug name contains an invisible control character" in drugs.message.text()
    assert repo.settings.formulary() == before
