"""Alarms and their acknowledgement, assessments, medications given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from db import convert
from db.models import AlarmRow, AssessmentRow, MedicationRow
from db.races import still_open
from db.storage import Storage
from monitor.alarms import Alarm
from monitor.assessments import Assessment
from monitor.errors import InvalidEntry, NotFound
from monitor.medications import MedicationGiven


class CareRepository:
    """Alarms and their acknowledgement, assessments, medications given."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    # --- alarms --------------------------------------------------------------------

    def alarms(self, session_id: int) -> list[Alarm]:
        query = (select(AlarmRow).where(AlarmRow.session_id == session_id)
                 .order_by(AlarmRow.raised_at, AlarmRow.id))
        with self.storage.transaction() as s:
            return [convert.alarm(r) for r in s.scalars(query)]

    def get_alarm(self, alarm_id: int) -> Alarm:
        with self.storage.transaction() as s:
            row = s.get(AlarmRow, alarm_id)
            if row is None:
                raise NotFound(f"No alarm with id {alarm_id}.")
            return convert.alarm(row)

    def acknowledge_alarm(self, alarm_id: int, at: datetime, by: str, action: str,
                          note: str) -> Alarm:
        with self.storage.transaction() as s:
            row = s.get(AlarmRow, alarm_id)
            if row is None:
                raise NotFound(f"No alarm with id {alarm_id}.")
            if row.acknowledged_at is not None:
                raise InvalidEntry(f"This alarm was already acknowledged by "
                                   f"{row.acknowledged_by}.")
            row.acknowledged_at, row.acknowledged_by = at, by
            row.action, row.note = action, note
            s.flush()
            return convert.alarm(row)

    # --- assessments and medications ----------------------------------------------

    def add_assessment(self, session_id: int, kind: str, score: int, items: tuple[int, ...],
                       at: datetime, note: str, entered_at: datetime) -> Assessment:
        row = AssessmentRow(session_id=session_id, kind=kind, score=score,
                            items=",".join(str(i) for i in items), at=at, note=note,
                            entered_at=entered_at)
        with self.storage.transaction() as s:
            still_open(s, session_id)
            s.add(row)
            s.flush()
            return convert.assessment(row)

    def assessments(self, session_id: int) -> list[Assessment]:
        query = (select(AssessmentRow).where(AssessmentRow.session_id == session_id)
                 .order_by(AssessmentRow.at, AssessmentRow.id))
        with self.storage.transaction() as s:
            return [convert.assessment(r) for r in s.scalars(query)]

    def add_medication(self, session_id: int, drug: str, dose: float, unit: str, route: str,
                       at: datetime, note: str, entered_at: datetime) -> MedicationGiven:
        row = MedicationRow(session_id=session_id, drug=drug, dose=dose, unit=unit,
                            route=route, at=at, note=note, entered_at=entered_at)
        with self.storage.transaction() as s:
            still_open(s, session_id)
            s.add(row)
            s.flush()
            return convert.medication(row)

    def medications(self, session_id: int) -> list[MedicationGiven]:
        query = (select(MedicationRow).where(MedicationRow.session_id == session_id)
                 .order_by(MedicationRow.at, MedicationRow.id))
        with self.storage.transaction() as s:
            return [convert.medication(r) for r in s.scalars(query)]
