"""Issue 8 §5: the PDF omits nothing. Sessions of every size (a seeded generator, charted
through the real service on a real SQLite file) are exported, and the PDF's own text must
hold every section heading, the sign-off line, every note and every addendum, on pages that
are never blank, never only a heading, and never end on a heading whose content went to the
next page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from db.repository import ClinicRepository
from db.storage import Storage, sqlite_url
from export.documents import export_session_pdf
from monitor.clock import FixedClock
from monitor.service import SessionService
from tests.export.pdf_text import page_lines
from tests.export.sessions import SIGNER, Made, make_eventful, make_session

HEADINGS = ("Patient", "Session", "Protocol", "Dose and pump", "Vitals chart", "Timings",
            "Vitals", "Side effects", "Scales and assessments", "Alarms", "Medications",
            "Discharge", "Notes", "Sign-off", "Addenda")
FRAME = (r"Generated \S+ \S+ by Chairside", r"Confidential: patient record",
         r"Page \d+ of \d+", r"Infusion session summary")
START = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)
QUICK, SLOW = range(0, 10), range(10, 40)


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    """One real SQLite clinic for all the generated sessions (a patient each)."""
    storage = Storage(sqlite_url(tmp_path_factory.mktemp("omits") / "chairside.sqlite"))
    storage.upgrade()
    clock = FixedClock(START)
    service = SessionService(ClinicRepository(storage), clock)
    service._repo.settings.ensure_defaults(clock.now())
    yield service, clock
    storage.close()


def body_lines(lines: list[str], patient: str) -> list[str]:
    """A page's lines without its header and footer."""
    frame = re.compile("|".join(FRAME))
    return [line for line in lines if not frame.fullmatch(line) and patient not in line]


def in_order(wanted: str, words: list[str], slack: int = 60) -> bool:
    """``wanted``'s words appear in order in ``words`` within a short stretch (a page's
    header and footer, or a table's repeated heading row, may come between when the text
    runs onto the next page)."""
    want = wanted.split()
    for start in (i for i, w in enumerate(words) if w == want[0]):
        k, i = 0, start
        while k < len(want) and i < len(words) and i - start < len(want) + slack:
            k += words[i] == want[k]
            i += 1
        if k == len(want):
            return True
    return False


def table_follows(heading: str, columns: str, words: list[str]) -> bool:
    """A table's column headings follow the section's heading within a few rows (in any
    order, and not always together: a reader may take a table's cells column by column)."""
    wanted = columns.split()
    return any(all(w in words[i + 1:i + 120] for w in wanted)
               for i, word in enumerate(words) if word == heading)


def check_pdf(service, made: Made, path) -> None:
    pages = export_session_pdf(service, made.session_id, path)
    record = service.load(made.session_id)
    patient = f"{record.patient.name} · MRN {record.patient.mrn}"
    lines = page_lines(path)
    assert len(lines) == pages
    bodies = [body_lines(page, patient) for page in lines]
    for n, (page, body) in enumerate(zip(lines, bodies, strict=True), 1):
        assert f"Page {n} of {pages}" in page
        assert body, f"page {n} is blank"
        assert body[-1] not in HEADINGS, f"page {n} ends on the heading {body[-1]!r}"
    flat = [line for body in bodies for line in body]
    headings = [h for h in HEADINGS if h != "Vitals chart" or made.vitals]
    at = 0
    for heading in headings:  # every section, in order
        assert heading in flat[at:], f"no {heading!r} heading"
        at = flat.index(heading, at) + 1
    words = " ".join(flat).split()
    if made.signed:
        assert in_order(f"Signed by {SIGNER} on", words)
        assert in_order("The record is locked; corrections are addenda.", words)
    else:
        assert in_order("Not signed", words)
    for text in made.notes + made.addenda:
        assert in_order(text, words), text[:40]
    if made.addenda:  # the table, not only its heading
        assert table_follows("Addenda", "Added Author Reason Addendum", words)
    if made.medications:
        assert table_follows("Medications", "Time Medication Dose Route Note", words)


def test_the_eventful_session_prints_every_section_the_sign_off_and_the_addenda(
        clinic, tmp_path):
    service, clock = clinic
    made = make_eventful(service, clock)
    path = tmp_path / "eventful.pdf"
    check_pdf(service, made, path)
    # and a second reader agrees (pypdf, whichever check_pdf used)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    for heading in ("Medications", "Discharge", "Notes", "Sign-off", "Addenda"):
        assert heading in text
    assert f"Signed by {SIGNER} on" in text
    for i in range(3):
        assert f"eventfuladdendum{i}end" in text


@pytest.mark.parametrize("seed", QUICK)
def test_generated_sessions_print_everything(clinic, tmp_path, seed):
    service, clock = clinic
    clock.set(START + timedelta(days=seed))
    check_pdf(service, make_session(service, clock, seed), tmp_path / f"{seed}.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW)
def test_more_generated_sessions_print_everything(clinic, tmp_path, seed):
    service, clock = clinic
    clock.set(START + timedelta(days=seed))
    check_pdf(service, make_session(service, clock, seed), tmp_path / f"{seed}.pdf")
