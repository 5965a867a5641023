"""ORM rows → plain ``monitor`` records (nothing outside ``db/`` sees a row)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import object_session

from db.models import (
    AddendumRow,
    AlarmRow,
    AssessmentRow,
    CorrectionRow,
    EventRow,
    MedicationRow,
    PatientRow,
    ProtocolRow,
    SessionRow,
    SideEffectRow,
    VitalsRow,
)
from monitor.alarms import Alarm
from monitor.assessments import Assessment
from monitor.corrections import Correction, Status
from monitor.medications import MedicationGiven
from monitor.protocol import Protocol, limits_from_json, unreadable_limits_warning
from monitor.records import InfusionSession, Patient
from monitor.review import Addendum
from monitor.side_effects import SideEffect
from monitor.timeline import EventKind, Phase, SessionEvent
from monitor.vitals import Limit, Tier, VitalsSet, VitalsValues, default_limits


def patient(r: PatientRow | Row[Any]) -> Patient:
    # an ORM row, or the columns of one selected by db.patient_search
    return Patient(r.mrn, r.name, r.date_of_birth, r.allergies, r.notes,
                   no_known_allergies=bool(r.no_known_allergies), id=r.id)


def session(r: SessionRow) -> InfusionSession:
    limits, warnings = _session_limits(r)
    return InfusionSession(
        r.id, r.patient_id, r.chair, r.protocol_name, r.drug, r.mg_per_kg, r.weight_kg,
        r.planned_minutes, r.observation_minutes, r.vitals_every_infusing_min,
        r.vitals_every_observation_min, r.created_at, Phase(r.phase), r.started_at,
        r.infusion_ended_at, r.discharged_at,
        overdue_after_min=r.overdue_after_min,
        discharge_min_aldrete=r.discharge_min_aldrete,
        limits=limits,
        concentration_mg_ml=r.concentration_mg_ml, bag_volume_ml=r.bag_volume_ml,
        pump_rate_ml_h=r.pump_rate_ml_h, discharge_ready_at=r.discharge_ready_at,
        protocol_id=r.protocol_id, signed_at=r.signed_at, signed_by=r.signed_by,
        version=r.version, warnings=warnings, created_by=r.created_by)


def _session_limits(r: SessionRow) -> tuple[tuple[Limit, ...], tuple[str, ...]]:
    """The session's own alarm limits; when they cannot be read, its protocol's as the
    protocol is now (or the clinic's defaults), with the warning that says so: loading
    never refuses stored data."""
    if not r.limits_json:
        return default_limits(), ()
    try:
        return limits_from_json(r.limits_json), ()
    except ValueError:
        pass
    db = object_session(r)
    row = db.get(ProtocolRow, r.protocol_id) if db is not None and r.protocol_id else None
    if row is not None:
        try:
            return limits_from_json(row.limits_json), (unreadable_limits_warning(row.name),)
        except ValueError:
            pass
    return default_limits(), (unreadable_limits_warning(None),)


def event(r: EventRow) -> SessionEvent:
    return SessionEvent(r.id, r.session_id, EventKind(r.kind), r.at, r.text, r.entered_at,
                        r.value, entered_by=r.entered_by)


def vitals(r: VitalsRow) -> VitalsSet:
    values = VitalsValues(r.sbp, r.dbp, r.hr, r.spo2, r.rr, r.temp_c)
    flags = tuple(r.flags.splitlines()) if r.flags else ()
    tier = Tier(r.alarm_tier) if r.alarm_tier else None
    return VitalsSet(r.id, r.session_id, r.taken_at, values, r.source, r.entered_at, flags,
                     tier, entered_by=r.entered_by, device_edits=r.device_edits or "")


def side_effect(r: SideEffectRow) -> SideEffect:
    return SideEffect(r.id, r.session_id, r.kind, r.severity, r.at, r.description, r.note,
                      r.entered_at, r.entered_by)


def alarm(r: AlarmRow) -> Alarm:
    return Alarm(r.id, r.session_id, r.vitals_id, Tier(r.tier), tuple(r.messages.splitlines()),
                 r.raised_at, r.acknowledged_at, r.acknowledged_by, r.action, r.note,
                 r.acknowledged_by_user)


def assessment(r: AssessmentRow) -> Assessment:
    items = tuple(int(i) for i in r.items.split(",")) if r.items else ()
    return Assessment(r.id, r.session_id, r.kind, r.score, r.at, items, r.note, r.entered_at,
                      r.entered_by)


def medication(r: MedicationRow) -> MedicationGiven:
    return MedicationGiven(r.id, r.session_id, r.drug, r.dose, r.unit, r.route, r.at, r.note,
                           r.entered_at, r.entered_by)


def protocol(r: ProtocolRow) -> Protocol:
    return Protocol(r.name, r.drug, r.mg_per_kg, r.planned_minutes, r.observation_minutes,
                    r.vitals_every_infusing_min, r.vitals_every_observation_min,
                    r.overdue_after_min, r.discharge_min_aldrete,
                    _protocol_limits(r.limits_json), id=r.id)


def _protocol_limits(stored: str) -> tuple[Limit, ...]:
    """A protocol's limits; the clinic's defaults if they cannot be read (a list of
    protocols must load; the protocol screen shows what will be used)."""
    try:
        return limits_from_json(stored)
    except ValueError:
        return default_limits()


def addendum(r: AddendumRow) -> Addendum:
    return Addendum(r.id, r.session_id, r.text, r.reason, r.author, r.at, r.author_user,
                    r.meaning, r.digest, r.corrects_kind or "", r.corrects_id)


def correction(r: CorrectionRow) -> Correction:
    return Correction(r.id, r.session_id, r.entry_kind, r.entry_id, Status(r.status),
                      r.reason, r.made_at, r.made_by, r.recheck_of)
