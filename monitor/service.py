"""What a nurse does to a session, checked against the rules, then stored.

``SessionService`` is handed a repository (``db.repository.ClinicRepository`` in the app)
and a clock; it never touches the database or the wall clock itself. Assessments,
medications and alarm acknowledgements are in ``monitor.care``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from monitor.alarms import worst_tier
from monitor.care import CareActions
from monitor.clock import Clock, as_utc
from monitor.concurrency import check_seen
from monitor.discharge import DischargeCheck
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.ports import Repository
from monitor.protocol import DEFAULT_PROTOCOL, Protocol, plan_dose
from monitor.pump import check_rate, plan_pump
from monitor.records import InfusionSession, NewPatient, Patient, check_new_patient
from monitor.review import check_writable
from monitor.review_actions import ReviewActions
from monitor.session_record import SessionRecord, baseline_of
from monitor.side_effects import SideEffect, check_side_effect
from monitor.text_limits import clean_fields, clean_text
from monitor.timeline import NEEDS_REASON, EventKind, Phase, SessionEvent, next_phase
from monitor.vitals import AlarmCheck, VitalsSet, VitalsValues, check_plausible

__all__ = ["SessionService", "SessionRecord", "baseline_of"]

# A reading stamped a little ahead of the clock (clock skew between workstations) is
# accepted; anything further ahead is a mistake.
FUTURE_TOLERANCE = timedelta(minutes=1)


class SessionService(CareActions, ReviewActions):
    def __init__(self, repo: Repository, clock: Clock, alarms: AlarmCheck | None = None):
        self.repo = repo
        self.clock = clock
        self.alarms = alarms or AlarmCheck()  # the defaults, for charts before a session

    # --- patients and sessions -----------------------------------------------------

    def register_patient(self, patient: NewPatient) -> Patient:
        patient = clean_fields(patient, mrn="mrn", name="patient_name",
                               allergies="allergies", notes="patient_notes")
        now = self.clock.now()
        return self.repo.add_patient(check_new_patient(patient, now.date()), now)

    def open_session(self, patient_id: int, chair: str, weight_kg: float,
                     mg_per_kg: float | None = None, planned_minutes: int | None = None,
                     protocol: Protocol = DEFAULT_PROTOCOL,
                     concentration_mg_ml: float | None = None,
                     bag_volume_ml: float | None = None) -> InfusionSession:
        """A new session in baseline, with the protocol (and this dose) copied onto it.

        With a bag (concentration and volume) the pump rate is computed and stored.
        """
        mg = protocol.mg_per_kg if mg_per_kg is None else mg_per_kg
        minutes = protocol.planned_minutes if planned_minutes is None else planned_minutes
        dose = plan_dose(protocol.drug, weight_kg, mg, minutes)
        pump = None
        if concentration_mg_ml is not None or bag_volume_ml is not None:
            pump = plan_pump(dose, concentration_mg_ml or 0, bag_volume_ml or 0)
        chair = clean_text("chair", chair)
        if not chair.strip():
            raise InvalidEntry("Choose the chair the patient is in.", "chair")
        running = self.repo.active_session_for(patient_id)
        if running is not None:
            raise InvalidEntry(
                f"This patient already has an open session (chair {running.chair}); "
                "discharge it before starting another.")
        copied = Protocol(protocol.name, protocol.drug, mg, int(minutes),
                          protocol.observation_minutes, protocol.vitals_every_infusing_min,
                          protocol.vitals_every_observation_min, protocol.overdue_after_min,
                          protocol.discharge_min_aldrete, protocol.limits, protocol.id)
        return self.repo.create_session(patient_id, chair.strip(), copied, float(weight_kg),
                                        self.clock.now(), pump)

    def load(self, session_id: int) -> SessionRecord:
        session = self.repo.get_session(session_id)
        return SessionRecord(
            session,
            self.repo.get_patient(session.patient_id),
            self.repo.events(session_id),
            self.repo.vitals(session_id),
            self.repo.side_effects(session_id),
            self.repo.alarms(session_id),
            self.repo.assessments(session_id),
            self.repo.medications(session_id),
            self.repo.addenda(session_id),
        )

    # --- entries -------------------------------------------------------------------

    def record_vitals(self, session_id: int, values: VitalsValues,
                      taken_at: datetime | None = None, source: str = "manual") -> VitalsSet:
        """Stores a plausible set, flagged against the session's alarm limits (and an
        alarm raised when it crosses one); refuses typos."""
        check_plausible(values)
        source = clean_text("vitals_source", source)
        session = self.repo.get_session(session_id)
        now = self.clock.now()
        when = self._check_entry_time(session, taken_at, now)
        baseline = None
        if session.started_at is not None and when > session.started_at:
            baseline = self.repo.baseline_vitals(session_id, session.started_at)
        flags = AlarmCheck(session.limits).flags(values, baseline.values if baseline else None)
        return self.repo.add_vitals(session_id, values, when, source, now,
                                    [f.message for f in flags], worst_tier(flags))

    def record_side_effect(self, session_id: int, kind: str, severity: int,
                           at: datetime | None = None, description: str = "",
                           note: str = "") -> SideEffect:
        description, note = (clean_text("side_effect_description", description),
                             clean_text("side_effect_note", note))
        check_side_effect(kind, severity, description)
        session = self.repo.get_session(session_id)
        now = self.clock.now()
        when = self._check_entry_time(session, at, now)
        return self.repo.add_side_effect(session_id, kind, int(severity), when,
                                         description.strip(), note.strip(), now)

    def _check_entry_time(self, session: InfusionSession, at: datetime | None,
                          now: datetime) -> datetime:
        check_writable(session)
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

    # ``seen_version`` is the session's version as the screen showed it: a change made on
    # another workstation since then is refused with words saying so (monitor.concurrency).

    def start_infusion(self, session_id: int, override_reason: str = "",
                       seen_version: int | None = None) -> SessionEvent:
        """Starts the infusion; without baseline vitals only with a stated reason."""
        override_reason = clean_text("reason", override_reason)
        if not self.repo.vitals(session_id) and not override_reason.strip():
            raise TransitionRefused(
                "Take a baseline vitals set before starting, or give the reason for "
                "starting without one.")
        text = ""
        if override_reason.strip():
            text = f"Started without baseline vitals: {override_reason.strip()}"
        return self._change(session_id, EventKind.START, text, seen_version=seen_version)

    def pause(self, session_id: int, reason: str,
              seen_version: int | None = None) -> SessionEvent:
        reason = clean_text("reason", reason)
        return self._change(session_id, EventKind.PAUSE, reason, seen_version=seen_version)

    def resume(self, session_id: int, seen_version: int | None = None) -> SessionEvent:
        return self._change(session_id, EventKind.RESUME, seen_version=seen_version)

    def stop_early(self, session_id: int, reason: str,
                   seen_version: int | None = None) -> SessionEvent:
        reason = clean_text("reason", reason)
        return self._change(session_id, EventKind.STOP_EARLY, reason,
                            seen_version=seen_version)

    def end_infusion(self, session_id: int, seen_version: int | None = None) -> SessionEvent:
        return self._change(session_id, EventKind.END_INFUSION, seen_version=seen_version)

    def change_rate(self, session_id: int, rate_ml_h: float, reason: str = "",
                    seen_version: int | None = None) -> SessionEvent:
        """Records a new pump rate (mL/h) from now; the dose delivered follows it."""
        check_rate(rate_ml_h)
        reason = clean_text("reason", reason)
        session = self.repo.get_session(session_id)
        if session.pump_rate_ml_h is None:
            raise InvalidEntry("This session has no bag recorded, so no pump rate to change.")
        return self._change(session_id, EventKind.RATE_CHANGE, reason, value=float(rate_ml_h),
                            seen_version=seen_version)

    def discharge(self, session_id: int, check: DischargeCheck,
                  override_reason: str = "", seen_version: int | None = None) -> SessionEvent:
        """Discharges with a Modified Aldrete score at or above the protocol's minimum,
        escort and no-driving confirmed — or with an override reason."""
        session = self.repo.get_session(session_id)
        check = DischargeCheck(check.items, check.escort_present, check.no_driving_confirmed,
                               session.discharge_min_aldrete)
        override_reason = clean_text("override_reason", override_reason)
        check.require(override_reason)
        self._check_seen(session, seen_version)
        next_phase(session.phase, EventKind.DISCHARGE)  # refuse before storing anything
        self.record_aldrete(session_id, check.items)
        parts = [f"Aldrete {check.score}/10",
                 "escort present" if check.escort_present else "no escort",
                 "no driving confirmed" if check.no_driving_confirmed
                 else "no-driving not confirmed"]
        text = "; ".join(parts)
        if not check.met:
            text += f". Override: {override_reason.strip()}"
        return self._change(session_id, EventKind.DISCHARGE, text, seen_version=seen_version)

    def add_note(self, session_id: int, text: str) -> SessionEvent:
        text = clean_text("note", text)
        return self._change(session_id, EventKind.NOTE, text)

    def _change(self, session_id: int, kind: EventKind, text: str = "",
                value: float | None = None, seen_version: int | None = None) -> SessionEvent:
        if kind in NEEDS_REASON and not text.strip():
            what = "note" if kind is EventKind.NOTE else "reason"
            raise InvalidEntry(f"Enter a {what}.", "text")
        text = clean_text("event_text", text)
        session = self.repo.get_session(session_id)
        self._check_seen(session, seen_version)
        check_writable(session)
        if kind is EventKind.NOTE and session.phase is Phase.DISCHARGED:
            raise TransitionRefused("This session is discharged; it takes no more entries.")
        after = next_phase(session.phase, kind)
        # A note changes no phase and races with nothing; everything else is written only
        # if the session is still at the version just read (one workstation wins).
        expected = None if kind is EventKind.NOTE else session.version
        return self.repo.add_event(session_id, kind, self.clock.now(), text.strip(), after,
                                   value, expected_version=expected)

    def _check_seen(self, session: InfusionSession, seen_version: int | None) -> None:
        check_seen(self.repo, session, seen_version)
