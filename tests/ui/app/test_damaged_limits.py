"""A session whose stored alarm limits are damaged opens on the board and the chair, with
the warning in the chair header (issue 8 §2: loading never refuses stored data)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from monitor.records import NewPatient
from monitor.vitals import VitalsValues


def test_a_session_with_damaged_limits_opens_with_a_warning_in_the_header(
        qtbot, window, ui_service, sqlite_storage):
    p = ui_service.register_patient(NewPatient("DL-1", "Damaged Limits", date(1980, 1, 1)))
    sid = ui_service.open_session(p.id, "4", weight_kg=70).id
    ui_service.record_vitals(sid, VitalsValues(120, 75, 70, 98, 14))
    with sqlite_storage.engine.begin() as conn:
        conn.execute(text("UPDATE infusion_session SET limits_json = '{{{' WHERE id = :i"),
                     {"i": sid})
    window.reload()
    window.tick()  # the board: no exception
    window.open_session(sid)
    header = window.session_view.header.text()
    assert "alarm limits stored with this session could not be read" in header
