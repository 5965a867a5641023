"""The PDF says who made each entry (vitals, side effects, phase changes, medications,
scales, notes, acknowledgements) and shows a signed addendum's manifestation; an addendum
edited in the database afterwards prints as altered."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timezone

import pytest
from sqlalchemy import text

from export.documents import export_session_pdf
from monitor.alarms import ACTIONS
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.vitals import VitalsValues
from tests.conftest import PSYCHIATRIST_PASSWORD
from tests.export.pdf_text import page_lines
from tests.monitor.test_review import BAG, a_completed_session

UTC = timezone.utc


def pdf_text(path) -> str:
    return "\n".join("\n".join(page) for page in page_lines(path))


def table_lines(path) -> list[str]:
    """The PDF's lines as laid out (a table row on one line, its cells side by side)."""
    if not shutil.which("pdftotext"):  # `make test` installs poppler-utils
        pytest.skip("needs poppler's pdftotext: pypdf's layout mode drops rows on pages "
                    "with rotated text, and its plain mode splits a row's cells")
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout.splitlines()


def test_the_pdf_names_who_made_each_entry_and_the_signed_addendum(
        storage, service, clock, staff, current_user, guarded, signing, tmp_path):
    kim, dana = staff["nurse"], staff["psychiatrist"]
    current_user.sign_in(kim)
    p = guarded.register_patient(NewPatient("W-1", "Wren Example", date(1980, 1, 2)))
    sid = guarded.open_session(p.id, "1", 70, **BAG).id
    guarded.record_vitals(sid, VitalsValues(120, 80, 70, 98, 14))
    clock.advance(minutes=1)
    guarded.start_infusion(sid)
    clock.advance(minutes=10)
    guarded.record_vitals(sid, VitalsValues(184, 96, 92, 95, 16))
    guarded.record_side_effect(sid, "nausea", 5)
    guarded.record_medication(sid, "Ondansetron", 4, "mg", "IV")
    guarded.add_note(sid, "Calm throughout")
    current_user.sign_in(dana)  # the psychiatrist acknowledges the alarm
    guarded.acknowledge_alarm(service.load(sid).alarms[0].id, "", ACTIONS[0])
    current_user.sign_in(kim)
    clock.advance(minutes=30)
    guarded.end_infusion(sid)
    clock.advance(minutes=20)
    guarded.record_vitals(sid, VitalsValues(128, 82, 74, 97, 14))
    guarded.record_aldrete(sid, all_clear().items, True, True)
    clock.advance(minutes=10)
    guarded.discharge(sid, all_clear())
    current_user.sign_in(dana)
    record = service.load(sid)
    assert record.who(record.vitals[0].entered_by) == "Kim Rivera, RN"
    assert record.alarms[0].acknowledged_by_user == dana.user_id
    signing.sign(dana, sid, PSYCHIATRIST_PASSWORD)
    clock.advance(hours=1)
    signing.add_addendum(dana, sid, "Phoned: slept well", "Outcome after discharge",
                         PSYCHIATRIST_PASSWORD)
    out = tmp_path / "s.pdf"
    export_session_pdf(service, sid, out, tz=UTC, signatures=signing)
    lines = table_lines(out)
    for what in ("Infusion started", "Infusion ended", "Discharged", "120/80", "128/82",
                 "Nausea", "Modified Aldrete", "Ondansetron", "Calm throughout"):
        # each entry's row names who made it
        assert any(what in ln and ln.rstrip().endswith("Kim Rivera, RN") for ln in lines), what
    assert any("by Dana Whitfield, MD" in ln for ln in lines)  # the acknowledgement
    lines = pdf_text(out).splitlines()
    at = f"{clock.now():%Y-%m-%d %H:%M} UTC (UTC+00:00)"
    assert f"Electronically signed by Dana Whitfield, MD — {at} — Authored" in \
        " ".join(lines)

    with storage.engine.begin() as conn:  # the addendum edited behind the app's back
        conn.execute(text("UPDATE addendum SET text = 'Phoned: no problems'"))
    export_session_pdf(service, sid, out, tz=UTC, signatures=signing)
    assert "ALTERED AFTER SIGNING (this addendum no longer matches what was signed)" in \
        " ".join(pdf_text(out).splitlines())


def test_a_record_from_before_accounts_prints_without_a_by_column(service, clock, tmp_path):
    sid = a_completed_session(service, clock)
    record = service.load(sid)
    assert record.users == {} and record.vitals[0].entered_by is None
    out = tmp_path / "s.pdf"
    export_session_pdf(service, sid, out, tz=UTC)
    assert "By" not in {word for line in pdf_text(out).splitlines() for word in line.split()}
