"""Sessions of every size for the PDF tests, charted through the real service: a seeded
generator (the same seed gives the same session), plus the eventful session of issue 8.

Text is made of plain lower-case words, so a test can find it again in the PDF's text
whatever the line breaks; each addendum and note starts and ends with a word of its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from monitor.discharge import all_clear
from monitor.records import NewPatient
from monitor.vitals import VitalsValues

WORDS = ("patient", "settled", "calm", "reassured", "dizzy", "warm", "blanket", "music",
         "eyes", "closed", "talking", "breathing", "slowly", "asked", "water", "nurse",
         "checked", "line", "site", "clean", "mild", "headache", "resolved", "resting")
DRUGS = ("Ondansetron", "Midazolam", "Lorazepam", "Labetalol")
SIGNER = "Dr Ana Reyes"


@dataclass
class Made:
    """What was charted, for the test to look for in the PDF."""

    session_id: int
    vitals: int = 0
    medications: int = 0
    notes: list[str] = field(default_factory=list)
    addenda: list[str] = field(default_factory=list)
    signed: bool = False
    ended: bool = False


def words(rng: random.Random, length: int, tag: str) -> str:
    """About ``length`` characters of words, opened and closed by ``tag`` words, with a
    line break now and then (notes are typed with Enter too)."""
    out, size = [f"{tag}start"], 0
    while size < length:
        word = rng.choice(WORDS)
        out.append(word + ("\n" if rng.random() < 0.02 else ""))
        size += len(word) + 1
    out.append(f"{tag}end")
    return " ".join(out)


def make_session(service, clock, seed: int) -> Made:
    """A session of random size: 0–40 vitals, 0–10 medications, notes up to 10,000
    characters, and when discharged and signed 0–5 addenda."""
    rng = random.Random(seed)
    patient = service.register_patient(NewPatient(
        f"GEN-{seed}", f"Generated Patient {seed}", date(1980, 1, 1 + seed % 28), "", ""))
    s = service.open_session(patient.id, "1", weight_kg=70, concentration_mg_ml=0.5,
                             bag_volume_ml=100)
    made = Made(s.id)
    vitals, medications = rng.randint(0, 40), rng.randint(0, 10)
    stage = rng.choice(("baseline", "infusing", "observation", "discharged", "signed",
                        "signed"))
    if vitals:
        _vitals(service, clock, rng, s.id)
        made.vitals = 1
    if stage == "baseline":
        return _notes_and_medications(service, clock, rng, made, medications)
    service.start_infusion(s.id, "" if vitals else "Baseline taken on the ward")
    for _ in range(vitals - made.vitals):
        clock.advance(minutes=rng.randint(1, 6))
        _vitals(service, clock, rng, s.id)
        made.vitals += 1
    _notes_and_medications(service, clock, rng, made, medications)
    if stage == "infusing":
        return made
    clock.advance(minutes=2)
    if rng.random() < 0.5:
        service.stop_early(s.id, "Blood pressure kept rising")
    else:
        service.end_infusion(s.id)
    made.ended = True
    if stage == "observation":
        return made
    clock.advance(minutes=30)
    service.discharge(s.id, all_clear())
    if stage == "discharged":
        return made
    clock.advance(minutes=10)
    service.sign(s.id, SIGNER)
    made.signed = True
    for i in range(rng.randint(0, 5)):
        clock.advance(minutes=5)
        text = words(rng, rng.randint(10, 600), f"add{seed}x{i}")
        service.add_addendum(s.id, text, f"Follow-up {i + 1}", SIGNER)
        made.addenda.append(text)
    return made


def _vitals(service, clock, rng: random.Random, session_id: int) -> None:
    high = rng.random() < 0.2  # now and then a set that crosses a critical limit
    service.record_vitals(session_id, VitalsValues(
        rng.randint(182, 200) if high else rng.randint(110, 150), rng.randint(70, 95),
        rng.randint(60, 100), rng.randint(95, 99), rng.randint(12, 18)))
    alarm = service.load(session_id).open_alarm()
    if alarm is not None and rng.random() < 0.7:
        service.acknowledge_alarm(alarm.id, "RN Dana Kim", "Slowed the infusion")


def _notes_and_medications(service, clock, rng: random.Random, made: Made,
                           medications: int) -> Made:
    for _ in range(medications):
        clock.advance(minutes=1)
        service.record_medication(made.session_id, rng.choice(DRUGS), rng.randint(1, 4),
                                  "mg", "IV", note=rng.choice(("", "nausea", "BP high")))
        made.medications += 1
    for i in range(rng.choice((0, 1, 1, 2, 3))):
        length = rng.choice((20, 300, 2_000, 10_000))
        text = words(rng, length, f"note{made.session_id}x{i}")[:10_000]
        service.add_note(made.session_id, text)
        made.notes.append(text)
    return made


def make_eventful(service, clock, note_length: int = 3_000, notes: int = 2) -> Made:
    """Issue 8's session: 6 critical alarms, 5 rescue medications, an early stop, long
    notes, discharged, signed, and addenda after signing."""
    rng = random.Random(8)
    patient = service.register_patient(NewPatient(
        "CH-2008", "Eve Eventful", date(1984, 5, 17), "Latex", "Depression."))
    s = service.open_session(patient.id, "2", weight_kg=80, concentration_mg_ml=0.5,
                             bag_volume_ml=100)
    made = Made(s.id)
    service.record_vitals(s.id, VitalsValues(124, 78, 72, 98, 14, 36.7))
    clock.advance(minutes=1)
    service.start_infusion(s.id)
    for i in range(6):
        clock.advance(minutes=4)
        service.record_vitals(s.id, VitalsValues(184 + i, 111, 96, 96, 16))
        clock.advance(minutes=1)
        alarm = service.load(s.id).open_alarm()
        service.acknowledge_alarm(alarm.id, "RN Dana Kim", "Slowed the infusion",
                                  "BP rechecked in 5 min")
    for drug in ("Labetalol", "Ondansetron", "Midazolam", "Labetalol", "Lorazepam"):
        clock.advance(minutes=1)
        service.record_medication(s.id, drug, 2, "mg", "IV", note="rescue")
    made.vitals, made.medications = 7, 5
    for i, length in enumerate([note_length] * (notes - 1) + [400]):
        text = words(rng, length, f"eventfulnote{i}")[:length]  # within the note limit
        service.add_note(s.id, text)
        made.notes.append(text)
    clock.advance(minutes=1)
    service.stop_early(s.id, "BP kept rising despite slowing the infusion")
    service.record_assessment(s.id, "moaas", 4)
    clock.advance(minutes=20)
    service.record_vitals(s.id, VitalsValues(134, 84, 76, 98, 14))
    made.vitals += 1
    service.discharge(s.id, all_clear())
    clock.advance(minutes=30)
    service.sign(s.id, SIGNER)
    for i in range(3):
        clock.advance(minutes=5)
        text = words(rng, 250, f"eventfuladdendum{i}")
        service.add_addendum(s.id, text, "Follow-up call", SIGNER)
        made.addenda.append(text)
    made.signed = made.ended = True
    return made
