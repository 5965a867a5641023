"""Two workstations on one session, through the real window (issue 8 §2): the one whose
screen is out of date is told what happened and shown the session as it is; a stored
record that breaks the rules opens, with a warning, on the board, the chair and the PDF."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert

from db.models import EventRow
from db.repository import ClinicRepository
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsValues
from tests.ui.app.test_clinic import seat_and_start


def other_workstation(sqlite_storage, clock) -> SessionService:
    """A second SessionService on the same file (its own repository and change feed)."""
    return SessionService(ClinicRepository(sqlite_storage), clock)


def test_resume_on_a_stale_screen_is_refused_with_what_happened(qtbot, window, clock,
                                                                 sqlite_storage):
    sid = seat_and_start(qtbot, window, clock, "TW-2", "Stale Screen", "3")
    view = window.session_view
    other = other_workstation(sqlite_storage, clock)
    other.pause(sid, "nausea")
    other.resume(sid)
    other.pause(sid, "BP")  # paused again, elsewhere; this screen last saw "infusing"
    view._act("resume")
    assert "was paused on another workstation at" in view.status.text()
    assert view.shown.session.phase is Phase.PAUSED  # the screen shows it as it is
    assert view.shown.session.version == window.service.get_session(sid).version
    events = window.service.load(sid).events
    assert [e.kind for e in events].count(EventKind.RESUME) == 1  # nothing stored here
    view._act("resume")  # now from what it shows: taken
    assert window.service.get_session(sid).phase is Phase.INFUSING


def test_a_record_that_breaks_the_rules_opens_everywhere(qtbot, window, ui_service, clock,
                                                         sqlite_storage, tmp_path):
    p = ui_service.register_patient(NewPatient("TW-3", "Broken Record", date(1980, 1, 1)))
    sid = ui_service.open_session(p.id, "4", weight_kg=70).id
    ui_service.record_vitals(sid, VitalsValues(120, 75, 70, 98, 14))
    ui_service.start_infusion(sid)
    with sqlite_storage.transaction() as s:  # two starts, as a race before 0006 stored them
        s.execute(insert(EventRow).values(session_id=sid, kind="start", at=clock.now(),
                                          text="", entered_at=clock.now()))
    window.reload()
    window.tick()  # the board: no exception
    window.open_session(sid)
    view = window.session_view
    assert "breaks the rules" in view.header.text()
    assert view.clock_view.phase.text() == "INFUSING"
    from export.documents import export_session_pdf

    pdf = tmp_path / "broken.pdf"
    export_session_pdf(window.service, sid, pdf)
    assert pdf.stat().st_size > 1000
