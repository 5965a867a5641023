"""One session carried through the service on a real database, for the report tests: a
protocol with its own limits (SBP advisory 150, rise advisory 25), a bag and pump, an
advisory alarm acknowledged and a critical one left open, a pause, a rate change, a
severe side effect, scales (PHQ-9 item 9 answered 1), a rescue drug and a note.

The clock starts at 14:00 UTC; every report here is in UTC."""

from __future__ import annotations

from datetime import date, timezone

import pytest

from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.report.format import Times
from monitor.vitals import VitalsValues
from tests.own_limits import OWN_PROTOCOL

UTC_TIMES = Times(timezone.utc)
ADDENDUM = "Phoned at 17:00: home safely."


@pytest.fixture
def patient(service):
    return service.register_patient(NewPatient("RP-1", "Rita Report", date(1980, 3, 4),
                                               allergies="Penicillin"))


@pytest.fixture
def running(service, clock, patient) -> int:
    """The session at 14:25, still infusing; returns its id."""
    s = service.open_session(patient.id, "2", 70, protocol=OWN_PROTOCOL,
                             concentration_mg_ml=1, bag_volume_ml=100)
    service.record_vitals(s.id, VitalsValues(120, 80, 70, 98, 14, 36.8))
    clock.advance(minutes=2)
    service.start_infusion(s.id)  # 14:02
    clock.advance(minutes=10)
    service.record_vitals(s.id, VitalsValues(152, 84, 76, 98, 14))  # 14:12, advisory
    [alarm] = service.load(s.id).alarms
    service.acknowledge_alarm(alarm.id, "RN Kim", "Repeated the measurement")
    clock.advance(minutes=2)
    service.pause(s.id, "nausea")  # 14:14
    clock.advance(minutes=3)
    service.resume(s.id)  # 14:17
    service.change_rate(s.id, 40, "BP rising")
    clock.advance(minutes=3)
    service.record_vitals(s.id, VitalsValues(185, 90, 80, 97, 16))  # 14:20, critical
    service.record_side_effect(s.id, "nausea", 7, note="bag given")
    clock.advance(minutes=2)
    service.record_assessment(s.id, "phq9", items=(2, 2, 1, 2, 1, 1, 1, 0, 1))  # 14:22
    service.record_assessment(s.id, "moaas", 4)
    service.record_assessment(s.id, "cadss", 20)
    clock.advance(minutes=3)
    service.record_medication(s.id, "Ondansetron", 4, "mg", "IV", note="nausea 7/10")
    service.add_note(s.id, "Calm; music on.")  # 14:25
    return s.id


@pytest.fixture
def finished(service, clock, running) -> int:
    """The same session ended, discharged, signed and amended."""
    clock.advance(minutes=5)
    service.record_vitals(running, VitalsValues(130, 82, 74, 98, 14))  # 14:30
    clock.advance(minutes=10)
    service.end_infusion(running)  # 14:40
    clock.advance(minutes=30)
    service.discharge(running, all_clear())  # 15:10
    clock.advance(minutes=20)
    service.sign(running, "Dr Reyes")  # 15:30
    clock.advance(minutes=5)
    service.add_addendum(running, ADDENDUM, "Follow-up call", "Dr Reyes")  # 15:35
    return running
