"""Every dialog is typed from start to finish: the focus opens in the first field, Enter
(Ctrl+Enter in a notes box) submits from any field, Tab leaves a notes box, and a date of
birth is read as typed or refused, never defaulted (real widgets, real SQLite file)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QPlainTextEdit

from monitor.records import NewPatient
from ui.accounts.signature_dialog import SignatureDialog
from ui.board.register_dialog import RegisterPatientDialog
from ui.board.start_session_dialog import StartSessionDialog
from ui.care.medication_dialog import MedicationDialog
from ui.care.rate_dialog import RateDialog
from ui.common.text_dialog import TextDialog
from ui.review.addendum_dialog import AddendumDialog

REGISTER_FIELDS = ("mrn", "name", "dob", "allergies", "notes")


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    return dialog


def typing_in(widget) -> QLineEdit | QPlainTextEdit:
    return getattr(widget, "edit", widget)


def press_enter(qtbot, widget) -> None:
    target = typing_in(widget)
    target.setFocus()
    keys = (Qt.KeyboardModifier.ControlModifier if isinstance(target, QPlainTextEdit)
            else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(target, Qt.Key.Key_Return, keys)


def fill_register(qtbot, d: RegisterPatientDialog, mrn: str, dob: str = "1975-03-14"):
    qtbot.keyClicks(d.focusWidget(), mrn)  # typed where the dialog put the focus
    qtbot.keyClicks(d.name, "Future Baby")  # a space is a letter, never Cancel
    qtbot.keyClicks(d.dob.edit, dob)
    qtbot.keyClicks(d.allergies, "Sulfa")
    qtbot.keyClicks(d.notes, "Prefers the window chair")


def test_register_opens_with_the_focus_in_the_mrn(qtbot, ui_service):
    d = shown(qtbot, RegisterPatientDialog(ui_service))
    assert d.focusWidget() is d.mrn
    qtbot.keyClicks(d.focusWidget(), "A 1")
    assert d.mrn.text() == "A 1" and d.isVisible()


@pytest.mark.parametrize("field", REGISTER_FIELDS)
def test_enter_registers_from_every_field(qtbot, ui_service, field):
    d = shown(qtbot, RegisterPatientDialog(ui_service))
    fill_register(qtbot, d, f"MRN-{field}")
    press_enter(qtbot, getattr(d, field))
    assert d.result() == QDialog.DialogCode.Accepted
    stored = ui_service.find_patients(f"MRN-{field}")
    assert [(p.name, p.date_of_birth, p.notes) for p in stored] == [
        ("Future Baby", date(1975, 3, 14), "Prefers the window chair")]


def test_enter_in_the_notes_box_starts_a_new_line_and_tab_leaves_it(qtbot, ui_service):
    d = shown(qtbot, RegisterPatientDialog(ui_service))
    d.notes.setFocus()
    qtbot.keyClicks(d.notes, "line one")
    qtbot.keyClick(d.notes, Qt.Key.Key_Return)
    qtbot.keyClicks(d.notes, "two")
    qtbot.keyClick(d.notes, Qt.Key.Key_Tab)
    assert d.notes.toPlainText() == "line one\ntwo"
    assert d.focusWidget() is not d.notes and d.isVisible()


@pytest.mark.parametrize(("typed", "expected"), [
    ("1975-03-14", date(1975, 3, 14)), ("19750314", date(1975, 3, 14))])
def test_the_date_of_birth_is_stored_as_typed(qtbot, ui_service, typed, expected):
    d = shown(qtbot, RegisterPatientDialog(ui_service))
    fill_register(qtbot, d, "MRN-D", typed)
    assert d.dob.understood.text() == "= 14 March 1975"
    press_enter(qtbot, d.dob)
    assert [p.date_of_birth for p in ui_service.find_patients("MRN-D")] == [expected]


def test_the_locale_short_form_is_read_in_the_locale_order(qtbot):
    from ui.common.date_field import DateField

    british = DateField(locale=QLocale(QLocale.Language.English,
                                       QLocale.Country.UnitedKingdom))
    american = DateField(locale=QLocale(QLocale.Language.English,
                                        QLocale.Country.UnitedStates))
    for f in (british, american):
        qtbot.addWidget(f)
    qtbot.keyClicks(british.edit, "04/03/1975")
    qtbot.keyClicks(american.edit, "04/03/1975")
    assert (british.date(), american.date()) == (date(1975, 3, 4), date(1975, 4, 3))
    assert british.understood.text() == "= 4 March 1975"


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Enter the date of birth."),
    ("14/03/75", "Type the year in full"),
    ("1975-02-30", "not a day on the calendar")])
def test_an_untouched_or_unreadable_date_of_birth_is_refused(qtbot, ui_service, typed,
                                                             message):
    d = shown(qtbot, RegisterPatientDialog(ui_service))
    qtbot.keyClicks(d.mrn, "MRN-X")
    qtbot.keyClicks(d.name, "Maria Lopez")
    qtbot.keyClicks(d.dob.edit, typed)
    press_enter(qtbot, d.name)
    assert d.isVisible() and message in d.message.text()
    assert d.focusWidget() is d.dob.edit
    assert ui_service.find_patients("MRN-X") == []  # never a 1980-01-01 stored


@pytest.fixture
def patient(ui_service):
    return ui_service.register_patient(NewPatient("MRN-9", "Alex Rivera", date(1984, 5, 6)))


def new_session_dialog(qtbot, ui_service, patient):
    return shown(qtbot, StartSessionDialog(ui_service, patient, ["1", "2", "3"], chair="2"))


def test_new_session_opens_in_the_first_field_not_on_ok(qtbot, ui_service, patient):
    d = new_session_dialog(qtbot, ui_service, patient)
    assert not isinstance(d.focusWidget(), QAbstractButton)
    assert d.focusWidget() is d.protocol


@pytest.mark.parametrize("field", ["protocol", "weight", "mg_per_kg", "minutes",
                                   "concentration", "bag_volume", "chair"])
def test_enter_opens_the_session_from_every_field(qtbot, ui_service, patient, field):
    d = new_session_dialog(qtbot, ui_service, patient)
    for name, text in (("weight", "70"), ("concentration", "1"), ("bag_volume", "100")):
        qtbot.keyClicks(getattr(d, name), text)
    target = getattr(d, field)
    target = target.lineEdit() if field == "chair" else target
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.session is not None and d.session.chair == "2"


def test_a_reason_is_typed_and_entered(qtbot):
    saved = []
    d = shown(qtbot, TextDialog("Pause", "Reason:", save=saved.append))
    assert d.focusWidget() is d.editor
    qtbot.keyClicks(d.editor, "patient request")
    qtbot.keyClick(d.editor, Qt.Key.Key_Return)
    assert saved == ["patient request"] and d.result() == QDialog.DialogCode.Accepted


def test_a_note_takes_new_lines_and_ctrl_enter_saves_it(qtbot):
    saved = []
    d = shown(qtbot, TextDialog("Note", "Note:", multiline=True, save=saved.append))
    assert d.focusWidget() is d.editor
    qtbot.keyClicks(d.editor, "calm")
    qtbot.keyClick(d.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(d.editor, "asleep")
    qtbot.keyClick(d.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == ["calm\nasleep"]


def test_enter_on_an_empty_required_reason_saves_nothing(qtbot):
    saved = []
    d = shown(qtbot, TextDialog("Pause", "Reason:", save=saved.append))
    qtbot.keyClick(d.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(d.editor, Qt.Key.Key_Return)
    assert saved == [] and d.isVisible()


def test_the_other_dialogs_open_in_their_first_field(qtbot, ui_service, patient, signing,
                                                    staff):
    session = ui_service.open_session(patient.id, "1", 70, 0.5, 40, concentration_mg_ml=1,
                                      bag_volume_ml=100)
    dialogs = [MedicationDialog(ui_service, session.id, ui_service.settings.formulary()),
               # signing asks the signed-in psychiatrist's password (issue 10)
               AddendumDialog(signing, staff["psychiatrist"], session.id),
               SignatureDialog(signing, staff["psychiatrist"], session.id, "this session"),
               RateDialog(ui_service, ui_service.load(session.id))]
    for d in dialogs:
        shown(qtbot, d)
        focus = d.focusWidget()
        assert not isinstance(focus, QAbstractButton), type(d).__name__
        first = next(iter(d.fields.values()))
        assert focus is first or first.isAncestorOf(focus) or focus.parent() is first, \
            type(d).__name__
        d.close()


def test_none_known_is_ticked_apart_from_not_recorded(qtbot, ui_service):
    d = shown(qtbot, RegisterPatientDialog(ui_service))
    qtbot.keyClicks(d.mrn, "MRN-K")
    qtbot.keyClicks(d.name, "Kim Known")
    qtbot.keyClicks(d.dob.edit, "1975-03-14")
    d.nkda.setFocus()
    qtbot.keyClick(d.nkda, Qt.Key.Key_Space)
    press_enter(qtbot, d.name)
    [stored] = ui_service.find_patients("MRN-K")
    assert stored.no_known_allergies and stored.allergy_text() == "none known (NKDA)"
