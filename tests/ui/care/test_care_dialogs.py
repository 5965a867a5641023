"""Care dialogs driven through their real widgets on a real SQLite database: what each
shows, what it refuses inline, and what ends up stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QRadioButton

from monitor.alarms import ACTIONS
from monitor.assessments import MOAAS, PHQ9_ITEMS, PHQ9_QUESTION, item9_warning
from monitor.records import NewPatient
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsValues
from tests.ui.conftest import answer_dialog
from ui.care.acknowledge_dialog import AcknowledgeDialog
from ui.care.assessment_dialog import AssessmentDialog
from ui.care.discharge_dialog import DischargeDialog
from ui.care.medication_dialog import MedicationDialog
from ui.care.rate_dialog import RateDialog

OK = QDialogButtonBox.StandardButton.Ok


# --- sessions built through the service ----------------------------------------------


def new_session(service, bag: bool = True) -> int:
    """70 kg × 0.5 mg/kg = 35 mg; with the bag 35 mL at 1 mg/mL, 52.5 mL/h over 40 min."""
    patient = service.register_patient(NewPatient("MRN-5", "Alex Rivera", date(1984, 5, 6)))
    bag_args = {"concentration_mg_ml": 1.0, "bag_volume_ml": 100} if bag else {}
    session = service.open_session(patient.id, "3", 70, **bag_args)
    service.record_vitals(session.id, VitalsValues(120, 80, 72, 98, 14))
    return session.id


def started(service, clock, bag: bool = True) -> int:
    sid = new_session(service, bag)
    clock.advance(minutes=5)
    service.start_infusion(sid)
    return sid


def in_observation(service, clock) -> int:
    """Infused 40 min, then 30 min of observation with a last set of 126/82, SpO₂ 97
    taken at 20 min."""
    sid = started(service, clock)
    clock.advance(minutes=40)
    service.end_infusion(sid)
    clock.advance(minutes=20)
    service.record_vitals(sid, VitalsValues(126, 82, 70, 97, 14))
    clock.advance(minutes=10)  # the protocol's 30 min of observation are over
    return sid


# --- driving the dialogs -------------------------------------------------------------


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, widget) -> None:
    """A left click where a user clicks: on a radio button or check box, its indicator
    (the middle of a wide one is empty space that does not toggle it)."""
    assert widget.isEnabled(), f"{widget.text()} is disabled"
    if isinstance(widget, QRadioButton | QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def press_ok(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(OK))


def run_modal(qtbot, dialog, answer) -> int:
    """``dialog.exec()`` answered by ``answer(dialog)``; never leaves a test hanging."""
    def answer_then_close(d):
        try:
            answer(d)
        finally:
            if d.isVisible():
                d.reject()

    seen = answer_dialog(qtbot, answer_then_close)
    result = dialog.exec()
    assert seen == [dialog]
    return result


# --- assessments ---------------------------------------------------------------------


def test_moaas_shows_each_level_in_words_and_stores_the_choice(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, AssessmentDialog(ui_service, sid, "moaas"))
    texts = [b.text().replace("&", "") for b in dialog.choice.buttons.values()]
    assert texts == [f"{n} — {MOAAS[n]}" for n in (5, 4, 3, 2, 1, 0)]
    press_ok(qtbot, dialog)  # nothing chosen: refused inline
    assert dialog.isVisible() and dialog.message.text() == "Choose a score."
    click(qtbot, dialog.choice.buttons[4])
    qtbot.keyClicks(dialog.note, "sleepy but answers")
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [stored] = ui_repo.care.assessments(sid)
    assert (stored.kind, stored.score, stored.note) == ("moaas", 4, "sleepy but answers")
    assert stored.at == clock.now()
    assert dialog.assessment == stored


def test_moaas_by_keyboard(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, AssessmentDialog(ui_service, sid, "moaas"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.choice.setFocus()
    first = dialog.focusWidget()
    assert first is dialog.choice.buttons[5]
    qtbot.keyClick(first, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)  # moves and chooses 3
    assert dialog.choice.value() == 3
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter saves
    assert [a.score for a in ui_repo.care.assessments(sid)] == [3]


def test_dissociation_rating_from_the_button_row(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, AssessmentDialog(ui_service, sid, "dissociation"))
    assert [b.text() for b in dialog.choice.buttons.values()] == [str(n) for n in range(11)]
    click(qtbot, dialog.choice.buttons[6])
    assert dialog.choice.buttons[6].isChecked()
    press_ok(qtbot, dialog)
    assert [(a.kind, a.score) for a in ui_repo.care.assessments(sid)] == [
        ("dissociation", 6)]


def test_cadss_of_93_is_refused_inline_and_nothing_stored(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, AssessmentDialog(ui_service, sid, "cadss"))
    qtbot.keyClicks(dialog.total, "9x3")  # every key shown; the typo refused in words
    assert dialog.total.text() == "9x3"
    press_ok(qtbot, dialog)
    assert dialog.message.text().startswith("Total “9x3” is not a number")
    assert ui_repo.care.assessments(sid) == []
    dialog.total.clear()
    qtbot.keyClicks(dialog.total, "93")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == "CADSS total must be a whole number 0–92."
    assert dialog.total.property("invalid") is True
    assert dialog.total.text() == "93"  # left as typed, to correct
    assert ui_repo.care.assessments(sid) == []
    dialog.total.clear()
    qtbot.keyClicks(dialog.total, "12")
    press_ok(qtbot, dialog)
    assert [(a.kind, a.score) for a in ui_repo.care.assessments(sid)] == [("cadss", 12)]


def test_madrs_total_dated_back_with_the_time_field(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    clock.advance(minutes=20)
    dialog = shown(qtbot, AssessmentDialog(ui_service, sid, "madrs"))
    earlier = (clock.now() - timedelta(minutes=10)).astimezone()
    dialog.when.edit.setTime(dialog.when.edit.time().fromString(earlier.strftime("%H:%M"),
                                                               "HH:mm"))
    assert dialog.when.now_button.isEnabled()
    qtbot.keyClicks(dialog.total, "31")
    press_ok(qtbot, dialog)
    [stored] = ui_repo.care.assessments(sid)
    assert (stored.kind, stored.score) == ("madrs", 31)
    assert stored.at == clock.now() - timedelta(minutes=10)


def test_phq9_live_total_band_and_item9_warning_before_saving(qtbot, ui_service, clock, ui_repo):
    sid = new_session(ui_service)
    dialog = AssessmentDialog(ui_service, sid, "phq9")
    answers = (1, 2, 0, 3, 1, 1, 2, 0, 1)
    seen: dict[str, object] = {}

    def answer(d):
        form = d.phq9
        seen["stem"] = form.findChild(QLabel, "phq9Question").text()
        for item, score in enumerate(answers[:8]):
            click(qtbot, form.items[item].buttons[score])
        seen["partial"] = form.total.text()
        seen["warning before item 9"] = form.item9_warning.isVisible()
        press_ok(qtbot, d)  # item 9 unanswered: refused inline
        seen["refusal"] = d.message.text()
        seen["stored after refusal"] = ui_repo.care.assessments(sid)
        click(qtbot, form.items[8].buttons[1])
        seen["total"] = form.total.text()
        seen["warning"] = (form.item9_warning.isVisible(), form.item9_warning.text())
        press_ok(qtbot, d)

    assert run_modal(qtbot, dialog, answer) == QDialog.DialogCode.Accepted
    assert seen["stem"] == PHQ9_QUESTION
    assert seen["partial"] == "Total so far 10 — 1 of 9 items not answered (9)"
    assert seen["warning before item 9"] is False
    assert seen["refusal"] == "PHQ-9: answer all 9 items. Not answered yet: 9."
    assert seen["stored after refusal"] == []
    assert seen["total"] == "Total 11 of 27 — moderate"
    assert seen["warning"] == (True, item9_warning(answers))
    assert "thoughts of self-harm" in item9_warning(answers)
    [stored] = ui_repo.care.assessments(sid)
    assert (stored.kind, stored.score, stored.items) == ("phq9", 11, answers)
    assert stored.needs_attention
    assert dialog.assessment == stored


def test_phq9_shows_every_item_and_hides_the_warning_when_item9_goes_back_to_0(
        qtbot, ui_service, clock):
    sid = new_session(ui_service)
    dialog = shown(qtbot, AssessmentDialog(ui_service, sid, "phq9"))
    labels = {label.text() for label in dialog.phq9.findChildren(QLabel)}
    assert set(PHQ9_ITEMS) <= labels
    click(qtbot, dialog.phq9.items[8].buttons[3])
    assert dialog.phq9.item9_warning.isVisible()
    assert "“nearly every day”" in dialog.phq9.item9_warning.text()
    click(qtbot, dialog.phq9.items[8].buttons[0])
    assert not dialog.phq9.item9_warning.isVisible()
    for item in range(8):
        click(qtbot, dialog.phq9.items[item].buttons[0])
    assert dialog.phq9.total.text() == "Total 0 of 27 — minimal"


def test_aldrete_is_not_an_assessment_dialog_kind(ui_service, clock):
    sid = new_session(ui_service)
    with pytest.raises(ValueError):
        AssessmentDialog(ui_service, sid, "aldrete")


# --- medications ---------------------------------------------------------------------


def test_medication_from_the_list_fills_unit_and_route_but_never_a_dose(qtbot, ui_service,
                                                                        clock, ui_repo):
    sid = started(ui_service, clock)
    ui_repo.settings.ensure_defaults(clock.now())
    dialog = shown(qtbot, MedicationDialog(ui_service, sid, ui_repo.settings.formulary()))
    assert (dialog.drug.currentText(), dialog.dose.text()) == ("", "")
    assert (dialog.unit.currentIndex(), dialog.route.currentIndex()) == (-1, -1)
    dialog.drug.setCurrentIndex(dialog.drug.findText("Oxygen"))
    assert (dialog.unit.currentText(), dialog.route.currentText()) == ("L/min",
                                                                       "nasal cannula")
    dialog.drug.setCurrentIndex(dialog.drug.findText("Ondansetron"))
    assert (dialog.unit.currentText(), dialog.route.currentText()) == ("mg", "IV")
    assert dialog.dose.text() == ""
    press_ok(qtbot, dialog)  # no dose typed
    assert dialog.isVisible()
    assert dialog.message.text() == "Enter the dose given (more than 0)."
    assert dialog.dose.property("invalid") is True
    assert ui_repo.care.medications(sid) == []
    qtbot.keyClicks(dialog.dose, "4")
    qtbot.keyClicks(dialog.note, "nausea 5/10")
    press_ok(qtbot, dialog)
    [given] = ui_repo.care.medications(sid)
    assert (given.drug, given.dose, given.unit, given.route, given.note) == (
        "Ondansetron", 4.0, "mg", "IV", "nausea 5/10")
    assert dialog.medication == given


def test_medication_typed_by_keyboard_needs_its_unit_and_route(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    ui_repo.settings.ensure_defaults(clock.now())
    dialog = shown(qtbot, MedicationDialog(ui_service, sid, ui_repo.settings.formulary()))
    qtbot.keyClicks(dialog.drug.lineEdit(), "Diphenhydramine")
    qtbot.keyClicks(dialog.dose, "12,5")
    qtbot.keyClick(dialog.dose, Qt.Key.Key_Return)  # Enter saves — refused: no unit
    assert dialog.message.text().startswith("Unit must be one of: mg, mcg")
    assert dialog.focusWidget() is dialog.unit
    dialog.unit.setCurrentText("mg")
    press_ok(qtbot, dialog)
    assert dialog.message.text().startswith("Route must be one of: IV, IM")
    dialog.route.setCurrentText("IV")
    press_ok(qtbot, dialog)
    [given] = ui_repo.care.medications(sid)
    assert given.summary() == "Diphenhydramine 12.5 mg IV"


def test_drug_typed_in_another_case_is_stored_as_the_list_spells_it(qtbot, ui_service,
                                                                    clock, ui_repo):
    sid = started(ui_service, clock)
    ui_repo.settings.ensure_defaults(clock.now())
    dialog = shown(qtbot, MedicationDialog(ui_service, sid, ui_repo.settings.formulary()))
    dialog.drug.lineEdit().setText("midazolam")
    assert (dialog.unit.currentText(), dialog.route.currentText()) == ("mg", "IV")
    qtbot.keyClicks(dialog.dose, "1")
    press_ok(qtbot, dialog)
    assert [m.drug for m in ui_repo.care.medications(sid)] == ["Midazolam"]


# --- discharge -----------------------------------------------------------------------


def choose(qtbot, dialog, **scores) -> None:
    for key, score in scores.items():
        click(qtbot, dialog.items[key].buttons[score])


def test_aldrete_prefilled_from_vitals_with_the_reason_shown(qtbot, ui_service, clock):
    sid = in_observation(ui_service, clock)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    assert dialog.items["oxygen"].value() == 2
    assert dialog.reasons["oxygen"].text() == (
        "From the record:\nlatest SpO₂ 97 % (confirm: on room air)")
    assert dialog.items["circulation"].value() == 2
    assert dialog.reasons["circulation"].text() == (
        "From the record:\nBP 126/82 vs baseline 120/80: 5.0 % change")
    for key in ("activity", "respiration", "consciousness"):
        assert dialog.items[key].value() is None
        assert not dialog.reasons[key].isVisible()
    assert dialog.status.text() == (
        "Score so far 4/10 — not met: Still to score: Activity, Respiration, "
        "Consciousness. No responsible adult escort confirmed. “No driving until "
        "tomorrow” not confirmed.")
    assert dialog.override.isEnabled()
    choose(qtbot, dialog, activity=2, respiration=2, consciousness=1)
    click(qtbot, dialog.escort)
    click(qtbot, dialog.no_driving)
    assert dialog.status.text() == "Score 9/10 — meets the criteria (9 or more)"
    assert not dialog.override.isEnabled()


def test_discharge_below_9_refused_without_override_then_accepted_with_one(
        qtbot, ui_service, clock, ui_repo):
    sid = in_observation(ui_service, clock)
    dialog = DischargeDialog(ui_service, ui_service.load(sid))
    seen: dict[str, object] = {}

    def answer(d):
        choose(qtbot, d, activity=2, respiration=2, consciousness=0)
        click(qtbot, d.escort)
        click(qtbot, d.no_driving)
        seen["status"] = d.status.text()
        click(qtbot, d.discharge_button)
        seen["refusal"] = d.message.text()
        seen["phase"] = ui_repo.sessions.get_session(sid).phase
        seen["aldrete stored"] = ui_repo.care.assessments(sid)
        qtbot.keyClicks(d.override, "Physician reviewed; drowsy, escort staying overnight")
        click(qtbot, d.discharge_button)

    assert run_modal(qtbot, dialog, answer) == QDialog.DialogCode.Accepted
    assert seen["status"] == "Score 8/10 — not met: Aldrete score 8 is below 9."
    assert seen["refusal"] == ("Aldrete score 8 is below 9. Discharge needs the criteria "
                               "met, or an override with a reason.")
    assert seen["phase"] is Phase.OBSERVATION
    assert seen["aldrete stored"] == []
    session = ui_repo.sessions.get_session(sid)
    assert session.phase is Phase.DISCHARGED
    event = ui_repo.sessions.events(sid)[-1]
    assert event.kind is EventKind.DISCHARGE
    assert event.text == ("Aldrete 8/10; escort present; no driving confirmed. Override: "
                          "Physician reviewed; drowsy, escort staying overnight")
    assert dialog.session_event == event
    assert [(a.kind, a.score) for a in ui_repo.care.assessments(sid)] == [("aldrete", 8)]


def test_discharge_meeting_the_criteria(qtbot, ui_service, clock, ui_repo):
    sid = in_observation(ui_service, clock)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    choose(qtbot, dialog, activity=2, respiration=2, consciousness=2)
    click(qtbot, dialog.escort)
    click(qtbot, dialog.no_driving)
    click(qtbot, dialog.discharge_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ui_repo.sessions.get_session(sid).phase is Phase.DISCHARGED
    assert ui_repo.sessions.events(sid)[-1].text == (
        "Aldrete 10/10; escort present; no driving confirmed")


def test_a_score_of_9_without_escort_is_not_ready(qtbot, ui_service, clock, ui_repo):
    sid = in_observation(ui_service, clock)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    choose(qtbot, dialog, activity=2, respiration=2, consciousness=1)
    click(qtbot, dialog.no_driving)
    click(qtbot, dialog.score_only_button)  # 9/10 stored, but no escort: not ready
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [a.score for a in ui_repo.care.assessments(sid) if a.kind == "aldrete"] == [9]
    assert ui_repo.sessions.get_session(sid).discharge_ready_at is None


def test_save_score_only_sets_discharge_ready_without_discharging(qtbot, ui_service, clock,
                                                                  ui_repo):
    sid = in_observation(ui_service, clock)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    choose(qtbot, dialog, activity=2, respiration=2)
    click(qtbot, dialog.score_only_button)  # consciousness unscored: refused inline
    assert dialog.isVisible()
    assert dialog.message.text() == "Score every Aldrete item."
    assert ui_repo.sessions.get_session(sid).discharge_ready_at is None
    choose(qtbot, dialog, consciousness=1)
    click(qtbot, dialog.escort)  # the score, an escort and no driving: ready (issue 9)
    click(qtbot, dialog.no_driving)
    click(qtbot, dialog.score_only_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    session = ui_repo.sessions.get_session(sid)
    assert session.discharge_ready_at == clock.now()
    assert session.phase is Phase.OBSERVATION
    assert (dialog.assessment.kind, dialog.assessment.score) == ("aldrete", 9)
    assert dialog.session_event is None


def test_discharge_during_infusion_is_refused_inline(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, DischargeDialog(ui_service, ui_service.load(sid)))
    choose(qtbot, dialog, activity=2, respiration=2, circulation=2, consciousness=2,
           oxygen=2)
    click(qtbot, dialog.escort)
    click(qtbot, dialog.no_driving)
    click(qtbot, dialog.discharge_button)
    assert dialog.isVisible()
    assert "only after the infusion has ended" in dialog.message.text()
    assert ui_repo.sessions.get_session(sid).phase is Phase.INFUSING


# --- alarms --------------------------------------------------------------------------


def test_acknowledgement_stored_with_who_action_and_note(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    clock.advance(minutes=10)
    ui_service.record_vitals(sid, VitalsValues(186, 96, 72, 97, 14))
    [alarm] = ui_repo.care.alarms(sid)
    raised = alarm.raised_at.astimezone().strftime("%H:%M")
    clock.advance(minutes=1)
    dialog = AcknowledgeDialog(ui_service, alarm, "RN Kim")
    seen: dict[str, object] = {}

    def answer(d):
        seen["tier"] = d.tier.text()
        seen["messages"] = d.messages.text()
        seen["by"] = d.by.text()
        press_ok(qtbot, d)  # no action chosen
        seen["refusal"] = d.message.text()
        d.action.set_checked(["Slowed the infusion"])
        qtbot.keyClicks(d.note, "BP recheck in 5 min")
        press_ok(qtbot, d)

    assert run_modal(qtbot, dialog, answer) == QDialog.DialogCode.Accepted
    assert seen["tier"] == f"Critical alarm, raised at {raised}"
    assert "• Systolic BP 186 mmHg is at or above the critical limit of 180." in seen[
        "messages"]
    assert seen["by"] == "RN Kim"
    assert seen["refusal"] == "Choose the action taken."
    [stored] = ui_repo.care.alarms(sid)
    assert (stored.acknowledged_by, stored.action, stored.note) == (
        "RN Kim", "Slowed the infusion", "BP recheck in 5 min")
    assert stored.acknowledged_at == clock.now()
    assert dialog.alarm == stored


def test_acknowledgement_needs_a_name(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    ui_service.record_vitals(sid, VitalsValues(165, 90, 72, 97, 14))
    [alarm] = ui_repo.care.alarms(sid)
    dialog = shown(qtbot, AcknowledgeDialog(ui_service, alarm))
    assert dialog.tier.text().startswith("Advisory alarm")
    assert dialog.action.checked() == []
    dialog.action.set_checked([ACTIONS[0]])
    press_ok(qtbot, dialog)
    assert dialog.message.text() == "Enter who is acknowledging the alarm."
    assert dialog.by.property("invalid") is True
    assert not ui_repo.care.alarms(sid)[0].acknowledged


# --- pump rate -----------------------------------------------------------------------


def test_rate_change_shows_the_arithmetic_and_stores_the_value(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    clock.advance(minutes=10)  # 52.5 mL/h × 10 min = 8.75 mL of 35 mL
    dialog = shown(qtbot, RateDialog(ui_service, ui_service.load(sid)))
    assert dialog.current.text() == "52.5 mL/h"
    assert dialog.implied.text().splitlines() == [
        "Planned volume: 35 mL",
        "Delivered so far: 8.8 mg ÷ 1 mg/mL = 8.8 mL",
        "Left to infuse: 35 mL − 8.8 mL = 26.2 mL",
        "Type the new rate to see how long that takes.",
    ]
    qtbot.keyClicks(dialog.rate, "40")
    ends = (clock.now() + timedelta(minutes=39)).astimezone().strftime("%H:%M")
    assert dialog.implied.text().splitlines()[-1] == (
        f"At 40 mL/h: 26.2 mL ÷ 40 mL/h × 60 = 39 min, ending about {ends}")
    qtbot.keyClicks(dialog.reason, "BP 172/98")
    press_ok(qtbot, dialog)
    event = ui_repo.sessions.events(sid)[-1]
    assert (event.kind, event.value, event.text) == (EventKind.RATE_CHANGE, 40.0, "BP 172/98")
    assert dialog.session_event == event


def test_rate_of_0_is_refused_inline(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    dialog = shown(qtbot, RateDialog(ui_service, ui_service.load(sid)))
    qtbot.keyClicks(dialog.rate, "0")
    press_ok(qtbot, dialog)
    assert dialog.message.text().startswith("The pump rate must be more than 0 mL/h")
    assert dialog.rate.property("invalid") is True
    assert [e.kind for e in ui_repo.sessions.events(sid)] == [EventKind.START]


def test_rate_dialog_without_a_bag_says_so(qtbot, ui_service, clock):
    sid = started(ui_service, clock, bag=False)
    dialog = shown(qtbot, RateDialog(ui_service, ui_service.load(sid)))
    assert dialog.current.text() == "— (no bag recorded)"
    assert dialog.implied.text() == ("This session has no bag recorded, so there is no "
                                     "volume to work from.")
    qtbot.keyClicks(dialog.rate, "30")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == ("This session has no bag recorded, so no pump rate to "
                                     "change.")


def test_an_acknowledgement_records_several_actions(qtbot, ui_service, clock, ui_repo):
    sid = started(ui_service, clock)
    ui_service.record_vitals(sid, VitalsValues(186, 96, 72, 97, 14))
    [alarm] = ui_repo.care.alarms(sid)
    dialog = AcknowledgeDialog(ui_service, alarm, "RN Kim")

    def answer(d):
        d.action.setFocus()
        for row in (3, 6):  # by keyboard: arrows to the action, Space ticks it
            d.action.setCurrentRow(row)
            qtbot.keyClick(d.action, Qt.Key.Key_Space)
        press_ok(qtbot, d)

    assert run_modal(qtbot, dialog, answer) == QDialog.DialogCode.Accepted
    [stored] = ui_repo.care.alarms(sid)
    assert stored.action == "Slowed the infusion; Called the physician"


@pytest.mark.parametrize(("ticked", "refusal"), [
    ([ACTIONS[0], ACTIONS[2]], "goes alone"),
    (list(ACTIONS[1:7]), "at most 5 actions"),
    ([ACTIONS[-1]], "Say in the note what was done.")])
def test_actions_that_do_not_go_together_are_refused(qtbot, ui_service, clock, ui_repo,
                                                      ticked, refusal):
    sid = started(ui_service, clock)
    ui_service.record_vitals(sid, VitalsValues(186, 96, 72, 97, 14))
    [alarm] = ui_repo.care.alarms(sid)
    dialog = shown(qtbot, AcknowledgeDialog(ui_service, alarm, "RN Kim"))
    dialog.action.set_checked(ticked)
    press_ok(qtbot, dialog)
    assert refusal in dialog.message.text()
    assert not ui_repo.care.alarms(sid)[0].acknowledged
