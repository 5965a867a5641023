"""Flags in the course (SQLite and PostgreSQL): two PHQ-9s in one session (item 9 answered
1, then 0) flag the session while the score shown is the last; a stop before the planned
time is flagged in the course table."""

from __future__ import annotations

from datetime import date

from monitor.course import summarize
from monitor.records import NewPatient
from monitor.report.course import course_report
from monitor.report.format import Times

ITEM9_1 = (2, 2, 2, 2, 2, 2, 2, 2, 1)  # 17
ITEM9_0 = (1, 1, 1, 1, 1, 1, 1, 1, 0)  # 8


def test_any_item_9_above_0_in_a_session_flags_it(service, clock):
    patient = service.register_patient(NewPatient("P9-1", "Ida Nine", date(1980, 1, 1)))
    s = service.open_session(patient.id, "1", 70)
    service.record_assessment(s.id, "phq9", items=ITEM9_1)
    clock.advance(minutes=5)
    service.record_assessment(s.id, "phq9", items=ITEM9_0)
    other = service.register_patient(NewPatient("P9-2", "Ned None", date(1980, 1, 1)))
    s2 = service.open_session(other.id, "2", 70)
    service.record_assessment(s2.id, "phq9", items=ITEM9_0)
    summary = summarize(service.load(s.id), clock.now())
    assert (summary.phq9, summary.phq9_item9) == (8, True)
    assert summarize(service.load(s2.id), clock.now()).phq9_item9 is False
    report = course_report(patient, service.course(patient.id), clock.now(), Times())
    assert report.item9_sessions == {1}


def test_a_stop_early_is_flagged_in_the_course_table(service, clock):
    from monitor.report.format import ADVISORY
    from monitor.vitals import VitalsValues

    patient = service.register_patient(NewPatient("SE-1", "Stu Early", date(1980, 1, 1)))
    s = service.open_session(patient.id, "1", 70)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    service.start_infusion(s.id)
    clock.advance(minutes=2, seconds=55)
    service.stop_early(s.id, "Anxious; asked to stop")
    summary = summarize(service.load(s.id), clock.now())
    assert summary.stopped_early == "Anxious; asked to stop"
    report = course_report(patient, service.course(patient.id), clock.now(), Times())
    [row] = report.table.rows
    minutes = report.keys.index("infusion")
    assert row.cells[minutes] == "3/40\nstopped early"
    assert row.cell_levels[minutes] == ADVISORY
