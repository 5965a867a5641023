"""Sign-off locks a session in the service layer; addenda; course summaries and trends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from monitor.alarms import ACTIONS
from monitor.course import summarize, trend
from monitor.demo import PATIENTS, seed_demo
from monitor.discharge import all_clear
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.records import NewPatient
from monitor.review import SessionLocked
from monitor.timeline import Phase
from monitor.vitals import VitalsValues

BAG = {"concentration_mg_ml": 1.0, "bag_volume_ml": 100}


def a_completed_session(service, clock, mrn="S-1", critical=True):
    patient = service.register_patient(NewPatient(mrn, "Sam Reviewed", date(1980, 1, 2)))
    s = service.open_session(patient.id, "1", 70, **BAG)
    service.record_assessment(s.id, "phq9", items=(2, 2, 2, 1, 1, 1, 1, 1, 0))
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    clock.advance(minutes=1)
    service.start_infusion(s.id)
    clock.advance(minutes=10)
    service.record_vitals(s.id, VitalsValues(184 if critical else 150, 96, 92, 95, 16))
    service.record_side_effect(s.id, "nausea", 5)
    service.record_side_effect(s.id, "dissociation", 6)
    service.record_medication(s.id, "Ondansetron", 4, "mg", "IV")
    clock.advance(minutes=30)
    service.end_infusion(s.id)
    clock.advance(minutes=20)
    service.record_vitals(s.id, VitalsValues(128, 82, 74, 97, 14))
    service.discharge(s.id, all_clear())
    return s.id


def row_counts(storage) -> dict[str, int]:
    from sqlalchemy import func, select

    from db.models import Base

    with storage.transaction() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}


def test_only_a_discharged_session_can_be_signed(service, clock, repo):
    patient = service.register_patient(NewPatient("S-2", "Open Session", date(1990, 5, 5)))
    s = service.open_session(patient.id, "2", 60, **BAG)
    with pytest.raises(TransitionRefused, match="Only a completed"):
        service.sign(s.id, "Dr Rao")
    sid = a_completed_session(service, clock)
    with pytest.raises(InvalidEntry, match="name of the psychiatrist"):
        service.sign(sid, " ")
    service.sign(sid, "Dr Rao")
    session = repo.sessions.get_session(sid)
    assert session.signed_by == "Dr Rao" and session.signed_at == clock.now()
    with pytest.raises(SessionLocked, match="signed by Dr Rao"):
        service.sign(sid, "Dr Other")


def test_a_signed_session_refuses_every_change_and_stores_nothing(service, clock, storage, repo):
    sid = a_completed_session(service, clock)
    alarm = repo.care.alarms(sid)[0]
    service.sign(sid, "Dr Rao")
    before = row_counts(storage)
    attempts = [
        lambda: service.record_vitals(sid, VitalsValues(120, 80, 70, 98, 14)),
        lambda: service.record_side_effect(sid, "headache", 2),
        lambda: service.record_assessment(sid, "moaas", 5),
        lambda: service.record_medication(sid, "Ondansetron", 4, "mg", "IV"),
        lambda: service.add_note(sid, "late note"),
        lambda: service.acknowledge_alarm(alarm.id, "RN Lee", ACTIONS[0]),
        lambda: service.record_aldrete(sid, {k: 2 for k in ("activity", "respiration",
                                                            "circulation", "consciousness",
                                                            "oxygen")}),
    ]
    for attempt in attempts:
        with pytest.raises(SessionLocked, match="Corrections are added as an addendum"):
            attempt()
    assert row_counts(storage) == before
    assert repo.sessions.get_session(sid).signed_by == "Dr Rao"


def test_addenda_are_for_signed_sessions_and_are_kept(service, clock):
    sid = a_completed_session(service, clock)
    with pytest.raises(TransitionRefused, match="Addenda are for signed sessions"):
        service.add_addendum(sid, "BP cuff was the small size", "correction", "Dr Rao")
    service.sign(sid, "Dr Rao")
    with pytest.raises(InvalidEntry, match="Enter a reason"):
        service.add_addendum(sid, "text", "", "Dr Rao")
    clock.advance(days=1)
    added = service.add_addendum(sid, "BP cuff was the small size", "correction", "Dr Rao")
    record = service.load(sid)
    assert record.addenda == [added]
    assert added.at == clock.now() and added.author == "Dr Rao"
    assert added.summary() == "Addendum by Dr Rao (correction): BP cuff was the small size"


def test_a_session_summary(service, clock):
    sid = a_completed_session(service, clock)
    record = service.load(sid)
    s = summarize(record, clock.now())
    assert (s.chair, s.mg_per_kg, s.total_mg, s.planned_minutes) == ("1", 0.5, 35.0, 40)
    assert s.infusion_minutes == 40
    assert s.baseline_bp == (120, 80) and s.peak_bp == (184, 96) and s.sbp_rise == 64
    assert (s.lowest_spo2, s.highest_hr) == (95, 92)
    assert (s.peak_dissociation, s.worst_nausea) == (6, 5)
    assert s.rescue_medications == ("Ondansetron 4 mg",)
    assert s.alarm_count == 1
    assert s.minutes_to_ready == 20  # discharge-ready at discharge, 20 min after the end
    assert (s.phq9, s.phq9_item9, s.madrs, s.signed) == (11, False, None, False)
    assert s.phase is Phase.DISCHARGED


def test_the_demo_course_loads_whole_in_a_few_queries(service, repo, clock, storage):
    seed_demo(service, clock.now())
    maria = repo.patients.find_patients(PATIENTS[0].mrn)[0]
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(storage.engine, "before_cursor_execute", listener)
    try:
        course = service.course(maria.id)
    finally:
        event.remove(storage.engine, "before_cursor_execute", listener)
    assert len(course) == 6
    assert len(statements) <= 10  # patient, sessions, one per child table
    assert course == [service.load(r.session.id) for r in course]
    points = trend([summarize(r, clock.now()) for r in course], "phq9")
    assert [p.score for p in points] == [21, 17, 13, 10, 7, 4]
    assert [p.response for p in points] == [False, False, False, True, True, True]
    assert [p.remission for p in points] == [False] * 5 + [True]
    assert points[3].change == pytest.approx((10 - 21) / 21)


def test_patients_overview_finds_by_date_of_birth_and_counts_sessions(service, repo, clock):
    seed_demo(service, clock.now())
    rows = repo.review.patients_overview("1979-03-14")
    assert [(p.mrn, n) for p, n, _last in rows] == [("CH-1001", 6)]
    assert rows[0][2] is not None and rows[0][2].tzinfo is not None
    assert [p.mrn for p, _n, _l in repo.review.patients_overview("okafor")] == ["CH-1004"]
    assert len(repo.review.patients_overview("")) == 4
    assert repo.patients.find_patients("1992-06-21")[0].mrn == "CH-1003"
    assert clock.now() - rows[0][2] < timedelta(days=4)
