"""Plain records handed between storage and screens: patients and sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from monitor.errors import InvalidEntry
from monitor.protocol import total_mg
from monitor.timeline import PHASE_TIME, EventKind, Phase
from monitor.vitals import Limit, default_limits

MRN_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")


@dataclass(frozen=True)
class NewPatient:
    mrn: str
    name: str
    date_of_birth: date
    allergies: str = ""
    notes: str = ""
    no_known_allergies: bool = False  # asked, and none: NKDA (empty and False: not recorded)

    def allergy_text(self) -> str:
        """What a chart says about allergies: the allergies, "none known (NKDA)", or
        "not recorded" (never asked: ask before the drug)."""
        if self.allergies.strip():
            return self.allergies.strip()
        return "none known (NKDA)" if self.no_known_allergies else "not recorded"


@dataclass(frozen=True)
class Patient(NewPatient):
    id: int = 0

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:3]).upper()

    def age_on(self, day: date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def check_new_patient(p: NewPatient, today: date) -> NewPatient:
    """Trimmed and checked; each refusal names the field and what is allowed."""
    mrn, name = p.mrn.strip(), " ".join(p.name.split())
    if not MRN_PATTERN.match(mrn):
        raise InvalidEntry(
            "MRN must be 1–20 letters, digits or dashes, starting with a letter or digit.",
            "mrn",
        )
    if len(name) < 2:
        raise InvalidEntry("Enter the patient's full name.", "name")
    if p.date_of_birth > today:
        raise InvalidEntry("Date of birth cannot be in the future.", "date_of_birth")
    if today.year - p.date_of_birth.year > 120:
        raise InvalidEntry("Date of birth is more than 120 years ago; check the year.",
                           "date_of_birth")
    if p.no_known_allergies and p.allergies.strip():
        raise InvalidEntry("Allergies are listed and “none known (NKDA)” is ticked: "
                           "keep one.", "allergies")
    return NewPatient(mrn, name, p.date_of_birth, p.allergies.strip(), p.notes.strip(),
                      p.no_known_allergies)


@dataclass(frozen=True)
class InfusionSession:
    """One session's settled facts: who, where, and the protocol copied onto it."""

    id: int
    patient_id: int
    chair: str
    protocol_name: str
    drug: str
    mg_per_kg: float
    weight_kg: float
    planned_minutes: int
    observation_minutes: int
    vitals_every_infusing_min: int
    vitals_every_observation_min: int
    created_at: datetime
    phase: Phase
    started_at: datetime | None = None
    infusion_ended_at: datetime | None = None
    discharged_at: datetime | None = None
    overdue_after_min: int = 2
    discharge_min_aldrete: int = 9
    limits: tuple[Limit, ...] = field(default_factory=default_limits)
    concentration_mg_ml: float | None = None
    bag_volume_ml: float | None = None
    pump_rate_ml_h: float | None = None  # at the start; changes are events
    discharge_ready_at: datetime | None = None
    protocol_id: int | None = None
    signed_at: datetime | None = None
    signed_by: str = ""
    version: int = 0  # bumped by each phase change and the sign-off (optimistic locking)
    # what loading noticed in the stored row and worked around (e.g. unreadable alarm
    # limits): shown with the session, never a reason to refuse it
    warnings: tuple[str, ...] = ()
    created_by: int | None = None  # the user who opened it (None before accounts)

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    def moved_on(self, kind: EventKind, at: datetime, phase: Phase) -> InfusionSession:
        """The session as an event of ``kind`` at ``at`` leaves it, in ``phase``."""
        if kind is EventKind.NOTE:  # a note moves nothing (and bumps no version)
            return self
        moved = replace(self, phase=phase, version=self.version + 1)
        if kind not in PHASE_TIME:
            return moved
        times: dict = {PHASE_TIME[kind]: at}  # started_at, infusion_ended_at, discharged_at
        return replace(moved, **times)

    @property
    def total_mg(self) -> float:
        return total_mg(self.weight_kg, self.mg_per_kg)
