"""Every service call that stores into a session reports what changed, and folding
those changes into a record held in memory gives exactly the record stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import event

from monitor.alarms import ACTIONS
from monitor.changes import Change
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.session_record import SessionRecord
from monitor.timeline import EventKind, Phase
from monitor.vitals import VitalsValues

BAG = {"concentration_mg_ml": 0.5, "bag_volume_ml": 100}


def without_alarms_attached(record: SessionRecord) -> SessionRecord:
    """A just-stored vitals set carries the alarm it raised; a loaded one does not (the
    alarm is in ``alarms`` either way)."""
    return replace(record, vitals=[replace(v, alarm=None) for v in record.vitals])


def test_each_entry_is_reported_once_with_the_session_when_it_moved_on(service, clock):
    seen: list[Change] = []
    service.changes.subscribe(seen.append)
    patient = service.register_patient(NewPatient("C-1", "Cal Changes", date(1980, 1, 2)))
    s = service.open_session(patient.id, "1", 70, **BAG)
    assert seen == []  # registering and opening are not entries into a session
    v = service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    clock.advance(minutes=1)
    start = service.start_infusion(s.id)
    assert seen == [Change(s.id, v), Change(s.id, start, service.get_session(s.id))]
    assert seen[1].session.phase is Phase.INFUSING
    assert seen[1].session.started_at == start.at


def test_changes_folded_into_memory_give_the_stored_record(service, clock):
    patient = service.register_patient(NewPatient("C-2", "Cal Changes", date(1980, 1, 2)))
    s = service.open_session(patient.id, "1", 70, **BAG)
    record = service.load(s.id)
    service.changes.subscribe(record.apply)
    service.record_assessment(s.id, "phq9", items=(2, 2, 2, 1, 1, 1, 1, 1, 0))
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    clock.advance(minutes=1)
    service.start_infusion(s.id)
    clock.advance(minutes=10)
    high = service.record_vitals(s.id, VitalsValues(184, 96, 92, 95, 16))
    service.acknowledge_alarm(high.alarm.id, "Nurse Lee", ACTIONS[0])
    service.record_side_effect(s.id, "nausea", 5)
    service.record_medication(s.id, "Ondansetron", 4, "mg", "IV")
    service.change_rate(s.id, 60, "patient anxious")
    clock.advance(minutes=30)
    service.end_infusion(s.id)
    clock.advance(minutes=20)
    service.discharge(s.id, all_clear())  # stores the Aldrete score, then discharges
    service.sign(s.id, "Dr Rao")
    service.add_addendum(s.id, "BP cuff was the small size", "correction", "Dr Rao")
    stored = service.load(s.id)
    assert stored.session.phase is Phase.DISCHARGED and stored.session.signed
    assert stored.session.discharge_ready_at is not None
    assert [e.kind for e in stored.events][-1] is EventKind.DISCHARGE
    assert without_alarms_attached(record) == stored


def test_loading_a_session_is_one_transaction(service, clock, storage):
    patient = service.register_patient(NewPatient("C-3", "Cal Changes", date(1980, 1, 2)))
    s = service.open_session(patient.id, "1", 70)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14))
    begun: list[object] = []
    listener = begun.append
    event.listen(storage.engine, "begin", listener)
    try:
        record = service.load(s.id)
    finally:
        event.remove(storage.engine, "begin", listener)
    assert len(begun) == 1
    assert (record.patient, len(record.vitals)) == (patient, 1)
