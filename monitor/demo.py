"""A small demo clinic: a past course of six sessions, and three chairs busy now.

Written through ``SessionService`` with a clock moved by hand, so the demo data obeys
exactly the rules a nurse's entries do. Bag figures and doses here are demo data, not
recommendations.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TypedDict

from monitor.clock import FixedClock
from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.service import SessionService
from monitor.vitals import VitalsValues

PATIENTS = [
    NewPatient("CH-1001", "Maria Alvarez", date(1979, 3, 14), "Penicillin (rash)",
               "Treatment-resistant depression; course of six."),
    NewPatient("CH-1002", "James O'Connor", date(1986, 11, 2), "", "PTSD."),
    NewPatient("CH-1003", "Priya Natarajan", date(1992, 6, 21), "Latex", "Depression."),
    NewPatient("CH-1004", "Samuel Okafor", date(1969, 1, 30), "", "Anxiety and depression."),
]


class Bag(TypedDict):
    """The bag keywords of ``SessionService.open_session``."""

    concentration_mg_ml: float
    bag_volume_ml: float


BAG: Bag = {"concentration_mg_ml": 0.5, "bag_volume_ml": 100}  # demo: 50 mg in 100 mL
COURSE_PHQ9 = (21, 17, 13, 10, 7, 4)  # a demo course that responds, then remits


def seed_demo(service: SessionService, now: datetime) -> int:
    """Seeds the demo clinic through a service whose clock is moved by hand.

    Returns the id of the session on chair 2 (infusing, with an open alarm).
    """
    clock = FixedClock(now - timedelta(days=20))
    seeding = service.with_clock(clock)
    seeding.settings.ensure_defaults()
    patients = [seeding.register_patient(p) for p in PATIENTS]
    maria = patients[0]
    for n, day in enumerate((20, 17, 13, 10, 6, 3)):
        clock.set((now - timedelta(days=day)).replace(hour=9 + n % 3, minute=0, second=0))
        _past_session(seeding, clock, maria.id, chair=f"{1 + n % 4}", rise=18 - 2 * n,
                      phq9=COURSE_PHQ9[n])
    clock.set(now - timedelta(minutes=52))
    _in_observation(seeding, clock, patients[3].id)
    clock.set(now - timedelta(minutes=27, seconds=30))
    busy = _session_infusing_now(seeding, clock, patients[1].id)
    clock.set(now - timedelta(minutes=16))
    _overdue_now(seeding, clock, patients[2].id)
    return busy


def _phq9_items(total: int) -> tuple[int, ...]:
    items = [0] * 9
    for i in range(total):
        items[i % 8] += 1  # item 9 (self-harm) stays 0 in the demo
    return tuple(items)


def _past_session(service: SessionService, clock: FixedClock, patient_id: int, chair: str,
                  rise: int, phq9: int) -> None:
    s = service.open_session(patient_id, chair, weight_kg=68, mg_per_kg=0.5, **BAG)
    service.record_assessment(s.id, "phq9", items=_phq9_items(phq9))
    service.record_vitals(s.id, VitalsValues(124, 78, 72, 98, 14, 36.7))
    clock.advance(minutes=5)
    service.start_infusion(s.id)
    for minute, (dsbp, dhr) in enumerate([(8, 4), (rise, 8), (rise + 4, 10), (rise, 6)], 1):
        clock.advance(minutes=10)
        service.record_vitals(s.id, VitalsValues(124 + dsbp, 80 + dsbp // 3, 72 + dhr, 97,
                                                 15))
        if minute == 2:
            service.record_side_effect(s.id, "dissociation", max(2, rise // 3))
        if minute == 3 and rise > 12:
            service.record_side_effect(s.id, "nausea", 3, note="settled with rest")
    service.end_infusion(s.id)
    service.record_assessment(s.id, "moaas", 5)
    clock.advance(minutes=15)
    service.record_vitals(s.id, VitalsValues(128, 80, 76, 98, 14))
    clock.advance(minutes=15)
    service.record_vitals(s.id, VitalsValues(124, 78, 72, 98, 14))
    service.discharge(s.id, all_clear())


def _session_infusing_now(service: SessionService, clock: FixedClock, patient_id: int) -> int:
    s = service.open_session(patient_id, "2", weight_kg=82, mg_per_kg=0.5, **BAG)
    service.record_vitals(s.id, VitalsValues(132, 84, 78, 98, 14, 36.8))
    clock.advance(minutes=1)
    service.start_infusion(s.id)
    clock.advance(minutes=10)
    service.record_vitals(s.id, VitalsValues(146, 90, 86, 97, 15))
    clock.advance(minutes=2)
    service.record_side_effect(s.id, "dizziness", 3)
    clock.advance(minutes=3)
    service.pause(s.id, "Patient asked for a short break")
    clock.advance(minutes=3)
    service.resume(s.id)
    clock.advance(minutes=4)
    service.record_vitals(s.id, VitalsValues(164, 98, 92, 96, 16))
    service.record_side_effect(s.id, "dissociation", 5, note="calm, eyes closed")
    clock.advance(minutes=2)
    service.record_side_effect(s.id, "nausea", 4)
    service.record_vitals(s.id, VitalsValues(182, 104, 96, 96, 16))  # critical, open
    return s.id


def _overdue_now(service: SessionService, clock: FixedClock, patient_id: int) -> None:
    s = service.open_session(patient_id, "1", weight_kg=59, mg_per_kg=0.5, **BAG)
    service.record_vitals(s.id, VitalsValues(118, 74, 70, 99, 13))
    clock.advance(minutes=2)
    service.start_infusion(s.id)  # no set since: overdue after 10 + 2 min


def _in_observation(service: SessionService, clock: FixedClock, patient_id: int) -> None:
    s = service.open_session(patient_id, "3", weight_kg=91, mg_per_kg=0.5, **BAG)
    service.record_vitals(s.id, VitalsValues(128, 82, 68, 97, 14))
    service.start_infusion(s.id)
    for _ in range(4):
        clock.advance(minutes=10)
        service.record_vitals(s.id, VitalsValues(138, 86, 74, 97, 15))
    service.end_infusion(s.id)
    service.record_assessment(s.id, "moaas", 4)
    clock.advance(minutes=10)
    service.record_vitals(s.id, VitalsValues(130, 82, 70, 98, 14))
