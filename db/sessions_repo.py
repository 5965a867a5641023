"""Sessions: opening, phase changes (events), vitals and side effects, and reading one
session whole."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from db import convert
from db.models import (
    AlarmRow,
    AssessmentRow,
    CorrectionRow,
    EventRow,
    PatientRow,
    SessionRow,
    SideEffectRow,
    VitalsRow,
)
from db.races import lost_race, still_open
from db.record_query import CHILDREN, records_of
from db.storage import Storage
from monitor.assessments import Aldrete, Assessment
from monitor.corrections import Correction, Status
from monitor.errors import NotFound
from monitor.protocol import Protocol, limits_to_json
from monitor.pump import PumpPlan
from monitor.records import InfusionSession, Patient
from monitor.session_record import SessionRecord
from monitor.side_effects import SideEffect
from monitor.timeline import PHASE_TIME, EventKind, Phase, SessionEvent
from monitor.vitals import Tier, VitalsSet, VitalsValues

OPEN_PHASES = (Phase.BASELINE, Phase.INFUSING, Phase.PAUSED, Phase.OBSERVATION)


class SessionRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    # --- sessions ------------------------------------------------------------------

    def create_session(self, patient_id: int, chair: str, protocol: Protocol,
                       weight_kg: float, at: datetime,
                       pump: PumpPlan | None = None) -> InfusionSession:
        row = SessionRow(
            patient_id=patient_id, chair=chair, protocol_name=protocol.name,
            protocol_id=protocol.id, drug=protocol.drug, mg_per_kg=protocol.mg_per_kg,
            weight_kg=weight_kg, planned_minutes=protocol.planned_minutes,
            observation_minutes=protocol.observation_minutes,
            vitals_every_infusing_min=protocol.vitals_every_infusing_min,
            vitals_every_observation_min=protocol.vitals_every_observation_min,
            overdue_after_min=protocol.overdue_after_min,
            discharge_min_aldrete=protocol.discharge_min_aldrete,
            limits_json=limits_to_json(protocol.limits),
            concentration_mg_ml=pump.concentration_mg_ml if pump else None,
            bag_volume_ml=pump.bag_volume_ml if pump else None,
            pump_rate_ml_h=pump.rate_ml_h if pump else None,
            phase=Phase.BASELINE.value, created_at=at)
        with self.storage.transaction() as s:
            if s.get(PatientRow, patient_id) is None:
                raise NotFound(f"No patient with id {patient_id}.")
            s.add(row)
            s.flush()
            return convert.session(row)

    def get_session(self, session_id: int) -> InfusionSession:
        with self.storage.transaction() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"No session with id {session_id}.")
            return convert.session(row)

    def active_session_for(self, patient_id: int) -> InfusionSession | None:
        query = (select(SessionRow)
                 .where(SessionRow.patient_id == patient_id,
                        SessionRow.phase.in_([p.value for p in OPEN_PHASES]))
                 .order_by(SessionRow.created_at.desc()).limit(1))
        with self.storage.transaction() as s:
            row = s.scalars(query).first()
            return convert.session(row) if row else None

    def open_sessions(self) -> list[tuple[InfusionSession, Patient]]:
        """Sessions not yet discharged, oldest first, with their patients."""
        query = (select(SessionRow, PatientRow).join(PatientRow)
                 .where(SessionRow.phase.in_([p.value for p in OPEN_PHASES]))
                 .order_by(SessionRow.created_at))
        with self.storage.transaction() as s:
            return [(convert.session(srow), convert.patient(prow))
                    for srow, prow in s.execute(query)]

    def record(self, session_id: int) -> SessionRecord:
        """The session with its patient and every entry: one transaction."""
        with self.storage.transaction() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"No session with id {session_id}.")
            return records_of(s, [row], convert.patient(row.patient))[0]

    def entry_counts(self, session_ids: list[int]) -> dict[int, tuple[int, ...]]:
        """How many entries of each kind every session holds, and how many of its alarms
        are acknowledged: a cheap fingerprint to notice entries made on another
        workstation (one grouped query per table)."""
        counts: dict[int, list[int]] = {sid: [0] * (len(CHILDREN) + 1) for sid in session_ids}
        if not session_ids:
            return {}
        with self.storage.transaction() as s:
            for i, (table, _attr, _conv, _at) in enumerate(CHILDREN):
                query = (select(table.session_id, func.count()).where(
                    table.session_id.in_(session_ids)).group_by(table.session_id))
                for sid, n in s.execute(query):
                    counts[sid][i] = n
            acked = (select(AlarmRow.session_id, func.count())
                     .where(AlarmRow.session_id.in_(session_ids),
                            AlarmRow.acknowledged_at.is_not(None))
                     .group_by(AlarmRow.session_id))
            for sid, n in s.execute(acked):
                counts[sid][-1] = n
        return {sid: tuple(c) for sid, c in counts.items()}


    def sessions_of(self, patient_id: int) -> list[InfusionSession]:
        query = (select(SessionRow).where(SessionRow.patient_id == patient_id)
                 .order_by(SessionRow.created_at))
        with self.storage.transaction() as s:
            return [convert.session(r) for r in s.scalars(query)]

    def set_discharge_ready(self, session_id: int, at: datetime) -> None:
        """Stores the first time the patient met the discharge criteria."""
        with self.storage.transaction() as s:
            row = s.get(SessionRow, session_id)
            if row is not None and row.discharge_ready_at is None:
                row.discharge_ready_at = at

    # --- events --------------------------------------------------------------------

    def add_event(self, session_id: int, kind: EventKind, at: datetime, text: str,
                  phase_after: Phase, value: float | None = None,
                  expected_version: int | None = None) -> SessionEvent:
        """The event and the session's new phase, in one transaction.

        With ``expected_version`` (phase changes) the session is updated first, and only
        if it is still at that version: otherwise nothing is written and
        ``ChangedElsewhere`` says what the session is now. The conditional UPDATE comes
        before any read, so on SQLite it waits for the write lock and then sees the newest
        data, and on PostgreSQL it waits for a concurrent writer's row lock. A note (no
        expected version) is checked the same way against the session being still open.
        """
        row = EventRow(session_id=session_id, kind=kind.value, at=at, text=text,
                       entered_at=at, value=value)
        with self.storage.transaction() as s:
            if expected_version is not None:
                _move_on(s, session_id, kind, at, phase_after, expected_version)
            elif kind is EventKind.NOTE:  # notes until sign-off (issue 9 §4)
                still_open(s, session_id, discharged_ok=True)
            else:  # a phase change without a version to check (imports, tests)
                _set_phase(s, session_id, kind, at, phase_after)
            s.add(row)
            s.flush()
            return convert.event(row)

    def discharge(self, session_id: int, at: datetime, text: str, aldrete: Aldrete,
                  expected_version: int) -> tuple[SessionEvent, Assessment]:
        """The discharge as one transaction: the session moved on (only if still at
        ``expected_version``), its Aldrete assessment, the time the patient was ready (when
        the assessment makes them so and none is stored yet) and the event. A discharge
        that lost the race stores none of them."""
        event = EventRow(session_id=session_id, kind=EventKind.DISCHARGE.value, at=at,
                         text=text, entered_at=at)
        assessment = AssessmentRow(session_id=session_id, kind="aldrete",
                                   score=aldrete.score,
                                   items=",".join(str(i) for i in aldrete.items), at=at,
                                   note="", entered_at=at)
        with self.storage.transaction() as s:
            _move_on(s, session_id, EventKind.DISCHARGE, at, Phase.DISCHARGED,
                     expected_version)
            if aldrete.makes_ready:
                session = s.get(SessionRow, session_id)
                if session is not None and session.discharge_ready_at is None:
                    session.discharge_ready_at = at
            s.add_all([assessment, event])
            s.flush()
            return convert.event(event), convert.assessment(assessment)

    def events(self, session_id: int) -> list[SessionEvent]:
        # commit order (the id is a sequence), never a workstation's clock
        query = (select(EventRow).where(EventRow.session_id == session_id)
                 .order_by(EventRow.id))
        with self.storage.transaction() as s:
            return [convert.event(r) for r in s.scalars(query)]

    # --- vitals and side effects ---------------------------------------------------

    def add_vitals(self, session_id: int, values: VitalsValues, taken_at: datetime,
                   source: str, entered_at: datetime, flags: list[str],
                   alarm_tier: Tier | None = None, device_edits: str = "") -> VitalsSet:
        """The vitals set and, when it crossed a limit, its alarm: one transaction."""
        with self.storage.transaction() as s:
            still_open(s, session_id)
            return _add_vitals(s, session_id, values, taken_at, source, entered_at, flags,
                               alarm_tier, device_edits)

    def add_recheck(self, session_id: int, values: VitalsValues, taken_at: datetime,
                    source: str, entered_at: datetime, flags: list[str],
                    alarm_tier: Tier | None, replaces: int, by: str
                    ) -> tuple[VitalsSet, Correction]:
        """A recheck: the new set (and its alarm) and its link to the set it replaces,
        in one transaction."""
        with self.storage.transaction() as s:
            still_open(s, session_id)
            stored = _add_vitals(s, session_id, values, taken_at, source, entered_at, flags,
                                 alarm_tier)
            link = CorrectionRow(session_id=session_id, entry_kind="vitals",
                                 entry_id=stored.id, status=Status.RECHECK.value, reason="",
                                 recheck_of=replaces, made_at=entered_at, made_by=by)
            s.add(link)
            s.flush()
            return stored, convert.correction(link)

    def add_correction(self, session_id: int, kind: str, entry_id: int, status: Status,
                       reason: str, at: datetime, by: str) -> Correction:
        """The mark, only while the session is unsigned: the conditional UPDATE (which
        changes nothing) waits for a sign-off being written and then sees it."""
        row = CorrectionRow(session_id=session_id, entry_kind=kind, entry_id=entry_id,
                            status=status.value, reason=reason, made_at=at, made_by=by)
        with self.storage.transaction() as s:
            unsigned = s.execute(update(SessionRow)
                                 .where(SessionRow.id == session_id,
                                        SessionRow.signed_at.is_(None))
                                 .values(version=SessionRow.version)
                                 .execution_options(synchronize_session=False))
            if cast("CursorResult[Any]", unsigned).rowcount != 1:
                raise lost_race(s, session_id)
            s.add(row)
            s.flush()
            return convert.correction(row)

    def corrections(self, session_id: int) -> list[Correction]:
        query = (select(CorrectionRow).where(CorrectionRow.session_id == session_id)
                 .order_by(CorrectionRow.id))
        with self.storage.transaction() as s:
            return [convert.correction(r) for r in s.scalars(query)]

    def vitals(self, session_id: int) -> list[VitalsSet]:
        query = (select(VitalsRow).where(VitalsRow.session_id == session_id)
                 .order_by(VitalsRow.taken_at, VitalsRow.id))
        with self.storage.transaction() as s:
            return [convert.vitals(r) for r in s.scalars(query)]

    def baseline_vitals(self, session_id: int, started_at: datetime) -> VitalsSet | None:
        """The last set taken at or before the start (one indexed row, not the session)."""
        query = (select(VitalsRow)
                 .where(VitalsRow.session_id == session_id, VitalsRow.taken_at <= started_at)
                 .order_by(VitalsRow.taken_at.desc(), VitalsRow.id.desc()).limit(1))
        with self.storage.transaction() as s:
            row = s.scalars(query).first()
            return convert.vitals(row) if row else None

    def add_side_effect(self, session_id: int, kind: str, severity: int, at: datetime,
                        description: str, note: str, entered_at: datetime) -> SideEffect:
        row = SideEffectRow(session_id=session_id, kind=kind, severity=severity, at=at,
                            description=description, note=note, entered_at=entered_at)
        with self.storage.transaction() as s:
            still_open(s, session_id)
            s.add(row)
            s.flush()
            return convert.side_effect(row)

    def side_effects(self, session_id: int) -> list[SideEffect]:
        query = (select(SideEffectRow).where(SideEffectRow.session_id == session_id)
                 .order_by(SideEffectRow.at, SideEffectRow.id))
        with self.storage.transaction() as s:
            return [convert.side_effect(r) for r in s.scalars(query)]


def _set_phase(s: Session, session_id: int, kind: EventKind, at: datetime,
               phase: Phase) -> None:
    session = s.get(SessionRow, session_id)
    if session is None:
        raise NotFound(f"No session with id {session_id}.")
    session.phase = phase.value
    if kind in PHASE_TIME:
        setattr(session, PHASE_TIME[kind], at)


def _move_on(s: Session, session_id: int, kind: EventKind, at: datetime, phase: Phase,
             expected_version: int) -> None:
    """The session in its new phase (and the phase's time), one version on, only if it is
    still at ``expected_version``; otherwise ``ChangedElsewhere`` from ``lost_race``."""
    values: dict = {"phase": phase.value, "version": SessionRow.version + 1}
    if kind in PHASE_TIME:
        values[PHASE_TIME[kind]] = at
    done = s.execute(update(SessionRow)
                     .where(SessionRow.id == session_id,
                            SessionRow.version == expected_version)
                     .values(**values)
                     .execution_options(synchronize_session=False))
    if cast("CursorResult[Any]", done).rowcount != 1:
        raise lost_race(s, session_id)
def _add_vitals(s: Session, session_id: int, values: VitalsValues, taken_at: datetime,
                source: str, entered_at: datetime, flags: list[str],
                alarm_tier: Tier | None, device_edits: str = "") -> VitalsSet:
    row = VitalsRow(session_id=session_id, taken_at=taken_at, sbp=values.sbp,
                    dbp=values.dbp, hr=values.hr, spo2=values.spo2, rr=values.rr,
                    temp_c=values.temp_c, source=source, entered_at=entered_at,
                    device_edits=device_edits,
                    flags="\n".join(flags),
                    alarm_tier=alarm_tier.value if alarm_tier else None)
    s.add(row)
    s.flush()
    alarm = None
    if alarm_tier is not None:
        alarm = AlarmRow(session_id=session_id, vitals_id=row.id, tier=alarm_tier.value,
                         messages="\n".join(flags), raised_at=entered_at,
                         acknowledged_by="", action="", note="")
        s.add(alarm)
        s.flush()
    v = convert.vitals(row)
    return v.with_alarm(convert.alarm(alarm)) if alarm else v
