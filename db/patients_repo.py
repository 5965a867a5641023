"""Patients: registration, lookup and the board's patient search."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from db import convert, patient_search
from db.models import PatientRow
from db.storage import Storage
from monitor.errors import InvalidEntry, NotFound
from monitor.patient_identity import mrn_taken
from monitor.records import NewPatient, Patient


class PatientRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def add_patient(self, patient: NewPatient, at: datetime) -> Patient:
        """Registers the patient; refused, naming the patient who has it, when the MRN is
        an existing one apart from case and spaces. The unique ``mrn_key`` decides, so two
        workstations registering one MRN at once cannot both succeed; the insert comes
        first (no read before it, which SQLite could not upgrade to a write in a race)."""
        row = PatientRow(mrn=patient.mrn, name=patient.name,
                         date_of_birth=patient.date_of_birth, allergies=patient.allergies,
                         no_known_allergies=patient.no_known_allergies,
                         notes=patient.notes, created_at=at)
        try:
            with self.storage.transaction() as s:
                s.add(row)
                s.flush()
                return convert.patient(row)
        except IntegrityError:
            with self.storage.transaction() as s:
                taken = patient_search.same_mrn(s, patient.mrn)
                if not taken:
                    raise
                raise InvalidEntry(mrn_taken(patient.mrn, convert.patient(taken[0])),
                                   "mrn") from None

    def patients_with_mrn(self, mrn: str) -> list[Patient]:
        """Every patient whose MRN is ``mrn`` apart from case and spaces: one, or none
        (several only in a clinic registered before revision 0011), the one spelt
        exactly so first."""
        with self.storage.transaction() as s:
            return [convert.patient(r) for r in patient_search.same_mrn(s, mrn)]

    def mrn_clashes(self) -> list[tuple[Patient, Patient]]:
        """Pairs (first registered, later) whose MRNs are one apart from case or spaces:
        only registrations made before revision 0011 refused them (``chairside check``)."""
        first = aliased(PatientRow)
        query = (select(first, PatientRow)
                 .join(first, and_(first.mrn_key == PatientRow.mrn_key, first.mrn_clash == 0))
                 .where(PatientRow.mrn_clash != 0).order_by(first.id, PatientRow.id))
        with self.storage.transaction() as s:
            return [(convert.patient(a), convert.patient(b)) for a, b in s.execute(query)]

    def born_on(self, day: date) -> list[Patient]:
        """The patients with this date of birth (through its index)."""
        query = (select(PatientRow).where(PatientRow.date_of_birth == day)
                 .order_by(PatientRow.id))
        with self.storage.transaction() as s:
            return [convert.patient(r) for r in s.scalars(query)]

    def get_patient(self, patient_id: int) -> Patient:
        with self.storage.transaction() as s:
            row = s.get(PatientRow, patient_id)
            if row is None:
                raise NotFound(f"No patient with id {patient_id}.")
            return convert.patient(row)

    def find_patients(self, text: str, limit: int = 50) -> list[Patient]:
        """Patients whose name or MRN contains each word (any case), or born on a date
        given as YYYY-MM-DD; an exact MRN first; newest first if empty."""
        with self.storage.transaction() as s:
            return [convert.patient(r) for r in patient_search.find(s, text, limit)]
