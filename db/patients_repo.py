"""Patients: registration, lookup and the board's patient search."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from db import convert, patient_search
from db.models import PatientRow
from db.storage import Storage
from monitor.errors import InvalidEntry, NotFound
from monitor.records import NewPatient, Patient


class PatientRepository:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def add_patient(self, patient: NewPatient, at: datetime) -> Patient:
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
            raise InvalidEntry(f"MRN {patient.mrn} is already registered.", "mrn") from None

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
