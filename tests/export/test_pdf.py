"""PDF and CSV exports on a real SQLite file seeded with the demo clinic: the text a reader
searches for is there, every page carries its header and footer, page counts agree, and
PHQ-9 item 9 is shown wherever the score is."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from export.documents import export_course_pdf, export_session_csv, export_session_pdf
from monitor.demo import seed_demo
from monitor.discharge import all_clear
from monitor.vitals import VitalsValues

ADDENDUM = "Patient phoned at 17:00: home safely, mild headache."
CLINIC = "Harbour Mood Clinic"


def page_texts(path) -> list[str]:
    """Each page's text with runs of whitespace made one space (Qt writes words apart)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def seeded(ui_service, clock):
    """The demo clinic; returns the id of the session infusing on chair 2."""
    return seed_demo(ui_service, clock.now())


@pytest.fixture
def finished(ui_service, clock, seeded):
    """Chair 2's session carried to the end: the critical alarm acknowledged, the rate
    lowered, a rescue drug, scales (PHQ-9 item 9 answered 1), discharged, signed, and an
    addendum after signing. Returns the session id."""
    sid = seeded
    alarm = ui_service.load(sid).open_alarm()
    ui_service.acknowledge_alarm(alarm.id, "RN Dana Kim", "Slowed the infusion",
                                 "BP rechecked in 5 min")
    ui_service.change_rate(sid, 60, "BP 182/104")
    clock.advance(minutes=2)
    ui_service.record_medication(sid, "Ondansetron", 4, "mg", "IV", note="nausea 4/10")
    clock.advance(minutes=3)
    ui_service.record_vitals(sid, VitalsValues(158, 96, 90, 97, 16, 36.9))
    ui_service.record_assessment(sid, "phq9", items=(2, 2, 1, 2, 1, 1, 1, 0, 1))
    ui_service.record_assessment(sid, "cadss", 14)
    ui_service.record_assessment(sid, "madrs", 24)
    ui_service.add_note(sid, "Vivid imagery; reassured.")
    clock.advance(minutes=12)
    ui_service.end_infusion(sid)
    ui_service.record_assessment(sid, "moaas", 4)
    clock.advance(minutes=15)
    ui_service.record_vitals(sid, VitalsValues(138, 86, 80, 98, 14))
    ui_service.record_assessment(sid, "moaas", 5)  # sedation reassessed before discharge
    clock.advance(minutes=15)
    ui_service.record_vitals(sid, VitalsValues(130, 82, 76, 98, 14))
    ui_service.discharge(sid, all_clear())
    clock.advance(minutes=30)
    ui_service.sign(sid, "Dr Ana Reyes")
    clock.advance(minutes=5)
    ui_service.add_addendum(sid, ADDENDUM, "Follow-up call", "Dr Ana Reyes")
    return sid


def local_hm(at, day_of) -> str:
    """A time as the PDF prints it: local HH:MM, with the date when on another day than
    the session's."""
    local = at.astimezone()
    same_day = local.date() == day_of.astimezone().date()
    return f"{local:%H:%M}" if same_day else f"{local:%Y-%m-%d %H:%M}"


def maria(service):
    return next(p for p in service.find_patients("CH-1001") if p.mrn == "CH-1001")


def test_session_pdf_holds_the_record(ui_service, finished, tmp_path):
    path = tmp_path / "session.pdf"
    pages = export_session_pdf(ui_service, finished, path, clinic_name=CLINIC)
    texts = page_texts(path)
    assert pages == len(texts) == len(PdfReader(path).pages) >= 2
    text = " ".join(texts)
    record = ui_service.load(finished)
    s, alarm = record.session, record.alarms[-1]
    for value in ("James O'Connor", "MRN CH-1002", "1986-11-02", CLINIC,
                  "82 kg × 0.5 mg/kg = 41 mg over 40 min",  # the dose arithmetic
                  "0.5 mg/mL, 100 mL bag", "123 mL/h at the start", "123 → 60 mL/h",
                  "Dose delivered", "Reason: Patient asked for a short break",
                  "Nausea 4/10 (moderate)", "Ondansetron 4 mg IV",
                  f"{local_hm(alarm.acknowledged_at, s.created_at)} by RN Dana Kim "
                  "Action: Slowed the infusion", "Not acknowledged",
                  "CADSS total 14/92", "MADRS total 24/60",
                  "Sedation (MOAA/S) 4/5 lethargic response to name",
                  "Modified Aldrete 10/10", "escort present; no driving confirmed",
                  f"Signed by Dr Ana Reyes on {s.signed_at.astimezone():%Y-%m-%d %H:%M}",
                  ADDENDUM, "Follow-up call", "Vivid imagery; reassured.",
                  "No gaps in vitals beyond the schedule."):
        assert value in text, value
    for v in record.vitals:
        assert f"{v.values.sbp}/{v.values.dbp}" in text
    assert "182/104" in text


def test_every_page_has_header_and_footer(ui_service, finished, clock, tmp_path):
    path = tmp_path / "session.pdf"
    pages = export_session_pdf(ui_service, finished, path)
    generated = f"Generated {clock.now().astimezone():%Y-%m-%d %H:%M}"
    for n, text in enumerate(page_texts(path), 1):
        assert f"Page {n} of {pages}" in text
        assert "James O'Connor · MRN CH-1002" in text
        assert generated in text
    # the time zone is said once, at the top
    assert " ".join(page_texts(path)).count("All times are local time") == 1


def test_item9_above_0_is_shown_at_the_top_and_beside_the_score(ui_service, finished,
                                                                tmp_path):
    path = tmp_path / "session.pdf"
    export_session_pdf(ui_service, finished, path)
    first, *rest = page_texts(path)
    assert "PHQ-9 item 9 (thoughts of self-harm) answered “several days”" in first
    assert "ITEM 9 (thoughts of self-harm): “several days” (1) — review suicide risk" in (
        " ".join([first, *rest]))


def test_item9_at_0_is_said_and_not_flagged(ui_service, seeded, tmp_path):
    first = ui_service.course(maria(ui_service).id)[0]
    path = tmp_path / "session.pdf"
    export_session_pdf(ui_service, first.session.id, path)
    text = " ".join(page_texts(path))
    assert "PHQ-9 21/27 severe; item 9: 0 (not at all)" in text
    assert "suicide risk" not in text
    assert "Not signed" in text


def test_an_unsigned_open_session_prints_as_it_stands(ui_service, seeded, tmp_path):
    path = tmp_path / "open.pdf"
    export_session_pdf(ui_service, seeded, path)
    text = " ".join(page_texts(path))
    assert "in progress" in text and "Not signed" in text
    assert "2 alarms not acknowledged" in text


def test_course_pdf_trends_first_then_every_session(ui_service, seeded, clock, tmp_path):
    patient = maria(ui_service)
    records = ui_service.course(patient.id)
    path = tmp_path / "course.pdf"
    pages = export_course_pdf(ui_service, patient.id, path, clinic_name=CLINIC)
    texts = page_texts(path)
    assert pages == len(texts) == len(PdfReader(path).pages) > len(records)
    first = texts[0]
    assert "Treatment course — Maria Alvarez" in first
    rows = re.findall(r"\d{4}-\d{2}-\d{2} chair \d", first)
    assert len(rows) == len(records) == 6
    for record in records:
        local = record.session.created_at.astimezone()
        assert f"{local:%Y-%m-%d} chair {record.session.chair}" in first
    assert "PHQ-9 21 → 4 (−81 %): first response at session 4, first remission at session 6" \
        in first
    assert "10 (−52%) response" in first and "4 (−81%) remission" in first
    # baseline → peak BP of session 1, and the rise in the column beside it
    assert "124/78 → 146/87 +22" in first
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {pages}" in text
        assert "Maria Alvarez · MRN CH-1001" in text and "Generated" in text
    # each session starts on a page of its own, headed with its number
    starts = [next(i for i, t in enumerate(texts) if f"Session {k} of 6" in t)
              for k in range(1, 7)]
    assert starts == sorted(starts) and starts[0] == 1
    for i in starts:
        assert "Infusion session —" in texts[i]


def test_course_pdf_flags_item9_in_its_row(ui_service, finished, tmp_path):
    james = ui_service.load(finished).patient
    path = tmp_path / "course.pdf"
    export_course_pdf(ui_service, james.id, path)
    first = page_texts(path)[0]
    assert "⚠ item 9 > 0" in first
    assert "PHQ-9 item 9 (thoughts of self-harm) answered above 0 at session 1" in first
    assert "MADRS 24 at session 1 (one score so far)" in first


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_finds_the_words_too(ui_service, finished, tmp_path):
    path = tmp_path / "session.pdf"
    export_session_pdf(ui_service, finished, path)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    for word in ("Sign-off", "confirmed", "182/104", "Page 1 of", "RN Dana Kim"):
        assert word in out, word  # no "ﬁ"/"ﬀ" ligatures hiding words from search


def test_session_csv_has_a_row_per_entry(ui_service, finished, tmp_path):
    path = tmp_path / "session.csv"
    count = export_session_csv(ui_service, finished, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    record = ui_service.load(finished)
    assert len(rows) == count
    assert list(rows[0]) == ["time_utc", "time_local", "kind", "detail", "sbp", "dbp", "hr",
                             "spo2", "rr", "temp_c", "flags"]
    vitals = [r for r in rows if r["kind"] == "vitals"]
    assert [(int(r["sbp"]), int(r["dbp"])) for r in vitals] == [
        (v.values.sbp, v.values.dbp) for v in record.vitals]
    assert any("critical limit" in r["flags"] for r in vitals)
    kinds = {r["kind"] for r in rows}
    assert {"event", "side_effect", "assessment", "medication", "alarm",
            "alarm_acknowledged", "note", "signed", "addendum"} <= kinds
    assert [r["time_utc"] for r in rows] == sorted(r["time_utc"] for r in rows)
