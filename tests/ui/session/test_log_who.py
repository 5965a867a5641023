"""The session log (chair view and review) shows who made each entry."""

from __future__ import annotations

from datetime import timezone

from export.colours import LIGHT
from monitor.alarms import ACTIONS
from tests.monitor.test_review import a_completed_session
from ui.session.session_log import SessionLogModel, log_items, record_names


def test_the_log_names_who_made_each_entry(qtbot, service, clock, staff, current_user,
                                           guarded):
    kim, dana = staff["nurse"], staff["psychiatrist"]
    current_user.sign_in(kim)
    sid = a_completed_session(guarded, clock)
    current_user.sign_in(dana)
    guarded.acknowledge_alarm(service.load(sid).alarms[0].id, "", ACTIONS[0])
    record = service.load(sid)
    model = SessionLogModel(LIGHT, timezone.utc)
    model.set_rows(log_items(record), record_names(record, current_user))
    assert model.HEADERS == ("Time", "Entry", "By", "Details")
    rows = [model.entry(r) for r in range(model.rowCount())]
    assert {e.by for e in rows if e.what != "Alarm acknowledged"} == {"Kim Rivera, RN"}
    assert [e.by for e in rows if e.what == "Alarm acknowledged"] == ["Dana Whitfield, MD"]
    assert model.data(model.index(0, 2)) == rows[0].by


def test_an_entry_made_while_shown_is_named_as_the_signed_in_user(qtbot, service, clock,
                                                                  staff, current_user,
                                                                  guarded):
    from monitor.records import NewPatient
    from monitor.vitals import VitalsValues

    kim = staff["nurse"]
    current_user.sign_in(kim)
    from datetime import date

    patient = guarded.register_patient(NewPatient("L-1", "Lou Shown", date(1970, 3, 4)))
    session = guarded.open_session(patient.id, "2", 70)
    record = service.load(session.id)  # nothing in it yet: no names loaded
    model = SessionLogModel(LIGHT, timezone.utc)
    model.set_rows(log_items(record), record_names(record, current_user))
    vitals = guarded.record_vitals(session.id, VitalsValues(120, 80, 70, 98, 14))
    model.add(vitals)
    assert model.entry(0).by == "Kim Rivera, RN"


def test_the_chair_log_shows_initials_and_the_whole_name_on_hover(qtbot, service, clock,
                                                                   staff, current_user,
                                                                   guarded):
    from PySide6.QtCore import Qt

    current_user.sign_in(staff["nurse"])
    sid = a_completed_session(guarded, clock)
    record = service.load(sid)
    model = SessionLogModel(LIGHT, timezone.utc, initials_only=True)
    model.set_rows(log_items(record), record_names(record, current_user))
    assert model.data(model.index(0, 2)) == "KR"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole) == "Kim Rivera, RN"
