"""ClinicRepository: every read and write the app makes, each write its own transaction.

Methods return plain ``monitor`` records, never ORM rows, so nothing outside ``db/``
can lazily load from a session that has gone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from db.models import EventRow, PatientRow, SessionRow, SideEffectRow, VitalsRow
from db.storage import Storage
from monitor.errors import InvalidEntry, NotFound
from monitor.protocol import Protocol
from monitor.records import InfusionSession, NewPatient, Patient
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind, Phase, SessionEvent
from monitor.vitals import VitalsSet, VitalsValues

OPEN_PHASES = (Phase.BASELINE, Phase.INFUSING, Phase.PAUSED, Phase.OBSERVATION)

# Which session column records the time a phase began.
_PHASE_COLUMN = {
    EventKind.START: "started_at",
    EventKind.STOP_EARLY: "infusion_ended_at",
    EventKind.END_INFUSION: "infusion_ended_at",
    EventKind.DISCHARGE: "discharged_at",
}


class ClinicRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    # --- patients ------------------------------------------------------------------

    def add_patient(self, patient: NewPatient, at: datetime) -> Patient:
        row = PatientRow(mrn=patient.mrn, name=patient.name,
                         date_of_birth=patient.date_of_birth, allergies=patient.allergies,
                         notes=patient.notes, created_at=at)
        try:
            with self.storage.transaction() as s:
                s.add(row)
                s.flush()
                return _patient(row)
        except IntegrityError:
            raise InvalidEntry(f"MRN {patient.mrn} is already registered.", "mrn") from None

    def get_patient(self, patient_id: int) -> Patient:
        with self.storage.transaction() as s:
            row = s.get(PatientRow, patient_id)
            if row is None:
                raise NotFound(f"No patient with id {patient_id}.")
            return _patient(row)

    def find_patients(self, text: str, limit: int = 50) -> list[Patient]:
        """Patients whose name or MRN contains ``text`` (any case); newest first if empty."""
        query = select(PatientRow)
        words = text.split()
        for word in words:
            pattern = f"%{word}%"
            query = query.where(or_(PatientRow.name.ilike(pattern),
                                    PatientRow.mrn.ilike(pattern)))
        order = PatientRow.name if words else PatientRow.id.desc()
        with self.storage.transaction() as s:
            rows = s.scalars(query.order_by(order).limit(limit))
            return [_patient(r) for r in rows]

    # --- sessions ------------------------------------------------------------------

    def create_session(self, patient_id: int, chair: str, protocol: Protocol,
                       weight_kg: float, at: datetime) -> InfusionSession:
        row = SessionRow(
            patient_id=patient_id, chair=chair, protocol_name=protocol.name,
            drug=protocol.drug, mg_per_kg=protocol.mg_per_kg, weight_kg=weight_kg,
            planned_minutes=protocol.planned_minutes,
            observation_minutes=protocol.observation_minutes,
            vitals_every_infusing_min=protocol.vitals_every_infusing_min,
            vitals_every_observation_min=protocol.vitals_every_observation_min,
            phase=Phase.BASELINE.value, created_at=at)
        with self.storage.transaction() as s:
            if s.get(PatientRow, patient_id) is None:
                raise NotFound(f"No patient with id {patient_id}.")
            s.add(row)
            s.flush()
            return _session(row)

    def get_session(self, session_id: int) -> InfusionSession:
        with self.storage.transaction() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"No session with id {session_id}.")
            return _session(row)

    def active_session_for(self, patient_id: int) -> InfusionSession | None:
        query = (select(SessionRow)
                 .where(SessionRow.patient_id == patient_id,
                        SessionRow.phase.in_([p.value for p in OPEN_PHASES]))
                 .order_by(SessionRow.created_at.desc()).limit(1))
        with self.storage.transaction() as s:
            row = s.scalars(query).first()
            return _session(row) if row else None

    def open_sessions(self) -> list[tuple[InfusionSession, Patient]]:
        """Sessions not yet discharged, oldest first, with their patients."""
        query = (select(SessionRow, PatientRow).join(PatientRow)
                 .where(SessionRow.phase.in_([p.value for p in OPEN_PHASES]))
                 .order_by(SessionRow.created_at))
        with self.storage.transaction() as s:
            return [(_session(srow), _patient(prow)) for srow, prow in s.execute(query)]

    def sessions_of(self, patient_id: int) -> list[InfusionSession]:
        query = (select(SessionRow).where(SessionRow.patient_id == patient_id)
                 .order_by(SessionRow.created_at))
        with self.storage.transaction() as s:
            return [_session(r) for r in s.scalars(query)]

    # --- events --------------------------------------------------------------------

    def add_event(self, session_id: int, kind: EventKind, at: datetime, text: str,
                  phase_after: Phase) -> SessionEvent:
        """The event and the session's new phase, in one transaction."""
        row = EventRow(session_id=session_id, kind=kind.value, at=at, text=text,
                       entered_at=at)
        with self.storage.transaction() as s:
            session = s.get(SessionRow, session_id)
            if session is None:
                raise NotFound(f"No session with id {session_id}.")
            session.phase = phase_after.value
            if kind in _PHASE_COLUMN:
                setattr(session, _PHASE_COLUMN[kind], at)
            s.add(row)
            s.flush()
            return _event(row)

    def events(self, session_id: int) -> list[SessionEvent]:
        query = (select(EventRow).where(EventRow.session_id == session_id)
                 .order_by(EventRow.at, EventRow.id))
        with self.storage.transaction() as s:
            return [_event(r) for r in s.scalars(query)]

    # --- vitals and side effects ---------------------------------------------------

    def add_vitals(self, session_id: int, values: VitalsValues, taken_at: datetime,
                   source: str, entered_at: datetime, flags: list[str]) -> VitalsSet:
        row = VitalsRow(session_id=session_id, taken_at=taken_at, sbp=values.sbp,
                        dbp=values.dbp, hr=values.hr, spo2=values.spo2, rr=values.rr,
                        temp_c=values.temp_c, source=source, entered_at=entered_at,
                        flags="\n".join(flags))
        with self.storage.transaction() as s:
            s.add(row)
            s.flush()
            return _vitals(row)

    def vitals(self, session_id: int) -> list[VitalsSet]:
        query = (select(VitalsRow).where(VitalsRow.session_id == session_id)
                 .order_by(VitalsRow.taken_at, VitalsRow.id))
        with self.storage.transaction() as s:
            return [_vitals(r) for r in s.scalars(query)]

    def add_side_effect(self, session_id: int, kind: str, severity: int, at: datetime,
                        description: str, note: str, entered_at: datetime) -> SideEffect:
        row = SideEffectRow(session_id=session_id, kind=kind, severity=severity, at=at,
                            description=description, note=note, entered_at=entered_at)
        with self.storage.transaction() as s:
            s.add(row)
            s.flush()
            return _side_effect(row)

    def side_effects(self, session_id: int) -> list[SideEffect]:
        query = (select(SideEffectRow).where(SideEffectRow.session_id == session_id)
                 .order_by(SideEffectRow.at, SideEffectRow.id))
        with self.storage.transaction() as s:
            return [_side_effect(r) for r in s.scalars(query)]


def _patient(r: PatientRow) -> Patient:
    return Patient(r.mrn, r.name, r.date_of_birth, r.allergies, r.notes, id=r.id)


def _session(r: SessionRow) -> InfusionSession:
    return InfusionSession(
        r.id, r.patient_id, r.chair, r.protocol_name, r.drug, r.mg_per_kg, r.weight_kg,
        r.planned_minutes, r.observation_minutes, r.vitals_every_infusing_min,
        r.vitals_every_observation_min, r.created_at, Phase(r.phase), r.started_at,
        r.infusion_ended_at, r.discharged_at)


def _event(r: EventRow) -> SessionEvent:
    return SessionEvent(r.id, r.session_id, EventKind(r.kind), r.at, r.text, r.entered_at)


def _vitals(r: VitalsRow) -> VitalsSet:
    values = VitalsValues(r.sbp, r.dbp, r.hr, r.spo2, r.rr, r.temp_c)
    flags = tuple(r.flags.splitlines()) if r.flags else ()
    return VitalsSet(r.id, r.session_id, r.taken_at, values, r.source, r.entered_at, flags)


def _side_effect(r: SideEffectRow) -> SideEffect:
    return SideEffect(r.id, r.session_id, r.kind, r.severity, r.at, r.description, r.note,
                      r.entered_at)
