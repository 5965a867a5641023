"""What a nurse does to a session, checked against the rules, then stored.

``SessionService`` is handed a repository (``db.repository.ClinicRepository`` in the app)
and a clock; it never touches the database or the wall clock itself, and nothing else
holds the repository. Its collaborators: ``care`` (assessments, medications, alarm
acknowledgements), ``review`` (courses, sign-off, addenda) and ``settings`` (protocols,
drug list, clinic values). Every entry stored is reported to ``changes``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from monitor.alarms import Alarm, worst_tier
from monitor.assessments import Assessment, aldrete_of
from monitor.care import CareActions
from monitor.changes import Change, ChangeFeed
from monitor.clinic_settings import ClinicSettings
from monitor.clock import Clock
from monitor.concurrency import check_seen
from monitor.corrections import (
    Correction,
    Marks,
    Status,
    check_mark,
    check_recheck,
    check_withdrawal,
    counts,
)
from monitor.course_actions import CourseActions
from monitor.device_actions import DeviceActions
from monitor.discharge import DischargeCheck
from monitor.entry_time import entry_time
from monitor.errors import InvalidEntry, TransitionRefused
from monitor.guards import EarlyEnd, discharge_concerns, early_end
from monitor.medications import MedicationGiven
from monitor.patient_identity import same_person_details
from monitor.ports import Repository
from monitor.protocol import DEFAULT_PROTOCOL, Protocol, plan_dose
from monitor.pump import check_rate, plan_pump
from monitor.records import InfusionSession, NewPatient, Patient, check_new_patient
from monitor.review import Addendum, check_writable
from monitor.review_actions import ReviewActions
from monitor.safety_settings import DEFAULT_SAFETY, SafetySettings
from monitor.session_record import SessionRecord, baseline_of
from monitor.side_effects import SideEffect, check_side_effect
from monitor.text_limits import clean_fields, clean_text, search_text
from monitor.timeline import NEEDS_REASON, EventKind, Phase, SessionEvent, next_phase
from monitor.treatment_course import CourseChoice, TreatmentCourse
from monitor.vitals import AlarmCheck, VitalsSet, VitalsValues, check_plausible

__all__ = ["SessionService", "SessionRecord", "baseline_of"]


class SessionService(DeviceActions):  # the monitor feed: monitor/device_actions.py
    def __init__(self, repo: Repository, clock: Clock, alarms: AlarmCheck | None = None,
                 safety: SafetySettings = DEFAULT_SAFETY):
        self._repo = repo
        self.clock = clock
        self.safety = safety  # ranges, resolutions and guard tolerances (clinic settings)
        self.alarms = alarms or AlarmCheck()  # the defaults, for charts before a session
        self.changes = ChangeFeed()
        self.care = CareActions(repo.sessions, repo.care, clock, self.changes, safety)
        self.review = ReviewActions(repo.sessions, repo.review, clock, self.changes)
        self.settings = ClinicSettings(repo.settings, clock)
        self.courses = CourseActions(repo.sessions, repo.courses, clock)

    def use_stored_safety(self) -> SessionService:
        """Takes the clinic's stored safety settings (ranges, pump resolution, guard
        tolerances) instead of the defaults; the app does this once at start-up."""
        self.safety = self.care.safety = self.settings.safety()
        return self

    def with_clock(self, clock: Clock) -> SessionService:
        """The same clinic seen through another clock (the demo moves one by hand)."""
        return SessionService(self._repo, clock, self.alarms, self.safety)

    # --- patients and sessions -----------------------------------------------------

    def register_patient(self, patient: NewPatient) -> Patient:
        """Registers the patient; an MRN that is an existing one apart from case and
        spaces is refused, naming that patient (``possible_duplicates`` warns first)."""
        patient = self._cleaned(patient)
        now = self.clock.now()
        return self._repo.patients.add_patient(check_new_patient(patient, now.date()), now)

    def possible_duplicates(self, patient: NewPatient) -> list[Patient]:
        """Registered patients this registration may be: the same MRN apart from case and
        spaces (registering is then refused), or the same name and date of birth (the
        nurse is shown them and may go on)."""
        patient = self._cleaned(patient)
        found = {p.id: p for p in self._repo.patients.patients_with_mrn(patient.mrn)}
        for known in self._repo.patients.born_on(patient.date_of_birth):
            if same_person_details(patient, known):
                found.setdefault(known.id, known)
        return list(found.values())

    def patients_with_mrn(self, mrn: str) -> list[Patient]:
        """The patient with this MRN (any case, any spaces): one or none; several only
        where a clinic registered clashing MRNs before Chairside refused them (``chairside
        check`` lists those), the one spelt exactly as typed first."""
        return self._repo.patients.patients_with_mrn(search_text(mrn))

    @staticmethod
    def _cleaned(patient: NewPatient) -> NewPatient:
        return clean_fields(patient, mrn="mrn", name="patient_name",
                            allergies="allergies", notes="patient_notes")

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
        self.safety.weight_rule().check(weight_kg)
        self.safety.mg_per_kg_rule().check(mg)
        pump = None
        if concentration_mg_ml is not None or bag_volume_ml is not None:
            # a bag with nothing in it is refused as empty (plan_pump); anything else
            # must be inside the clinic's ranges before any arithmetic is done with it
            if concentration_mg_ml and concentration_mg_ml > 0:
                self.safety.concentration_rule().check(concentration_mg_ml)
            if bag_volume_ml and bag_volume_ml > 0:
                self.safety.bag_volume_rule().check(bag_volume_ml)
            pump = plan_pump(dose, concentration_mg_ml or 0, bag_volume_ml or 0,
                             self.safety.pump_resolution_ml_h)
        chair = clean_text("chair", chair)
        if not chair.strip():
            raise InvalidEntry("Choose the chair the patient is in.", "chair")
        running = self._repo.sessions.active_session_for(patient_id)
        if running is not None:
            raise InvalidEntry(
                f"This patient already has an open session (chair {running.chair}); "
                "discharge it before starting another.")
        copied = Protocol(protocol.name, protocol.drug, mg, int(minutes),
                          protocol.observation_minutes, protocol.vitals_every_infusing_min,
                          protocol.vitals_every_observation_min, protocol.overdue_after_min,
                          protocol.discharge_min_aldrete, protocol.limits, protocol.id)
        return self._repo.sessions.create_session(patient_id, chair.strip(), copied,
                                                  float(weight_kg), self.clock.now(), pump)

    # --- reads for the screens ----------------------------------------------------

    def load(self, session_id: int) -> SessionRecord:
        """One session with its patient and every entry (one transaction)."""
        return self._repo.sessions.record(session_id)

    def get_session(self, session_id: int) -> InfusionSession:
        return self._repo.sessions.get_session(session_id)

    def get_patient(self, patient_id: int) -> Patient:
        return self._repo.patients.get_patient(patient_id)

    def find_patients(self, text: str, limit: int = 50) -> list[Patient]:
        """Patients whose name or MRN contains each word, or born on a YYYY-MM-DD."""
        return self._repo.patients.find_patients(search_text(text), limit)

    def open_sessions(self) -> list[tuple[InfusionSession, Patient]]:
        """Sessions not yet discharged, oldest first, with their patients."""
        return self._repo.sessions.open_sessions()

    def active_session_for(self, patient_id: int) -> InfusionSession | None:
        return self._repo.sessions.active_session_for(patient_id)

    def sessions_of(self, patient_id: int) -> list[InfusionSession]:
        return self._repo.sessions.sessions_of(patient_id)

    def entry_counts(self, session_ids: list[int]) -> dict[int, tuple[int, ...]]:
        """How many entries of each kind each session holds (to notice work elsewhere)."""
        return self._repo.sessions.entry_counts(session_ids)

    def course(self, patient_id: int) -> list[SessionRecord]:
        return self.review.course(patient_id)

    # --- treatment courses (issue 9 §5) ----------------------------------------------

    def courses_of(self, patient_id: int) -> list[TreatmentCourse]:
        return self.courses.courses_of(patient_id)

    def course_choices(self, patient_id: int) -> list[CourseChoice]:
        """The patient's sessions grouped by course (``monitor.treatment_course``)."""
        return self.courses.course_choices(patient_id)

    def start_course(self, patient_id: int, name: str, kind: str,
                     started_at: datetime | None = None) -> TreatmentCourse:
        return self.courses.start_course(patient_id, name, kind, started_at)

    def end_course(self, course_id: int, ended_at: datetime | None = None
                   ) -> TreatmentCourse:
        return self.courses.end_course(course_id, ended_at)

    def assign_to_course(self, session_id: int, course_id: int) -> None:
        self.courses.assign_to_course(session_id, course_id)

    # --- entries -------------------------------------------------------------------

    def record_vitals(self, session_id: int, values: VitalsValues,
                      taken_at: datetime | None = None, source: str = "manual",
                      recheck_of: int | None = None, by: str = "",
                      device_edits: str = "") -> VitalsSet:
        """Stores a plausible set, flagged against the session's alarm limits (and an
        alarm raised when it crosses one); refuses typos. With ``recheck_of`` the set is
        the recheck of that (marked) reading, and both stay, linked. ``device_edits``: a
        validated monitor set's changes (``monitor.devices.edits``)."""
        check_plausible(values)
        source = clean_text("vitals_source", source)
        session = self._repo.sessions.get_session(session_id)
        now = self.clock.now()
        when = entry_time(session, taken_at, now)
        if recheck_of is not None:  # refused before anything is stored
            check_recheck(self.load(session_id), recheck_of)
        baseline = None
        if session.started_at is not None and when > session.started_at:
            baseline = self._baseline(session_id, session.started_at)
        flags = AlarmCheck(session.limits).flags(values, baseline.values if baseline else None)
        found = ([f.message for f in flags], worst_tier(flags))
        if recheck_of is None:
            stored = self._repo.sessions.add_vitals(session_id, values, when, source, now,
                                                    *found, device_edits=device_edits)
            self.changes.report(Change(session_id, stored))
            return stored
        stored, link = self._repo.sessions.add_recheck(session_id, values, when, source, now,
                                                       *found, recheck_of, by)
        self.changes.report(Change(session_id, stored))
        self.changes.report(Change(session_id, link))
        return stored

    def _baseline(self, session_id: int, started_at: datetime) -> VitalsSet | None:
        """The baseline the alarms compare against: a set marked as an artifact (or in
        error) is never one (one indexed row while nothing is marked)."""
        marks = Marks.of(self._repo.sessions.corrections(session_id))
        if not any(kind == "vitals" for kind, _id in marks.marked):
            return self._repo.sessions.baseline_vitals(session_id, started_at)
        counted = [v for v in self._repo.sessions.vitals(session_id) if counts(v, marks)]
        return baseline_of(counted, started_at)

    def mark_entry(self, session_id: int, kind: str, entry_id: int, status: Status | None,
                   reason: str, by: str = "", seen_version: int | None = None) -> Correction:
        """Marks an entry of an unsigned session entered in error or an artifact, with the
        reason: the entry is kept (struck through, drawn hollow) and no longer counts in
        alarms, schedule, pre-fills, summaries and trends. A signed session is corrected
        by an addendum instead."""
        reason = clean_text("correction_reason", reason)
        by = clean_text("correction_by", by)
        record = self.load(session_id)
        self._check_seen(record.session, seen_version)
        check_mark(record, kind, entry_id, status, reason)
        assert status is not None  # check_mark refuses none
        mark = self._repo.sessions.add_correction(session_id, kind, entry_id, status,
                                                  reason.strip(), self.clock.now(), by.strip())
        self.changes.report(Change(session_id, mark))
        return mark

    def withdraw_mark(self, session_id: int, kind: str, entry_id: int, reason: str,
                      by: str = "", seen_version: int | None = None) -> Correction:
        """Withdraws a mark made by mistake, with the reason: the entry counts again (its
        alarm is open again if it raised one); the mark and its withdrawal stay in the
        record. A signed session is corrected by an addendum instead."""
        reason = clean_text("correction_reason", reason)
        by = clean_text("correction_by", by)
        record = self.load(session_id)
        self._check_seen(record.session, seen_version)
        check_withdrawal(record, kind, entry_id, reason)
        withdrawal = self._repo.sessions.add_correction(
            session_id, kind, entry_id, Status.WITHDRAWN, reason.strip(), self.clock.now(),
            by.strip())
        self.changes.report(Change(session_id, withdrawal))
        return withdrawal

    def record_side_effect(self, session_id: int, kind: str, severity: int,
                           at: datetime | None = None, description: str = "",
                           note: str = "") -> SideEffect:
        description, note = (clean_text("side_effect_description", description),
                             clean_text("side_effect_note", note))
        check_side_effect(kind, severity, description)
        session = self._repo.sessions.get_session(session_id)
        now = self.clock.now()
        when = entry_time(session, at, now)
        effect = self._repo.sessions.add_side_effect(session_id, kind, int(severity), when,
                                                     description.strip(), note.strip(), now)
        self.changes.report(Change(session_id, effect))
        return effect

    # --- phase changes -------------------------------------------------------------

    # ``seen_version`` is the session's version as the screen showed it: a change made on
    # another workstation since then is refused with words saying so (monitor.concurrency).

    def start_infusion(self, session_id: int, override_reason: str = "",
                       seen_version: int | None = None) -> SessionEvent:
        """Starts the infusion; without baseline vitals only with a stated reason."""
        override_reason = clean_text("reason", override_reason)
        counted = self.load(session_id).effective().vitals  # one marked in error is none
        if not counted and not override_reason.strip():
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
        """Ends at (or within the tolerance of) the planned time; earlier, it is a stop and
        is refused here naming the shortfall: ``stop_early`` takes it, with a reason."""
        self._check_seen(self._repo.sessions.get_session(session_id), seen_version)
        short = self.early_end(session_id)
        if short is not None:
            raise TransitionRefused(f"{short.text()} Ending now is a stop before the planned "
                                    "time: stop early, with the reason.")
        return self._change(session_id, EventKind.END_INFUSION, seen_version=seen_version)

    def early_end(self, session_id: int) -> EarlyEnd | None:
        """What is short if the infusion ended now, or None when that is a normal end."""
        return early_end(self.load(session_id), self.clock.now(), self.safety)

    def discharge_concerns(self, session_id: int) -> list[str]:
        return discharge_concerns(self.load(session_id), self.clock.now(), self.safety)

    def change_rate(self, session_id: int, rate_ml_h: float, reason: str = "",
                    seen_version: int | None = None) -> SessionEvent:
        """Records a new pump rate (mL/h) from now; the dose delivered follows it."""
        check_rate(rate_ml_h)
        reason = clean_text("reason", reason)
        session = self._repo.sessions.get_session(session_id)
        if session.pump_rate_ml_h is None:
            raise InvalidEntry("This session has no bag recorded, so no pump rate to change.")
        self.safety.rate_rule(session.bag_volume_ml).check(rate_ml_h)
        return self._change(session_id, EventKind.RATE_CHANGE, reason, value=float(rate_ml_h),
                            seen_version=seen_version)

    def discharge(self, session_id: int, check: DischargeCheck,
                  override_reason: str = "", seen_version: int | None = None) -> SessionEvent:
        """Discharges with a Modified Aldrete score at or above the protocol's minimum,
        escort and no-driving confirmed — or with an override reason."""
        session = self._repo.sessions.get_session(session_id)
        check = DischargeCheck(check.items, check.escort_present, check.no_driving_confirmed,
                               session.discharge_min_aldrete,
                               tuple(self.discharge_concerns(session_id)))
        override_reason = clean_text("override_reason", override_reason)
        check.require(override_reason)
        self._check_seen(session, seen_version)
        check_writable(session)
        next_phase(session.phase, EventKind.DISCHARGE)  # refuse before storing anything
        aldrete = aldrete_of(check.items, session.discharge_min_aldrete,
                             check.escort_present, check.no_driving_confirmed)
        parts = [f"Aldrete {check.score}/10",
                 "escort present" if check.escort_present else "no escort",
                 "no driving confirmed" if check.no_driving_confirmed
                 else "no-driving not confirmed"]
        text = "; ".join(parts)
        if not check.met:
            # the guards overridden are named on the record, with the reason
            concerns = "".join(f". {c.rstrip('.')}" for c in check.concerns)
            text += f"{concerns}. Override: {override_reason.strip()}"
        text = clean_text("event_text", text)
        # the assessment, readiness and event in one transaction, written only if the
        # session is still as read: a discharge that loses the race stores nothing
        event, assessment = self._repo.sessions.discharge(
            session_id, self.clock.now(), text, aldrete, expected_version=session.version)
        self.changes.report(Change(session_id, assessment))
        moved = session.moved_on(EventKind.DISCHARGE, event.at, Phase.DISCHARGED)
        if aldrete.makes_ready and moved.discharge_ready_at is None:
            moved = replace(moved, discharge_ready_at=assessment.at)
        self.changes.report(Change(session_id, event, moved))
        return event

    def add_note(self, session_id: int, text: str) -> SessionEvent:
        text = clean_text("note", text)
        return self._change(session_id, EventKind.NOTE, text)

    def record_sound_silenced(self, session_id: int, text: str) -> SessionEvent:
        """Logs in the session's record that its alarm sound was silenced (a note, so the
        nurse, the reviewer and the PDF see it beside the alarm; the audit trail has who)."""
        return self._change(session_id, EventKind.NOTE, text)

    def _change(self, session_id: int, kind: EventKind, text: str = "",
                value: float | None = None, seen_version: int | None = None) -> SessionEvent:
        if kind in NEEDS_REASON and not text.strip():
            what = "note" if kind is EventKind.NOTE else "reason"
            raise InvalidEntry(f"Enter a {what}.", "text")
        text = clean_text("event_text", text)
        session = self._repo.sessions.get_session(session_id)
        self._check_seen(session, seen_version)
        check_writable(session)
        # a discharged session still takes notes until it is signed (check_writable)
        after = next_phase(session.phase, kind)
        # A note changes no phase and races with nothing; everything else is written only
        # if the session is still at the version just read (one workstation wins).
        expected = None if kind is EventKind.NOTE else session.version
        event = self._repo.sessions.add_event(session_id, kind, self.clock.now(),
                                              text.strip(), after, value,
                                              expected_version=expected)
        self.changes.report(Change(session_id, event,
                                   session.moved_on(kind, event.at, after)))
        return event

    def _check_seen(self, session: InfusionSession, seen_version: int | None) -> None:
        check_seen(self._repo.sessions, session, seen_version)
    # --- care and review, by their collaborators -----------------------------------

    def record_assessment(self, session_id: int, kind: str, score: int | None = None,
                          items: tuple[int, ...] = (), at: datetime | None = None,
                          note: str = "") -> Assessment:
        return self.care.record_assessment(session_id, kind, score, items, at, note)

    def record_aldrete(self, session_id: int, items: dict[str, int],
                       escort_present: bool = False,
                       no_driving_confirmed: bool = False) -> Assessment:
        return self.care.record_aldrete(session_id, items, escort_present,
                                        no_driving_confirmed)

    def record_medication(self, session_id: int, drug: str, dose: float, unit: str,
                          route: str, at: datetime | None = None,
                          note: str = "") -> MedicationGiven:
        return self.care.record_medication(session_id, drug, dose, unit, route, at, note)

    def acknowledge_alarm(self, alarm_id: int, by: str, action: str,
                          note: str = "") -> Alarm:
        return self.care.acknowledge_alarm(alarm_id, by, action, note)

    def sign(self, session_id: int, by: str, seen_version: int | None = None) -> None:
        self.review.sign(session_id, by, seen_version)

    def add_addendum(self, session_id: int, text: str, reason: str,
                     author: str, author_user: int | None = None,
                     meaning: str = "", corrects: tuple[str, int] | None = None
                     ) -> Addendum:
        return self.review.add_addendum(session_id, text, reason, author, author_user,
                                        meaning, corrects)
