"""The review shows the PDF's own report data: every cell of the session report's
sections, and the course report's overview, are on screen; what was typed stays text."""

from __future__ import annotations

from datetime import date, timezone
from html import escape

import pytest

from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.report.course import course_report
from monitor.report.format import Times
from monitor.report.session import session_report
from monitor.vitals import VitalsValues

UTC = timezone.utc


@pytest.fixture
def session_id(ui_service, clock):
    p = ui_service.register_patient(NewPatient("RR-1", "Rae <i>Review</i>", date(1970, 1, 1)))
    s = ui_service.open_session(p.id, "1", 70, concentration_mg_ml=1, bag_volume_ml=100)
    ui_service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    ui_service.start_infusion(s.id)
    clock.advance(minutes=10)
    ui_service.record_vitals(s.id, VitalsValues(186, 92, 88, 97, 15))
    ui_service.record_side_effect(s.id, "other", 3, description="<b>tingling</b>")
    ui_service.record_assessment(s.id, "phq9", items=(1, 1, 1, 1, 1, 1, 1, 1, 1))
    ui_service.add_note(s.id, "Music <loud> & calm")
    clock.advance(minutes=30)
    ui_service.end_infusion(s.id)
    clock.advance(minutes=30)
    ui_service.discharge(s.id, all_clear())
    return s.id


def test_every_section_of_the_session_report_is_on_screen(review, ui_service, session_id):
    review.show_session(session_id)
    sr = review.session_review
    report = session_report(sr.record, sr.end_time(), Times(UTC))
    shown = sr.details.toPlainText()
    for table in (report.timings, report.side_effects, report.assessments, report.alarms,
                  report.notes, report.aldrete):
        for row in table.rows:
            for cell in row.cells:
                assert cell in shown, cell
    for _key, value in report.dose + report.discharge:
        assert value in shown
    assert report.timing_summary in shown and report.gaps in shown
    signoff = sr.signoff.text()  # rich text: what was typed is escaped
    assert len(report.warnings) == 2  # item 9 answered 1, the critical alarm left open
    for line in [report.signoff, *report.warnings]:
        assert escape(line) in signoff


def test_typed_text_is_escaped_on_the_review(review, session_id):
    review.show_session(session_id)
    sr = review.session_review
    assert "Rae &lt;i&gt;Review&lt;/i&gt;" in sr.header.text()
    assert "Infusion session — Tuesday 2026-11-24, chair 1</b>, opened 14:00" in (
        sr.header.text())
    shown = sr.details.toPlainText()
    assert "Other: <b>tingling</b>" in shown and "Music <loud> & calm" in shown


def test_the_course_header_is_the_course_reports_overview(review, ui_service, clock,
                                                          session_id):
    patient_id = ui_service.load(session_id).patient.id
    review.show_patient(patient_id)
    report = course_report(review.patient, ui_service.course(patient_id), clock.now(),
                           Times(UTC))
    header = review.course_header.text()
    assert len(report.overview) == 3 and len(report.warnings) == 1
    for line in report.overview + report.warnings:
        assert escape(line) in header
