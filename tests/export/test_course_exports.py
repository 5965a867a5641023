"""A course's PDF and CSV once courses exist: the course on screen (or the current one)
is what is written, its status ("lost response since session N") and the new columns
are on the first page, and the CSV has the same columns as the screen."""

from __future__ import annotations

import csv
from datetime import date

from export.documents import export_course_csv, export_course_pdf
from monitor.records import NewPatient
from tests.export.test_pdf import page_texts
from tests.monitor.report.test_course import quick


def induction_then_maintenance(service, clock):
    patient = service.register_patient(NewPatient("EX-1", "Eve Export", date(1970, 1, 1)))
    for total in (20, 14, 9, 4):
        quick(service, clock, patient.id, rise=10, phq9=total)
    service.start_course(patient.id, "Maintenance", "maintenance")
    for total in (4, 3, 8):
        quick(service, clock, patient.id, rise=10, phq9=total)
    return patient


def test_course_pdf_prints_the_current_course_with_its_status(ui_service, clock, tmp_path):
    patient = induction_then_maintenance(ui_service, clock)
    path = tmp_path / "course.pdf"
    pages = export_course_pdf(ui_service, patient.id, path)
    texts = page_texts(path)
    first = texts[0]
    assert "Course: Maintenance (maintenance), from 2026-12-22, running." in first
    assert "3 sessions, 2026-12-22 to 2027-01-05" in first
    assert ("PHQ-9 4 → 8 (+100 %): first remission at session 1; now lost response since "
            "session 3.") in first
    for header in ("Dose given", "Days since", "Pauses (stops)", "MOAA/S low",
                   "Side effects (worst)", "Rescue meds", "Vitals gaps"):
        assert header in first, header
    assert "8 (+100%)" in first
    # only this course's sessions follow, each on its own pages
    assert [k for k in range(1, 8) if any(f"Session {k} of 3" in t for t in texts)] == [1, 2, 3]
    assert not any("of 7 ·" in t for t in texts) and pages == len(texts)


def test_course_pdf_of_the_course_chosen(ui_service, clock, tmp_path):
    patient = induction_then_maintenance(ui_service, clock)
    induction = ui_service.course_choices(patient.id)[0]
    path = tmp_path / "induction.pdf"
    export_course_pdf(ui_service, patient.id, path, course=induction)
    first = page_texts(path)[0]
    assert "Course: All sessions before courses" in first
    assert ("PHQ-9 20 → 4 (−80 %): first response at session 3, first remission at session "
            "4; now in remission since session 4.") in first


def test_course_csv_has_the_tables_columns(ui_service, clock, tmp_path):
    patient = induction_then_maintenance(ui_service, clock)
    path = tmp_path / "course.csv"
    assert export_course_csv(ui_service, patient.id, path) == 3
    with open(path, encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header[:4] == ["#", "Date, chair", "PHQ-9", "Signed"]
    assert [row[2] for row in rows] == ["4 remission", "3 (−25%) remission", "8 (+100%)"]
    assert [row[header.index("Days since")] for row in rows] == ["7", "7", "7"]
