"""The monitor feed in the PDFs: the silences (gaps) listed in the session summary and
in each session of the course summary, and a validated monitor set that the nurse edited
first printed with its source and what she changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from export.documents import export_course_pdf, export_session_pdf
from monitor.records import NewPatient
from tests.db.test_devices import monitor_message
from tests.export.pdf_text import page_lines
from tests.monitor.test_review import BAG


def text_of(path) -> str:
    return " ".join(" ".join(page) for page in page_lines(path))


@pytest.fixture
def fed_session(guarded, repo, clock, staff, current_user):
    current_user.sign_in(staff["nurse"])
    p = guarded.register_patient(NewPatient("F-1", "Fay Monitor", date(1979, 3, 4)))
    sid = guarded.open_session(p.id, "2", 70, **BAG).id
    clock.advance(minutes=12)
    repo.devices.store([monitor_message(clock, "0", 11)], clock.now())
    (device,) = guarded.monitors()
    guarded.bind_monitor(device.id, "2")
    # values 10 and 9 min ago, then the cable off until 2 min ago: a 7-minute silence
    repo.devices.store([monitor_message(clock, "1", 10), monitor_message(clock, "2", 9),
                        monitor_message(clock, "3", 2, sbp=182)], clock.now())
    guarded.validate_monitor_set(sid, {"sbp": 142})  # the cuff misread
    return p.id, sid


def test_the_session_pdf_lists_the_gaps_and_the_edited_set(guarded, clock, fed_session,
                                                          tmp_path):
    _patient, sid = fed_session
    pdf = tmp_path / "session.pdf"
    export_session_pdf(guarded, sid, pdf, now=clock.now())
    text = text_of(pdf)
    gap = (f"{(clock.now() - timedelta(minutes=9)).astimezone():%H:%M}–"
           f"{(clock.now() - timedelta(minutes=2)).astimezone():%H:%M}")
    assert f"Silences longer than 60 s (gaps): {gap}" in text
    assert "SBP 182 → 142" in text and "edited before validating" in text


def test_the_course_pdf_lists_each_sessions_gaps(guarded, clock, fed_session, tmp_path):
    patient, _sid = fed_session
    pdf = tmp_path / "course.pdf"
    export_course_pdf(guarded, patient, pdf, now=clock.now())
    text = text_of(pdf)
    assert "Bedside monitor feed" in text and "Silences longer than 60 s (gaps)" in text
    assert "SBP 182 → 142" in text
