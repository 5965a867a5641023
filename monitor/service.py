"""What a nurse does to a session, checked against the rules, then stored.

``SessionService`` is handed a repository (``db.repository.ClinicRepository`` in the app)
and a clock; it never touches the database or the wall clock itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol as TypingProtocol

from monitor.clock import Clock, as_utc
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.protocol import DEFAULT_PROTOCOL, Protocol, plan_dose
from monitor.records import InfusionSession, NewPatient, Patient, check_new_patient
from monitor.side_effects import SideEffect, check_side_effect
from monitor.timeline import (
    NEEDS_REASON,
    EventKind,
    Phase,
    SessionEvent,
    Timeline,
    next_phase,
)
from monitor.vitals import AlarmCheck, VitalsSet, VitalsValues, check_plausible

# A reading stamped a little ahead of the clock (clock skew between workstations) is
# accepted; anything further ahead is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=1)


class Repository(TypingProtocol):
    def add_patient(self, patient: NewPatient, at: datetime) -> Patient: ...
    def get_patient(self, patient_id: int) -> Patient: ...
    def create_session(self, patient_id: int, chair: str, protocol: Protocol,
                       weight_kg: float, at: datetime) -> InfusionSession: ...
    def get_session(self, session_id: int) -> InfusionSession: ...
    def active_session_for(self, patient_id: int) -> InfusionSession | None: ...
    def add_event(self, session_id: int, kind: EventKind, at: datetime, text: str,
                  phase_after: Phase) -> SessionEvent: ...
    def events(self, session_id: int) -> list[SessionEvent]: ...
    def add_vitals(self, session_id: int, values: VitalsValues, taken_at: datetime,
                   source: str, entered_at: datetime, flags: list[str]) -> VitalsSet: ...
    def vitals(self, session_id: int) -> list[VitalsSet]: ...
    def add_side_effect(self, session_id: int, kind: str, severity: int, at: datetime,
                        description: str, note: str, entered_at: datetime) -> SideEffect: ...
    def side_effects(self, session_id: int) -> list[SideEffect]: ...


@dataclass
class SessionRecord:
    """Everything about one session, as a screen shows it."""

    session: InfusionSession
    patient: Patient
    events: list[SessionEvent] = field(default_factory=list)
    vitals: list[VitalsSet] = field(default_factory=list)
    side_effects: list[SideEffect] = field(default_factory=list)

    @property
    def timeline(self) -> Timeline:
        return Timeline(self.session.planned_minutes, self.events)

    def baseline(self) -> VitalsSet | None:
        return baseline_of(self.vitals, self.session.started_at)


def baseline_of(vitals: list[VitalsSet], started_at: datetime | None) -> VitalsSet | None:
    """The last vitals set taken before the infusion started (or so far, before it)."""
    before = [v for v in vitals if started_at is None or v.taken_at <= started_at]
    return max(before, key=lambda v: v.taken_at, default=None)


class SessionService:
    def __init__(self, repo: Repository, clock: Clock, alarms: AlarmCheck | None = None):
        self.repo = repo
        self.clock = clock
        self.alarms = alarms or AlarmCheck()

    # --- patients and sessions -----------------------------------------------------

    def register_patient(self, patient: NewPatient) -> Patient:
        now = self.clock.now()
        return self.repo.add_patient(check_new_patient(patient, now.date()), now)

    def open_session(self, patient_id: int, chair: str, weight_kg: float,
                     mg_per_kg: float | None = None, planned_minutes: int | None = None,
                     protocol: Protocol = DEFAULT_PROTOCOL) -> InfusionSession:
        """A new session in baseline, with the protocol (and this dose) copied onto it."""
        mg = protocol.mg_per_kg if mg_per_kg is None else mg_per_kg
        minutes = protocol.planned_minutes if planned_minutes is None else planned_minutes
        plan_dose(protocol.drug, weight_kg, mg, minutes)
        if not chair.strip():
            raise InvalidEntry("Choose the chair the patient is in.", "chair")
        running = self.repo.active_session_for(patient_id)
        if running is not None:
            raise InvalidEntry(
                f"This patient already has an open session (chair {running.chair}); "
                "discharge it before starting another.")
        copied = Protocol(protocol.name, protocol.drug, mg, int(minutes),
                          protocol.observation_minutes, protocol.vitals_every_infusing_min,
                          protocol.vitals_every_observation_min)
        return self.repo.create_session(patient_id, chair.strip(), copied, float(weight_kg),
                                        self.clock.now())

    def load(self, session_id: int) -> SessionRecord:
        session = self.repo.get_session(session_id)
        return SessionRecord(
            session,
            self.repo.get_patient(session.patient_id),
            self.repo.events(session_id),
            self.repo.vitals(session_id),
            self.repo.side_effects(session_id),
        )

    # --- entries -------------------------------------------------------------------

    def record_vitals(self, session_id: int, values: VitalsValues,
                      taken_at: datetime | None = None, source: str = "manual") -> VitalsSet:
        """Stores a plausible set (flagged against the alarm limits); refuses typos."""
        check_plausible(values)
        session = self.repo.get_session(session_id)
        now = self.clock.now()
        when = self._check_entry_time(session, taken_at, now)
        baseline = None
        if session.started_at is not None and when > session.started_at:
            baseline = baseline_of(self.repo.vitals(session_id), session.started_at)
        flags = [f.message for f in self.alarms.flags(
            values, baseline.values if baseline else None)]
        return self.repo.add_vitals(session_id, values, when, source, now, flags)

    def record_side_effect(self, session_id: int, kind: str, severity: int,
                           at: datetime | None = None, description: str = "",
                           note: str = "") -> SideEffect:
        check_side_effect(kind, severity, description)
        session = self.repo.get_session(session_id)
        now = self.clock.now()
        when = self._check_entry_time(session, at, now)
        return self.repo.add_side_effect(session_id, kind, int(severity), when,
                                         description.strip(), note.strip(), now)

    def _check_entry_time(self, session: InfusionSession, at: datetime | None,
                          now: datetime) -> datetime:
        if session.phase is Phase.DISCHARGED:
            raise TransitionRefused("This session is discharged; it takes no more entries.")
        if at is None:
            return now
        at = as_utc(at)
        if at > now + FUTURE_TOLERANCE:
            raise InvalidEntry("The time cannot be in the future.", "taken_at")
        if at < session.created_at:
            raise InvalidEntry("The time is before this session was opened; "
                               "entries can be dated back only within the session.",
                               "taken_at")
        return at

    # --- phase changes -------------------------------------------------------------

    def start_infusion(self, session_id: int, override_reason: str = "") -> SessionEvent:
        """Starts the infusion; without baseline vitals only with a stated reason."""
        if not self.repo.vitals(session_id) and not override_reason.strip():
            raise TransitionRefused(
                "Take a baseline vitals set before starting, or give the reason for "
                "starting without one.")
        text = ""
        if override_reason.strip():
            text = f"Started without baseline vitals: {override_reason.strip()}"
        return self._change(session_id, EventKind.START, text)

    def pause(self, session_id: int, reason: str) -> SessionEvent:
        return self._change(session_id, EventKind.PAUSE, reason)

    def resume(self, session_id: int) -> SessionEvent:
        return self._change(session_id, EventKind.RESUME)

    def stop_early(self, session_id: int, reason: str) -> SessionEvent:
        return self._change(session_id, EventKind.STOP_EARLY, reason)

    def end_infusion(self, session_id: int) -> SessionEvent:
        return self._change(session_id, EventKind.END_INFUSION)

    def discharge(self, session_id: int) -> SessionEvent:
        return self._change(session_id, EventKind.DISCHARGE)

    def add_note(self, session_id: int, text: str) -> SessionEvent:
        return self._change(session_id, EventKind.NOTE, text)

    def _change(self, session_id: int, kind: EventKind, text: str = "") -> SessionEvent:
        if kind in NEEDS_REASON and not text.strip():
            what = "note" if kind is EventKind.NOTE else "reason"
            raise InvalidEntry(f"Enter a {what}.", "text")
        session = self.repo.get_session(session_id)
        if kind is EventKind.NOTE and session.phase is Phase.DISCHARGED:
            raise TransitionRefused("This session is discharged; it takes no more entries.")
        after = next_phase(session.phase, kind)
        return self.repo.add_event(session_id, kind, self.clock.now(), text.strip(), after)
