"""The course table's new columns, worked by hand from one session carried through the
service: an overrun with a pause, two doses of one drug summed, the worst of each side
effect, the lowest MOAA/S, and no vitals gap; then a gap."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.course import summarize_all
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.report.course import course_report
from monitor.report.course_columns import KEYS, course_csv
from monitor.report.format import ADVISORY, PLAIN
from monitor.vitals import VitalsValues
from tests.monitor.report.conftest import UTC_TIMES

V = VitalsValues(120, 80, 70, 98, 14)


@pytest.fixture
def patient(service):
    return service.register_patient(NewPatient("CC-1", "Col Umns", date(1980, 1, 1)))


def overrun_session(service, clock, patient, late_vitals: bool = False) -> int:
    """70 kg × 0.5 mg/kg = 35 mg over 40 min from a 1 mg/mL bag: 52.5 mL/h. Paused 5 min
    at 20; ended at 55, so 50 min ran: 43.75 mL = 43.75 mg, past the plan."""
    s = service.open_session(patient.id, "1", 70, concentration_mg_ml=1, bag_volume_ml=100)
    service.record_vitals(s.id, V)
    service.start_infusion(s.id)
    for minute in range(5, 56, 5):
        clock.advance(minutes=5)
        if minute % 10 == 0 and not (late_vitals and minute in (30, 40)):
            service.record_vitals(s.id, V)
        if minute == 20:
            service.pause(s.id, "nausea")
            service.record_medication(s.id, "Ondansetron", 4, "mg", "IV")
            service.record_side_effect(s.id, "nausea", 3)
        if minute == 25:
            service.resume(s.id)
            service.record_side_effect(s.id, "nausea", 6)
            service.record_side_effect(s.id, "anxiety", 7)
            service.record_side_effect(s.id, "headache", 2)
            service.record_assessment(s.id, "moaas", 4)
        if minute == 45:
            service.record_medication(s.id, "Ondansetron", 4, "mg", "IV")
            service.record_medication(s.id, "Midazolam", 1, "mg", "IV")
            service.record_assessment(s.id, "moaas", 5)
            service.record_side_effect(s.id, "anxiety", 2)  # reassessed: settled
    service.end_infusion(s.id)
    for _ in range(2):
        clock.advance(minutes=15)
        service.record_vitals(s.id, V)
    service.record_aldrete(s.id, all_clear().items, True, True)
    service.discharge(s.id, all_clear())
    return s.id


def table(service, clock, patient):
    r = course_report(patient, service.course(patient.id), clock.now(), UTC_TIMES)
    return r, [dict(zip(r.keys, row.cells, strict=True)) for row in r.table.rows], \
        [dict(zip(r.keys, row.cell_levels, strict=True)) for row in r.table.rows]


def test_overrun_pauses_side_effects_and_rescue_summed(service, clock, patient):
    overrun_session(service, clock, patient)
    _r, [cells], [levels] = table(service, clock, patient)
    assert cells["dose"] == "35 mg\n(0.5 mg/kg)"
    assert cells["delivered"] == "≈ 43.8 of 35 mg\noverrun" and levels["delivered"] == ADVISORY
    assert cells["infusion"] == "50/40\nran over" and levels["infusion"] == ADVISORY
    assert cells["pauses"] == "1 (5 min)" and levels["pauses"] == ADVISORY
    assert cells["side_effects"] == "Anxiety 7\nNausea 6\nHeadache 2"
    assert levels["side_effects"] == ADVISORY  # 7: severe (7–10)
    assert cells["lowest_moaas"] == "4"
    assert cells["rescue"] == "Ondansetron 8 mg IV (2 doses)\nMidazolam 1 mg IV"
    assert (cells["vitals_gaps"], levels["vitals_gaps"]) == ("0", PLAIN)
    assert cells["days"] == "—"


def test_a_vitals_gap_and_the_days_between_infusions(service, clock, patient):
    overrun_session(service, clock, patient)
    clock.advance(days=6, hours=20)
    overrun_session(service, clock, patient, late_vitals=True)
    _r, rows, levels = table(service, clock, patient)
    # read at 20, then none until 50 (due 30; 32 passed): one gap, 30 → 50
    assert rows[1]["vitals_gaps"] == "1\n(longest 20 min)"
    assert levels[1]["vitals_gaps"] == ADVISORY
    # the second started 6 days 20 h + 85 min after the first: 6.9 days
    assert rows[1]["days"] == "7"


def test_the_csv_has_the_screens_columns_on_one_line_each(service, clock, patient):
    overrun_session(service, clock, patient)
    records = service.course(patient.id)
    r = course_report(patient, records, clock.now(), UTC_TIMES,
                      summarize_all(records, clock.now()))
    header, [row] = course_csv(r.lines)
    assert header[0] == "#" and "Dose given" in header and "Vitals gaps" in header
    assert "MADRS" not in header and len(header) == len(KEYS) - 1
    cells = dict(zip(header, row, strict=True))
    assert cells["Dose given"] == "≈ 43.8 of 35 mg overrun"
    assert cells["Rescue meds"] == "Ondansetron 8 mg IV (2 doses); Midazolam 1 mg IV"
    assert cells["Side effects (worst)"] == "Anxiety 7, Nausea 6, Headache 2"
