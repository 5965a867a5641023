"""Corrections on paper, read back as a reader's tool sees the PDF: a marked entry is kept
with its mark and reason (and struck through in the document), its recheck names it, the
artifact's alarm is shown as such and warns of nothing, and an addendum that corrects a
medication is printed beside it — in the session PDF, the course PDF and the CSV."""

from __future__ import annotations

import csv
import re
from datetime import date, timezone

import pytest

from export.documents import (
    export_course_pdf,
    export_session_csv,
    export_session_pdf,
    session_pdf,
)
from monitor.corrections import Status
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.vitals import VitalsValues
from tests.export.pdf_text import page_lines

UTC = timezone.utc


@pytest.fixture
def corrected(ui_service, clock):
    """Baseline 124/78 at 14:00, SBP 185 at 14:05 marked an artifact at 14:06 (cuff) by
    Ann Lee RN and rechecked 150/90 at 14:07; a note entered in error; discharged, signed,
    and an addendum correcting the ondansetron dose."""
    sv = ui_service
    patient = sv.register_patient(NewPatient("PDF-1", "Petra Print", date(1979, 3, 4)))
    sid = sv.open_session(patient.id, "3", 70).id
    sv.record_vitals(sid, VitalsValues(124, 78, 72, 98, 14))
    sv.start_infusion(sid)
    clock.advance(minutes=5)
    cuff = sv.record_vitals(sid, VitalsValues(185, 95, 80, 97, 15))
    given = sv.record_medication(sid, "Ondansetron", 4, "mg", "IV")
    note = sv.add_note(sid, "Patient in chair 4")
    clock.advance(minutes=1)
    sv.mark_entry(sid, "vitals", cuff.id, Status.ARTIFACT, "cuff", by="Ann Lee RN")
    sv.mark_entry(sid, "note", note.id, Status.ENTERED_IN_ERROR, "wrong patient",
                  by="Ann Lee RN")
    clock.advance(minutes=1)
    sv.record_vitals(sid, VitalsValues(150, 90, 78, 97, 15), recheck_of=cuff.id)
    clock.advance(minutes=33)
    sv.end_infusion(sid)
    clock.advance(minutes=31)
    sv.record_vitals(sid, VitalsValues(128, 80, 70, 98, 14))
    sv.discharge(sid, all_clear())
    sv.sign(sid, "Dr Quinn")
    sv.add_addendum(sid, "Dose was 8 mg, not 4 mg", "Correction", "Dr Quinn",
                    corrects=("medication", given.id))
    return sid, patient.id


def test_the_session_pdf_keeps_the_marked_entries_with_their_reasons(ui_service, clock,
                                                                       corrected, tmp_path):
    sid, _pid = corrected
    path = tmp_path / "session.pdf"
    export_session_pdf(ui_service, sid, path, tz=UTC)
    text = " ".join(line for page in page_lines(path) for line in page)  # lines wrap
    assert "ARTIFACT: cuff — marked by Ann Lee RN at 14:06" in text
    assert "185/95" in text  # the original is kept
    assert "Recheck of 14:05 (artifact: cuff)" in text
    assert "Raised by a reading marked artifact (cuff): not counted" in text
    assert "not acknowledged" not in text  # the artifact's alarm warns of nothing
    assert "ENTERED IN ERROR: wrong patient — marked by Ann Lee RN at 14:06" in text
    assert "Patient in chair 4" in text
    assert "Corrected by addendum" in text and "Dose was 8 mg, not 4 mg" in text


def test_the_marked_rows_are_struck_through_in_the_document(ui_service, corrected):
    sid, _pid = corrected
    html = session_pdf(ui_service, sid, tz=UTC).parts[0].html
    struck = [row for row in html.split("<tr") if "line-through" in row]
    assert any("185/95" in row for row in struck)
    assert any("Patient in chair 4" in row for row in struck)
    assert not any("150/90" in row for row in struck)  # the recheck counts


def test_the_course_pdf_shows_the_addendum_beside_the_medication_and_the_true_rise(
        ui_service, corrected, tmp_path):
    _sid, pid = corrected
    path = tmp_path / "course.pdf"
    export_course_pdf(ui_service, pid, path, tz=UTC)
    text = " ".join(line for page in page_lines(path) for line in page)
    assert "† addendum" in text and "Dose was 8 mg, not 4 mg" in text
    # peak rise from the recheck 150 (the course table's own "SBP rise" column, issue 9 §5)
    # (+61 only in the artifact's own alarm, kept and marked "not counted")
    assert re.search(r"(?<![\d.])\+26(?!\d)", text)
    assert "+61" not in text.replace("185 is +61 mmHg over baseline", "")


def test_the_csv_marks_the_entries_and_lists_the_corrections(ui_service, corrected,
                                                             tmp_path):
    sid, _pid = corrected
    path = tmp_path / "session.csv"
    export_session_csv(ui_service, sid, path, tz=UTC)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    cuff = next(r for r in rows if r["kind"] == "vitals" and r["sbp"] == "185")
    assert cuff["detail"].startswith("[ARTIFACT: cuff] BP 185/95")
    kinds = [r["detail"] for r in rows if r["kind"] == "correction"]
    assert any("marked artifact by Ann Lee RN: cuff" in d for d in kinds)
    assert any("Recheck of 14:05 (artifact: cuff)" in d for d in kinds)
    addendum = next(r for r in rows if r["kind"] == "addendum")
    assert "[corrects medication #" in addendum["detail"]
