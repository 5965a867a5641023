"""Assessments, medications and alarm acknowledgements, checked then stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from monitor.alarms import Alarm, check_acknowledgement
from monitor.assessments import Assessment, aldrete_of, check_assessment
from monitor.changes import Change, ChangeFeed
from monitor.clock import Clock
from monitor.entry_time import entry_time
from monitor.medications import MedicationGiven, check_medication
from monitor.ports import CareStore, SessionStore
from monitor.review import check_writable
from monitor.safety_settings import DEFAULT_SAFETY, SafetySettings
from monitor.text_limits import clean_text


class CareActions:
    """What a nurse records beside vitals; each entry stored is reported to ``changes``."""

    def __init__(self, sessions: SessionStore, care: CareStore, clock: Clock,
                 changes: ChangeFeed, safety: SafetySettings = DEFAULT_SAFETY) -> None:
        self._sessions = sessions
        self.safety = safety  # the medication dose range
        self._care = care
        self.clock = clock
        self.changes = changes


    def record_assessment(self, session_id: int, kind: str, score: int | None = None,
                          items: tuple[int, ...] = (), at: datetime | None = None,
                          note: str = "") -> Assessment:
        """Stores a scale; an itemised scale's score is the sum of its items."""
        total = check_assessment(kind, score, tuple(items))
        note = clean_text("assessment_note", note)
        session = self._sessions.get_session(session_id)
        now = self.clock.now()
        when = entry_time(session, at, now)
        assessment = self._care.add_assessment(session_id, kind, total, tuple(items), when,
                                               note.strip(), now)
        self.changes.report(Change(session_id, assessment))
        return assessment

    def record_aldrete(self, session_id: int, items: dict[str, int],
                       escort_present: bool = False,
                       no_driving_confirmed: bool = False) -> Assessment:
        """Stores a Modified Aldrete score. The first time it meets the protocol's minimum
        with an escort present and "no driving" confirmed is kept as the time the patient
        was ready for discharge: a score alone does not make a patient ready."""
        session = self._sessions.get_session(session_id)
        aldrete = aldrete_of(items, session.discharge_min_aldrete, escort_present,
                             no_driving_confirmed)
        assessment = self.record_assessment(session_id, "aldrete", items=aldrete.items)
        if aldrete.makes_ready:
            self._sessions.set_discharge_ready(session_id, assessment.at)
            ready = replace(session, discharge_ready_at=session.discharge_ready_at
                            or assessment.at)
            self.changes.report(Change(session_id, session=ready))
        return assessment

    def record_medication(self, session_id: int, drug: str, dose: float, unit: str,
                          route: str, at: datetime | None = None,
                          note: str = "") -> MedicationGiven:
        drug, note = clean_text("drug", drug), clean_text("medication_note", note)
        check_medication(drug, dose, unit, route)
        self.safety.medication_rule(unit).check(dose)
        session = self._sessions.get_session(session_id)
        now = self.clock.now()
        when = entry_time(session, at, now)
        given = self._care.add_medication(session_id, drug.strip(), float(dose), unit,
                                          route, when, note.strip(), now)
        self.changes.report(Change(session_id, given))
        return given

    def acknowledge_alarm(self, alarm_id: int, by: str, action: str,
                          note: str = "") -> Alarm:
        by, note = clean_text("acknowledged_by", by), clean_text("acknowledgement_note", note)
        check_acknowledgement(by, action, note)
        alarm = self._care.get_alarm(alarm_id)
        check_writable(self._sessions.get_session(alarm.session_id))
        acknowledged = self._care.acknowledge_alarm(alarm_id, self.clock.now(), by.strip(),
                                                    action, note.strip())
        self.changes.report(Change(acknowledged.session_id, acknowledged))
        return acknowledged
