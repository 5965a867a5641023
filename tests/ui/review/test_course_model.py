"""The course table model: Qt's model rules (qtmodeltester) and every cell of a course
built through the service, against values worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from export.colours import LIGHT
from monitor.alarms import ACTIONS
from monitor.course import summarize, summarize_all
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.vitals import VitalsValues
from ui.app.theme import DARK
from ui.review.course_model import (
    KEYS,
    SESSION_ID_ROLE,
    SORT_ROLE,
    CourseSortProxy,
    CourseTableModel,
)
from ui.review.patient_list import PatientListModel
from ui.review.vitals_table import VitalsTableModel

UTC = timezone.utc


@dataclass
class Course:
    patient_id: int
    session_ids: list[int]


def build_course(service, clock) -> Course:
    """Three sessions of one patient, each figure chosen so the row can be checked by hand.

    1. 80 kg × 0.5 mg/kg = 40 mg over 40 min. PHQ-9 17 with item 9 = 1, MADRS 30.
       Baseline 120/80; +10 min 150/90 (SBP +30: advisory alarm); nausea 5, dissociation
       side effect 6 and quick rating 7; paused 3 min, ondansetron 4 mg IV; +10 min after
       the resume 165/100, HR 112, SpO₂ 93 (SBP +45: critical alarm, acknowledged); ended
       after 12 + 28 = 40 min run; Aldrete met 25 min after the end. Not signed.
    2. Three days later, 80 kg × 0.6 mg/kg = 48 mg over 50 min planned; PHQ-9 8 (a 53 %
       drop: response), MADRS 14; 118/76 → 130/84 (+12); stopped early after 20 min;
       discharged 20 min later; signed.
    3. Seven days after the first: PHQ-9 4 (remission), opened and never started.
    """
    t0 = clock.now()
    patient = service.register_patient(
        NewPatient("RV-200", "Dana Whitfield", date(1975, 2, 3), "Sulfa"))
    s1 = service.open_session(patient.id, "2", 80, mg_per_kg=0.5, concentration_mg_ml=1,
                              bag_volume_ml=100)
    service.record_assessment(s1.id, "phq9", items=(2, 2, 2, 2, 2, 2, 2, 2, 1))
    service.record_assessment(s1.id, "madrs", 30)
    service.record_vitals(s1.id, VitalsValues(120, 80, 70, 98, 14, 36.6))
    clock.advance(minutes=5)
    service.start_infusion(s1.id)
    clock.advance(minutes=10)
    service.record_vitals(s1.id, VitalsValues(150, 90, 88, 96, 16))
    service.record_side_effect(s1.id, "nausea", 5, note="wants to continue")
    service.record_side_effect(s1.id, "dissociation", 6)
    service.record_assessment(s1.id, "dissociation", 7)
    clock.advance(minutes=2)
    service.pause(s1.id, "Nausea")
    service.record_medication(s1.id, "Ondansetron", 4, "mg", "IV")
    clock.advance(minutes=3)
    service.resume(s1.id)
    clock.advance(minutes=10)
    critical = service.record_vitals(s1.id, VitalsValues(165, 100, 112, 93, 18))
    service.acknowledge_alarm(critical.alarm.id, "RN Lee", ACTIONS[1])
    clock.advance(minutes=18)
    service.end_infusion(s1.id)
    clock.advance(minutes=15)
    service.record_vitals(s1.id, VitalsValues(130, 82, 76, 97, 14))
    clock.advance(minutes=10)
    service.record_aldrete(s1.id, all_clear().items, True, True)  # ready 25 min after end
    clock.advance(minutes=5)  # discharged after the protocol's 30 min of observation
    service.discharge(s1.id, all_clear())

    clock.set(t0 + timedelta(days=3))
    s2 = service.open_session(patient.id, "1", 80, mg_per_kg=0.6, planned_minutes=50,
                              concentration_mg_ml=1, bag_volume_ml=100)
    service.record_assessment(s2.id, "phq9", items=(1, 1, 1, 1, 1, 1, 1, 1, 0))
    service.record_assessment(s2.id, "madrs", 14)
    service.record_vitals(s2.id, VitalsValues(118, 76, 66, 99, 12))
    clock.advance(minutes=2)
    service.start_infusion(s2.id)
    clock.advance(minutes=10)
    service.record_vitals(s2.id, VitalsValues(130, 84, 72, 98, 14))
    clock.advance(minutes=10)
    service.stop_early(s2.id, "Patient asked to stop")
    clock.advance(minutes=20)
    service.record_vitals(s2.id, VitalsValues(120, 78, 68, 98, 13))
    service.record_aldrete(s2.id, all_clear().items, True, True)  # ready 20 min after the stop
    clock.advance(minutes=10)  # discharged after the protocol's 30 min of observation
    service.discharge(s2.id, all_clear())
    service.sign(s2.id, "Dr Rivera")

    clock.set(t0 + timedelta(days=7))
    s3 = service.open_session(patient.id, "3", 80)
    service.record_assessment(s3.id, "phq9", items=(1, 1, 1, 1, 0, 0, 0, 0, 0))
    return Course(patient.id, [s1.id, s2.id, s3.id])


# Worked by hand from ``build_course`` (one column definition: the PDF prints the same
# text, a line under another where the screen puts them side by side):
# 1. 40 mg delivered at 60 mL/h of 1 mg/mL over 40 min run; paused once for 3 min; vitals
#    every 10 min while infusing, 2 min grace: due 15 → read 15; due 25, read 30 (27
#    passed: a gap of 5 min); due 40, ended 48 (42 passed: 8 min); observation every 15:
#    63, then discharge at 78 (before 80). Side effects worst first.
# 2. 48 mg planned over 50 min at 57.6 mL/h: 20 min run = 19.2 mg, stopped early; 3 days
#    after the first infusion (2.998); observation from 22: due 37, read 42 (39 passed: 5).
EXPECTED = [
    {"number": "1", "date": "2026-11-24 chair 2", "phq9": "17 ⚠ item 9 > 0",
     "madrs": "30", "signed": "No", "dose": "40 mg (0.5 mg/kg)",
     "delivered": "≈ 40.0 of 40 mg", "infusion": "40/40", "days": "—",
     "pauses": "1 (3 min)", "bp": "120/80 → 165/100", "sbp_rise": "+45",
     "lowest_spo2": "93", "highest_hr": "112", "lowest_moaas": "—", "dissociation": "7",
     "side_effects": "Dissociation 6, Nausea 5", "rescue": "Ondansetron 4 mg IV",
     "vitals_gaps": "2 (longest 8 min)", "alarms": "2", "ready": "25"},
    {"number": "2", "date": "2026-11-27 chair 1", "phq9": "8 (−53%) response",
     "madrs": "14 (−53%) response", "signed": "Yes", "dose": "48 mg (0.6 mg/kg)",
     "delivered": "≈ 19.2 of 48 mg stopped early", "infusion": "20/50 stopped early",
     "days": "3", "pauses": "0, stopped early", "bp": "118/76 → 130/84", "sbp_rise": "+12",
     "lowest_spo2": "98", "highest_hr": "72", "lowest_moaas": "—", "dissociation": "—",
     "side_effects": "—", "rescue": "—", "vitals_gaps": "1 (longest 5 min)", "alarms": "0",
     "ready": "20"},
    {"number": "3", "date": "2026-12-01 chair 3", "phq9": "4 (−76%) remission",
     "madrs": "—", "signed": "In progress (baseline)", "dose": "40 mg (0.5 mg/kg)",
     "delivered": "—", "infusion": "—/40", "days": "—", "pauses": "0", "bp": "— → —",
     "sbp_rise": "—", "lowest_spo2": "—", "highest_hr": "—", "lowest_moaas": "—",
     "dissociation": "—", "side_effects": "—", "rescue": "—", "vitals_gaps": "0",
     "alarms": "0", "ready": "—"},
]


def course_model(ui_service, clock, colors=LIGHT):
    course = build_course(ui_service, clock)
    records = ui_service.course(course.patient_id)
    model = CourseTableModel(colors, UTC)
    model.set_rows(summarize_all(records, clock.now()),
                   {r.session.id: r.session.limits for r in records})
    return course, model


def cell(model, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, KEYS.index(key)), role)


def test_model_passes_qt_model_tester(qtmodeltester, ui_service, clock):
    model = CourseTableModel(LIGHT, UTC)
    qtmodeltester.check(model)  # empty
    _course, model = course_model(ui_service, clock)
    qtmodeltester.check(model)
    model.set_colors(DARK)
    qtmodeltester.check(model)


def test_the_review_screens_other_models_pass_too(qtmodeltester, ui_service, clock, ui_repo):
    course = build_course(ui_service, clock)
    patients = PatientListModel(UTC)
    qtmodeltester.check(patients)
    patients.set_rows(ui_repo.review.patients_overview(""))
    qtmodeltester.check(patients)
    assert [patients.index(0, c).data() for c in range(5)] == [
        "Dana Whitfield", "RV-200", "1975-02-03", "3", "2026-12-01"]
    assert patients.index(0, 3).data(SORT_ROLE) == 3
    record = ui_service.load(course.session_ids[0])
    vitals = VitalsTableModel(LIGHT, UTC)
    qtmodeltester.check(vitals)
    vitals.set_rows(record.vitals, record.session.started_at, record.baseline().id)
    qtmodeltester.check(vitals)
    assert [vitals.index(2, c).data() for c in range(7)] == [
        "14:30", "+25", "165/100", "112", "93", "18", "—"]
    assert vitals.index(2, 7).data().endswith("(+4 more)")
    assert vitals.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor(LIGHT.critical)


def test_every_cell_matches_the_hand_worked_course(ui_service, clock):
    course, model = course_model(ui_service, clock)
    assert model.rowCount() == 3
    for row, expected in enumerate(EXPECTED):
        shown = {key: cell(model, row, key) for key in KEYS}
        assert shown == expected, f"row {row + 1}"
        assert cell(model, row, "number", SESSION_ID_ROLE) == course.session_ids[row]
    assert model.row_of(course.session_ids[1]) == 1


def test_sort_role_holds_raw_numbers(ui_service, clock):
    _course, model = course_model(ui_service, clock)
    assert cell(model, 0, "sbp_rise", SORT_ROLE) == 45
    assert cell(model, 1, "infusion", SORT_ROLE) == 20.0
    assert cell(model, 0, "ready", SORT_ROLE) == 25.0
    assert cell(model, 0, "phq9", SORT_ROLE) == 17
    assert cell(model, 2, "sbp_rise", SORT_ROLE) is None
    proxy = CourseSortProxy()
    proxy.setSourceModel(model)
    column = KEYS.index("sbp_rise")
    for order, shown in ((Qt.SortOrder.DescendingOrder, ["+45", "+12", "—"]),
                         (Qt.SortOrder.AscendingOrder, ["+12", "+45", "—"])):
        proxy.sort(column, order)  # numbers as numbers, the missing one last both ways
        assert [proxy.index(r, column).data() for r in range(3)] == shown
    proxy.sort(KEYS.index("phq9"), Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, KEYS.index("number")).data() for r in range(3)] == ["3", "2", "1"]


def test_item9_and_critical_values_stand_out(ui_service, clock):
    _course, model = course_model(ui_service, clock)
    fg = Qt.ItemDataRole.ForegroundRole
    critical, advisory = QColor(LIGHT.critical), QColor(LIGHT.advisory)
    assert cell(model, 0, "phq9", fg) == critical
    assert cell(model, 0, "phq9", Qt.ItemDataRole.FontRole).bold()
    assert "Item 9" in cell(model, 0, "phq9", Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, "sbp_rise", fg) == critical  # +45: critical rise of 40 or more
    assert cell(model, 0, "bp", fg) == advisory  # 165 > 160
    assert cell(model, 0, "lowest_spo2", fg) == advisory  # 93 < 94
    assert cell(model, 0, "highest_hr", fg) == advisory  # 112 > 110
    assert cell(model, 1, "phq9", fg) is None
    assert cell(model, 1, "sbp_rise", fg) is None
    tip = cell(model, 0, "infusion", Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Infusion ran 40 min 00 s of 40 planned")
    model.set_colors(DARK)
    assert cell(model, 0, "phq9", fg) == QColor(DARK.critical)


def test_addenda_are_counted_beside_the_signature(ui_service, clock):
    course, model = course_model(ui_service, clock)
    records = ui_service.course(course.patient_id)
    model.set_rows([summarize(r, clock.now()) for r in records], None,
                   {course.session_ids[1]: 2})
    assert cell(model, 1, "signed") == "Yes + 2 addenda"
    assert cell(model, 1, "signed", Qt.ItemDataRole.ForegroundRole) == QColor(LIGHT.accent)
